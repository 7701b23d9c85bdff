import { InvalidGraphError, UnknownSupervoxelError } from "./errors";
import { MAX_UINT64 } from "./ids";

/**
 * The immutable supervoxel graph (SPEC.md G*): supervoxel ids sorted ascending, adjacency in CSR form with
 * every row sorted by neighbour index, one dense edge index per undirected edge, Float32 affinities in [0, 1]
 * and optional representative positions (x, y, z in nm).
 *
 * Edge `e` is the `e`-th edge in (lower index, higher index) order, so the edges of a row's upper part
 * (neighbours above the row) are consecutive. Each CSR slot `s` holds the neighbour `neighbors[s]` and the
 * edge index `slotEdge[s]`; both directions of an edge name the same edge index.
 */
export class SupervoxelGraph {
  /** Number of supervoxels. */
  readonly size: number;
  /** Number of undirected edges. */
  readonly edgeCount: number;
  /** Supervoxel ids, strictly ascending; the index of an id is its dense uint32 index. */
  readonly supervoxelIds: BigUint64Array;
  /** CSR row offsets, `size + 1` entries. */
  readonly offsets: Uint32Array;
  /** CSR neighbour indices, `2 × edgeCount` entries, each row ascending. */
  readonly neighbors: Uint32Array;
  /** Edge index of each CSR slot. */
  readonly slotEdge: Uint32Array;
  /** Affinity of each edge, in [0, 1]. */
  readonly affinities: Float32Array;
  /** Representative position of each supervoxel, `3 × size` floats in nm, or null when the dataset has none. */
  readonly positions: Float32Array | null;
  private readonly words: Uint32Array;
  private readonly hiWord: number;
  private readonly loWord: number;

  /** Use `createSupervoxelGraph` or `createSupervoxelGraphFromIndices`; this constructor does not validate. */
  constructor(parts: {
    supervoxelIds: BigUint64Array;
    offsets: Uint32Array;
    neighbors: Uint32Array;
    slotEdge: Uint32Array;
    affinities: Float32Array;
    positions: Float32Array | null;
  }) {
    this.supervoxelIds = parts.supervoxelIds;
    this.offsets = parts.offsets;
    this.neighbors = parts.neighbors;
    this.slotEdge = parts.slotEdge;
    this.affinities = parts.affinities;
    this.positions = parts.positions;
    this.size = parts.supervoxelIds.length;
    this.edgeCount = parts.affinities.length;
    this.words = wordsOf(parts.supervoxelIds);
    this.loWord = LITTLE_ENDIAN ? 0 : 1;
    this.hiWord = 1 - this.loWord;
  }

  /** Dense index of a supervoxel id, or -1 when the dataset does not have it. O(log size), no allocation. */
  indexOf(id: bigint): number {
    if (id < 0n || id > MAX_UINT64) return -1;
    return this.indexOfWords(Number(id >> 32n), Number(id & 0xffffffffn));
  }

  /** Like `indexOf`, but throws UnknownSupervoxelError naming `field`. */
  requireIndex(id: bigint, field: string): number {
    const index = this.indexOf(id);
    if (index < 0) throw new UnknownSupervoxelError(id, field);
    return index;
  }

  /** @internal Binary search on the (high, low) 32-bit words of the sorted ids. */
  indexOfWords(hi: number, lo: number): number {
    const w = this.words;
    const h = this.hiWord;
    const l = this.loWord;
    let a = 0;
    let b = this.size - 1;
    while (a <= b) {
      const m = (a + b) >>> 1;
      const mh = w[2 * m + h]!;
      const ml = w[2 * m + l]!;
      if (mh < hi || (mh === hi && ml < lo)) a = m + 1;
      else if (mh === hi && ml === lo) return m;
      else b = m - 1;
    }
    return -1;
  }

  /** The id of a dense index. */
  idAt(index: number): bigint {
    const id = this.supervoxelIds[index];
    if (id === undefined) throw new RangeError(`supervoxel index ${index} is outside 0..${this.size - 1}`);
    return id;
  }

  /** Number of graph neighbours of a supervoxel index. */
  degree(index: number): number {
    return this.offsets[index + 1]! - this.offsets[index]!;
  }

  /** Edge index between two supervoxel indices, or -1 when they are not adjacent in the graph. O(log degree). */
  edgeIndex(a: number, b: number): number {
    const offsets = this.offsets;
    let lo = offsets[a]!;
    let hi = offsets[a + 1]! - 1;
    const nb = this.neighbors;
    while (lo <= hi) {
      const m = (lo + hi) >>> 1;
      const v = nb[m]!;
      if (v < b) lo = m + 1;
      else if (v > b) hi = m - 1;
      else return this.slotEdge[m]!;
    }
    return -1;
  }

