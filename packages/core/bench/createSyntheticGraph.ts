import type { SupervoxelGraphIndexInput } from "../src/index";

/**
 * A synthetic supervoxel graph for the benchmark: an L×L×L lattice of supervoxels (6-connected, so about
 * 3·N edges), 40 nm apart, cut into "neurons" of three sizes, each falsely merged with a twin:
 *
 * - the lattice is cut into z-slabs 10 supervoxels thick; the first 40 % of the slabs are one group each
 *   (L×L×10, 100,000 supervoxels at L = 100), the next 30 % are cut into bars (L×10×10, 10,000), the rest
 *   into cubes (10×10×10, 1,000);
 * - each group is two neurons (halves) whose interface has on average 3 strong "false merge" edges, so the
 *   automated agglomeration joins them: the segment a proofreader must split;
 * - affinities: inside a neuron 0.7–1.0 (1 % false splits at 0.3–0.5), across a group's interface 0.1–0.4,
 *   between groups 0–0.3; 3 % of the supervoxels are orphan fragments whose edges are all 0.2–0.45.
 *
 * Threshold 0.5. Deterministic from `seed`.
 */
export interface SyntheticGraph {
  /** The graph arrays, for `createSupervoxelGraphFromIndices` (ids ascending). */
  readonly input: SupervoxelGraphIndexInput;
  readonly side: number;
  /** Group of each supervoxel index, and whether it is in the group's second half. */
  readonly group: Int32Array;
  readonly half: Uint8Array;
  /** The kind of each group id: 0 slab, 1 bar, 2 cube. */
  readonly groupKind: Map<number, 0 | 1 | 2>;
  readonly threshold: number;
  readonly voxelNm: number;
}

export function createSyntheticGraph(supervoxels: number, seed = 1): SyntheticGraph {
  const L = Math.max(20, Math.round(Math.cbrt(supervoxels)));
  const n = L * L * L;
  const slabs = Math.floor(L / 10);
  const slabKind = (s: number): 0 | 1 | 2 =>
    s < Math.round(slabs * 0.4) ? 0 : s < Math.round(slabs * 0.7) ? 1 : 2;
  let state = seed >>> 0 || 1;
  const rand = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const group = new Int32Array(n);
  const half = new Uint8Array(n);
  const orphan = new Uint8Array(n);
  const groupKind = new Map<number, 0 | 1 | 2>();
  const idx = (x: number, y: number, z: number) => x + L * (y + L * z);
  for (let z = 0; z < L; z++) {
    const s = Math.min(Math.floor(z / 10), slabs - 1);
    const kind = slabKind(s);
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const v = idx(x, y, z);
        const bar = Math.min(Math.floor(y / 10), Math.floor(L / 10) - 1);
        const col = Math.min(Math.floor(x / 10), Math.floor(L / 10) - 1);
        let g: number;
        if (kind === 0) {
          g = s;
          half[v] = x < L / 2 ? 0 : 1;
        } else if (kind === 1) {
          g = 1_000 + s * 100 + bar;
          half[v] = x < L / 2 ? 0 : 1;
        } else {
          g = 100_000 + s * 10_000 + col * 100 + bar;
          half[v] = z % 10 < 5 ? 0 : 1;
        }
        group[v] = g;
        groupKind.set(g, kind);
        orphan[v] = rand() < 0.03 ? 1 : 0;
      }
    }
  }
  const m = 3 * L * L * (L - 1);
  const edgeA = new Uint32Array(m);
  const edgeB = new Uint32Array(m);
  const affinities = new Float32Array(m);
  let k = 0;
  const add = (a: number, b: number, p: number, q: number) => {
    let w: number;
    const r = rand();
    if (orphan[a] === 1 || orphan[b] === 1) w = 0.2 + 0.25 * r;
    else if (group[a] !== group[b]) w = 0.3 * r;
    else if (half[a] === half[b]) w = rand() < 0.01 ? 0.3 + 0.2 * r : 0.7 + 0.3 * r;
    else {
      // interface: about 3 false-merge edges per group, at hashed positions of the interface plane
      const kind = groupKind.get(group[a]!)!;
      const area = kind === 0 ? L * 10 : 100;
      w = hash(group[a]!, p, q) % Math.round(area / 3) === 0 ? 0.55 + 0.1 * r : 0.1 + 0.3 * r;
    }
    edgeA[k] = a;
    edgeB[k] = b;
    affinities[k] = w;
    k++;
  };
  for (let z = 0; z < L; z++) {
    for (let y = 0; y < L; y++) {
      for (let x = 0; x < L; x++) {
        const v = idx(x, y, z);
        if (x + 1 < L) add(v, idx(x + 1, y, z), y, z);
        if (y + 1 < L) add(v, idx(x, y + 1, z), x, z);
        if (z + 1 < L) add(v, idx(x, y, z + 1), x, y);
      }
    }
  }
  const voxelNm = 40;
  const ids = new BigUint64Array(n);
  const positions = new Float32Array(3 * n);
  const base = 1n << 40n;
  for (let v = 0; v < n; v++) {
    ids[v] = base + BigInt(v);
    positions[3 * v] = (v % L) * voxelNm;
    positions[3 * v + 1] = (Math.floor(v / L) % L) * voxelNm;
    positions[3 * v + 2] = Math.floor(v / (L * L)) * voxelNm;
  }
  return {
    input: { supervoxelIds: ids, edgeA, edgeB, affinities, positions },
    side: L,
    group,
    half,
    groupKind,
    threshold: 0.5,
    voxelNm,
  };
}

function hash(g: number, p: number, q: number): number {
  let h = Math.imul(g ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(p + 1, 0xc2b2ae35) ^ Math.imul(q + 7, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}