  /** Bytes held per supervoxel and per edge (typed arrays only). */
  memoryBytes(): { perSupervoxel: number; perEdge: number } {
    return {
      perSupervoxel:
        this.supervoxelIds.byteLength + this.offsets.byteLength + (this.positions?.byteLength ?? 0),
      perEdge: this.neighbors.byteLength + this.slotEdge.byteLength + this.affinities.byteLength,
    };
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function wordsOf(ids: BigUint64Array): Uint32Array {
  return new Uint32Array(ids.buffer, ids.byteOffset, ids.length * 2);
}

/** The graph as dense indices: ids strictly ascending, edge endpoints as indices into them. */
export interface SupervoxelGraphIndexInput {
  supervoxelIds: BigUint64Array;
  edgeA: Uint32Array;
  edgeB: Uint32Array;
  affinities: Float32Array;
  /** x, y, z in nm per supervoxel (3 × ids), or absent. */
  positions?: Float32Array | undefined;
}

/** The graph as ids: supervoxel ids in any order (unique), edges by supervoxel id. */
export interface SupervoxelGraphInput {
  supervoxelIds: BigUint64Array;
  edges: { a: BigUint64Array; b: BigUint64Array; affinities: Float32Array };
  /** x, y, z in nm per supervoxel, aligned with `supervoxelIds` as given, or absent. */
  positions?: Float32Array | undefined;
}

/**
 * Builds the graph from ids (rules G1–G5): sorts the ids, maps edge endpoints to indices, and calls
 * `createSupervoxelGraphFromIndices`. Unknown endpoints are refused with the offending edge's position.
 */
export function createSupervoxelGraph(input: SupervoxelGraphInput): SupervoxelGraph {
  const n = input.supervoxelIds.length;
  const ids = input.supervoxelIds.slice().sort();
  for (let i = 1; i < n; i++) {
    if (ids[i] === ids[i - 1]) {
      throw new InvalidGraphError("G1", "supervoxelIds", `supervoxel ${ids[i]} is listed twice`);
    }
  }
  const probe = new SupervoxelGraph({
    supervoxelIds: ids,
    offsets: new Uint32Array(1),
    neighbors: new Uint32Array(0),
    slotEdge: new Uint32Array(0),
    affinities: new Float32Array(0),
    positions: null,
  });
  let positions: Float32Array | undefined;
  if (input.positions !== undefined) {
    checkPositions(input.positions, n);
    positions = new Float32Array(3 * n);
    const given = input.positions;
    for (let i = 0; i < n; i++) {
      const j = probe.indexOf(input.supervoxelIds[i]!);
      positions[3 * j] = given[3 * i]!;
      positions[3 * j + 1] = given[3 * i + 1]!;
      positions[3 * j + 2] = given[3 * i + 2]!;
    }
  }
  const { a, b, affinities } = input.edges;
  const m = a.length;
  if (b.length !== m || affinities.length !== m) {
    throw new InvalidGraphError(
      "G5",
      "edges",
      `a, b and affinities must have one length; got ${m}, ${b.length}, ${affinities.length}`,
    );
  }
  const edgeA = mapIds(probe, a, "edges.a");
  const edgeB = mapIds(probe, b, "edges.b");
  return createSupervoxelGraphFromIndices({ supervoxelIds: ids, edgeA, edgeB, affinities, positions });
}

function mapIds(probe: SupervoxelGraph, ids: BigUint64Array, field: string): Uint32Array {
  const words = wordsOf(ids);
  const l = LITTLE_ENDIAN ? 0 : 1;
  const h = 1 - l;
  const out = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const index = probe.indexOfWords(words[2 * i + h]!, words[2 * i + l]!);
    if (index < 0) throw new UnknownSupervoxelError(ids[i]!, `${field}[${i}]`);
    out[i] = index;
  }
  return out;
}

function checkPositions(positions: Float32Array, n: number): void {
  if (positions.length !== 3 * n) {
    throw new InvalidGraphError(
      "G4",
      "positions",
      `expected 3 × ${n} = ${3 * n} floats, got ${positions.length}`,
    );
  }
  for (let i = 0; i < positions.length; i++) {
    if (!Number.isFinite(positions[i]!)) {
      throw new InvalidGraphError(
        "G4",
        `positions[${i}]`,
        `expected a finite coordinate in nm, got ${positions[i]}`,
      );
    }
  }
}

/**
 * Builds the CSR graph from dense indices (rules G1–G5) in O(size + edges) with two counting sorts.
 * Self-loops, endpoints out of range and affinities outside [0, 1] are refused; an edge listed more than once
 * (in either direction) is kept once with its largest affinity.
 */
export function createSupervoxelGraphFromIndices(input: SupervoxelGraphIndexInput): SupervoxelGraph {
  const { supervoxelIds: ids, edgeA, edgeB, affinities: affIn } = input;
  const n = ids.length;
  const m = edgeA.length;
  if (n > 0xfffffffe) throw new InvalidGraphError("G1", "supervoxelIds", "at most 2^32 − 2 supervoxels");
  for (let i = 1; i < n; i++) {
    if (ids[i]! <= ids[i - 1]!) {
      throw new InvalidGraphError(
        "G1",
        `supervoxelIds[${i}]`,
        `ids must be strictly ascending; ${ids[i]} follows ${ids[i - 1]}`,
      );
    }
  }
  if (edgeB.length !== m || affIn.length !== m) {
    throw new InvalidGraphError(
      "G5",
      "edges",
      `edgeA, edgeB and affinities must have one length; got ${m}, ${edgeB.length}, ${affIn.length}`,
    );
  }
  if (input.positions !== undefined) checkPositions(input.positions, n);
  const lo = new Uint32Array(m);
  const hi = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    const a = edgeA[e]!;
    const b = edgeB[e]!;
    if (a >= n || b >= n) {
      throw new InvalidGraphError(
        "G5",
        `edges[${e}]`,
        `endpoint index ${a >= n ? a : b} is outside 0..${n - 1}`,
      );
    }
    if (a === b) throw new InvalidGraphError("G3", `edges[${e}]`, `self-loop on supervoxel ${ids[a]}`);
    const w = affIn[e]!;
    if (!(w >= 0 && w <= 1)) {
      throw new InvalidGraphError(
        "G4",
        `edges[${e}]`,
        `affinity must be in [0, 1], got ${w} (edge ${ids[a]}–${ids[b]})`,
      );
    }
    lo[e] = Math.min(a, b);
    hi[e] = Math.max(a, b);
  }
  const order = sortEdgePairs(n, lo, hi);
  // Pass 1: count unique edges and degrees.
  const degree = new Uint32Array(n + 1);
  let unique = 0;
  for (let i = 0; i < m; i++) {
    const e = order[i]!;
    if (i > 0) {
      const p = order[i - 1]!;
      if (lo[p] === lo[e] && hi[p] === hi[e]) continue;
    }
    unique++;
    degree[lo[e]!]!++;
    degree[hi[e]!]!++;
  }
  const offsets = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) offsets[v + 1] = offsets[v]! + degree[v]!;
  const cursor = degree; // reuse as fill cursor
  cursor.set(offsets.subarray(0, n));
  const neighbors = new Uint32Array(2 * unique);
  const slotEdge = new Uint32Array(2 * unique);
  const affinities = new Float32Array(unique);
  let k = -1;
  for (let i = 0; i < m; i++) {
    const e = order[i]!;
    const a = lo[e]!;
    const b = hi[e]!;
    if (k >= 0) {
      const p = order[i - 1]!;
      if (lo[p] === a && hi[p] === b) {
        if (affIn[e]! > affinities[k]!) affinities[k] = affIn[e]!;
        continue;
      }
    }
    k++;
    affinities[k] = affIn[e]!;
    const sa = cursor[a]!++;
    neighbors[sa] = b;
    slotEdge[sa] = k;
    const sb = cursor[b]!++;
    neighbors[sb] = a;
    slotEdge[sb] = k;
  }
  return new SupervoxelGraph({
    supervoxelIds: ids,
    offsets,
    neighbors,
    slotEdge,
    affinities,
    positions: input.positions ?? null,
  });
}

/** Permutation of edges sorted by (lo, hi): two stable counting sorts, O(n + m). */
function sortEdgePairs(n: number, lo: Uint32Array, hi: Uint32Array): Uint32Array {
  const m = lo.length;
  const count = new Uint32Array(n + 1);
  const byHi = new Uint32Array(m);
  for (let e = 0; e < m; e++) count[hi[e]! + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  for (let e = 0; e < m; e++) byHi[count[hi[e]!]!++] = e;
  count.fill(0);
  for (let e = 0; e < m; e++) count[lo[e]! + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  const order = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const e = byHi[i]!;
    order[count[lo[e]!]!++] = e;
  }
  return order;
}
