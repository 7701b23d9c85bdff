/**
 * Grows the synthetic neurons of the demo brain as skeletons: a spherical soma, 4–6 branching dendrites
 * with tapering radii, and one long branching axon per neuron, each neurite a persistent random walk
 * that steers away from the volume's faces and from space other neurites already occupy (so neurites
 * pack against each other and touch, rather than pass through each other). Every skeleton node belongs
 * to a "piece" — a stretch of one neurite, or a sector of a soma — that becomes a supervoxel.
 */
import { COMPARTMENT_AXON, COMPARTMENT_DENDRITE, COMPARTMENT_SOMA } from "@danio/formats";
import type { Rng } from "./Rng";

export interface GrowOptions {
  size: [number, number, number];
  neurons: number;
  /** Target fraction of the volume filled by neurites and somas. */
  fill: number;
  /** Mean path length of a dendrite / axon piece (supervoxel), in voxels. */
  dendritePieceLength: number;
  axonPieceLength: number;
}

export interface NeuronSkeletons {
  nodeCount: number;
  /** Node positions in continuous voxel coordinates (voxel i spans [i, i + 1)). */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  radius: Float32Array;
  /** Parent node, or -1 for a soma. A neurite's first node has its soma as parent and draws no segment to it. */
  parent: Int32Array;
  neuron: Uint32Array;
  compartment: Uint8Array;
  /** The piece of each node; for a soma node, the first of its sector pieces. */
  piece: Int32Array;
  /** Per neuron: soma node, number of soma sectors and their directions (3 per sector, packed). */
  somaNode: Int32Array;
  somaSectorCount: Uint8Array;
  somaSectorDirs: Float64Array[];
  /** Per piece: neuron and compartment. */
  pieceCount: number;
  pieceNeuron: Uint32Array;
  pieceCompartment: Uint8Array;
}

class Grow {
  x = new Float64Array(1024);
  y = new Float64Array(1024);
  z = new Float64Array(1024);
  radius = new Float32Array(1024);
  parent = new Int32Array(1024);
  neuron = new Uint32Array(1024);
  compartment = new Uint8Array(1024);
  piece = new Int32Array(1024);
  n = 0;
  pieceNeuron: number[] = [];
  pieceCompartment: number[] = [];

  add(
    px: number,
    py: number,
    pz: number,
    r: number,
    parent: number,
    neuron: number,
    comp: number,
    piece: number,
  ): number {
    if (this.n === this.x.length) {
      const grow = <T extends Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array>(
        a: T,
      ): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a as never);
        return b;
      };
      this.x = grow(this.x);
      this.y = grow(this.y);
      this.z = grow(this.z);
      this.radius = grow(this.radius);
      this.parent = grow(this.parent);
      this.neuron = grow(this.neuron);
      this.compartment = grow(this.compartment);
      this.piece = grow(this.piece);
    }
    const i = this.n++;
    this.x[i] = px;
    this.y[i] = py;
    this.z[i] = pz;
    this.radius[i] = r;
    this.parent[i] = parent;
    this.neuron[i] = neuron;
    this.compartment[i] = comp;
    this.piece[i] = piece;
    return i;
  }

  newPiece(neuron: number, comp: number): number {
    this.pieceNeuron.push(neuron);
    this.pieceCompartment.push(comp);
    return this.pieceNeuron.length - 1;
  }
}

/** Coarse occupancy: which node last passed through each cell of OCC voxels. */
const OCC = 3;
const STEP = 2;
/** Directions tried per step: four near the preferred one, two wider (and up to 12 more if all are blocked). */
const CANDIDATES = 6;
/** Tubes of two neurons may overlap this much (voxels): they then share a flat contact instead of a gap. */
const OVERLAP = 0.6;
const ATTRACTION = 0.15;
/** Typical radii, used to turn the fill target into neurite lengths. */
const DENDRITE_MEAN_R = 2.6;
const AXON_MEAN_R = 1.9;

interface Branch {
  parent: number;
  x: number;
  y: number;
  z: number;
  dx: number;
  dy: number;
  dz: number;
  r: number;
  budget: number;
  order: number;
}

export function growNeurons(opts: GrowOptions, rng: Rng): NeuronSkeletons {
  const [sx, sy, sz] = opts.size;
  const g = new Grow();
  const ox = Math.ceil(sx / OCC);
  const oy = Math.ceil(sy / OCC);
  const oz = Math.ceil(sz / OCC);
  const occ = new Int32Array(ox * oy * oz).fill(-1);
  const minDim = Math.min(sx, sy, sz);
  const somaR = Math.max(3, Math.min(10, minDim / 12));
  const volume = sx * sy * sz;
  const perNeuron = (opts.fill * volume) / opts.neurons;
  const somaVolume = (4 / 3) * Math.PI * somaR ** 3;
  const neuriteVolume = Math.max(perNeuron - somaVolume, 40 * Math.PI);
  const dendriteLength = (0.55 * neuriteVolume) / (Math.PI * DENDRITE_MEAN_R * DENDRITE_MEAN_R);
  const axonLength = (0.45 * neuriteVolume) / (Math.PI * AXON_MEAN_R * AXON_MEAN_R);
  const somaNode = new Int32Array(opts.neurons);
  const somaSectorCount = new Uint8Array(opts.neurons);
  const somaSectorDirs: Float64Array[] = [];
  const somas: number[] = [];
  const tmp = new Float64Array(3);
  const margin = 5;

  const cellOf = (px: number, py: number, pz: number): number => {
    const cx = Math.floor(px / OCC);
    const cy = Math.floor(py / OCC);
    const cz = Math.floor(pz / OCC);
    if (cx < 0 || cy < 0 || cz < 0 || cx >= ox || cy >= oy || cz >= oz) return -1;
    return cx + ox * (cy + oy * cz);
  };
  /**
   * Crowding around a point for a neurite of radius r: +∞ when another neuron's skeleton node is closer
   * than the two radii together less OVERLAP (the tubes would cut into each other); else cells of other
   * neurons count −ATTRACTION (neurites run along each other and touch, as in neuropil) and this neuron's
   * older cells +½ (a neuron does not fold back onto itself).
   */
  const crowding = (
    px: number,
    py: number,
    pz: number,
    r: number,
    neuron: number,
    recentFrom: number,
  ): number => {
    let cost = 0;
    const cx = Math.floor(px / OCC);
    const cy = Math.floor(py / OCC);
    const cz = Math.floor(pz / OCC);
    for (let dz = -1; dz <= 1; dz++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          const z = cz + dz;
          if (x < 0 || y < 0 || z < 0 || x >= ox || y >= oy || z >= oz) {
            cost += 0.25;
            continue;
          }
          const node = occ[x + ox * (y + oy * z)]!;
          if (node < 0) continue;
          if (g.neuron[node] !== neuron) {
            const d = Math.hypot(px - g.x[node]!, py - g.y[node]!, pz - g.z[node]!);
            if (d < r + g.radius[node]! - OVERLAP) return Number.POSITIVE_INFINITY;
            cost -= ATTRACTION;
          } else if (node < recentFrom) cost += 0.5;
        }
      }
    }
    return cost;
  };

  for (let ni = 0; ni < opts.neurons; ni++) {
    // Soma: away from the faces and from other somas (relaxing the spacing if the volume is crowded).
    let cx = 0;
    let cy = 0;
    let cz = 0;
    let spacing = somaR * 4;
    for (let attempt = 0; ; attempt++) {
      const m = somaR + 2;
      cx = rng.range(m, sx - m);
      cy = rng.range(m, sy - m);
      cz = rng.range(m, sz - m);
      let ok = true;
      for (let k = 0; k < somas.length && ok; k += 3) {
        const d = Math.hypot(cx - somas[k]!, cy - somas[k + 1]!, cz - somas[k + 2]!);
        if (d < spacing) ok = false;
      }
      if (ok) break;
      if (attempt % 50 === 49) spacing *= 0.85;
    }
    somas.push(cx, cy, cz);
    const rs = somaR * rng.range(0.8, 1.15);
    const sectors = 4 + rng.int(3);
    const dirs = new Float64Array(3 * sectors);
    for (let k = 0; k < sectors; k++) rng.unitVector(dirs, 3 * k);
    const firstSector = g.newPiece(ni, COMPARTMENT_SOMA);
    for (let k = 1; k < sectors; k++) g.newPiece(ni, COMPARTMENT_SOMA);
    const soma = g.add(cx, cy, cz, rs, -1, ni, COMPARTMENT_SOMA, firstSector);
    somaNode[ni] = soma;
    somaSectorCount[ni] = sectors;
    somaSectorDirs.push(dirs);
    const c0 = cellOf(cx, cy, cz);
    if (c0 >= 0) occ[c0] = soma;

    const axonDir = new Float64Array(3);
    rng.unitVector(axonDir);
    const branches: Branch[] = [];
    const primaries = 4 + rng.int(3);
    for (let k = 0; k < primaries; k++) {
      for (let t = 0; t < 10; t++) {
        rng.unitVector(tmp);
        if (tmp[0]! * axonDir[0]! + tmp[1]! * axonDir[1]! + tmp[2]! * axonDir[2]! < 0.3) break;
      }
      branches.push({
        parent: soma,
        x: cx + tmp[0]! * rs * 0.8,
        y: cy + tmp[1]! * rs * 0.8,
        z: cz + tmp[2]! * rs * 0.8,
        dx: tmp[0]!,
        dy: tmp[1]!,
        dz: tmp[2]!,
        r: rng.range(3.0, 4.2),
        budget: (dendriteLength / primaries) * rng.range(0.7, 1.3),
        order: 0,
      });
    }
    const axon: Branch = {
      parent: soma,
      x: cx + axonDir[0]! * rs * 0.8,
      y: cy + axonDir[1]! * rs * 0.8,
      z: cz + axonDir[2]! * rs * 0.8,
      dx: axonDir[0]!,
      dy: axonDir[1]!,
      dz: axonDir[2]!,
      r: rng.range(1.8, 2.4),
      budget: axonLength * rng.range(0.8, 1.2),
      order: 0,
    };
    // Dendrites first, then the axon; each neurite depth-first, children in creation order.
    growTree(branches, COMPARTMENT_DENDRITE, ni);
    growTree([axon], COMPARTMENT_AXON, ni);
  }

  function growTree(roots: Branch[], comp: number, ni: number): void {
    const isAxon = comp === COMPARTMENT_AXON;
    const pieceMean = isAxon ? opts.axonPieceLength : opts.dendritePieceLength;
    const persistence = isAxon ? 0.9 : 0.8;
    const jitter = isAxon ? 0.3 : 0.45;
    const taper = isAxon ? 0.999 : 0.992;
    const rMin = isAxon ? 1.4 : 1.6;
    const branchP = isAxon ? 0.012 : 0.05;
    const maxOrder = isAxon ? 3 : 3;
    const stack = roots.slice().reverse();
    const cand = new Float64Array(3);
    while (stack.length > 0) {
      const b = stack.pop()!;
      let piece = g.newPiece(ni, comp);
      let pieceLeft = pieceMean * rng.range(0.6, 1.4);
      let prev = g.add(b.x, b.y, b.z, b.r, b.parent, ni, comp, piece);
      const recentFrom = prev;
      let { x, y, z, dx, dy, dz, r, budget } = b;
      while (budget > 0) {
        // Preferred direction: persistence + jitter + a push away from nearby faces.
        let px = dx * persistence;
        let py = dy * persistence;
        let pz = dz * persistence;
        const push = (p: number, s: number) =>
          p < margin ? (margin - p) / margin : p > s - margin ? -(p - (s - margin)) / margin : 0;
        px += 1.5 * push(x, sx);
        py += 1.5 * push(y, sy);
        pz += 1.5 * push(z, sz);
        let bestCost = Number.POSITIVE_INFINITY;
        let bx = 0;
        let by = 0;
        let bz = 0;
        for (let k = 0; k < CANDIDATES || (k < 3 * CANDIDATES && !Number.isFinite(bestCost)); k++) {
          rng.unitVector(cand);
          const spread = jitter * (k < 4 ? 1 : k < CANDIDATES ? 2.5 : 6);
          let qx = px + spread * cand[0]!;
          let qy = py + spread * cand[1]!;
          let qz = pz + spread * cand[2]!;
          const qn = Math.hypot(qx, qy, qz) || 1;
          qx /= qn;
          qy /= qn;
          qz /= qn;
          const look = r + 2.5;
          const here = crowding(x + qx * STEP, y + qy * STEP, z + qz * STEP, r, ni, recentFrom - 12);
          const ahead = crowding(x + qx * look, y + qy * look, z + qz * look, r, ni, recentFrom - 12);
          const cost = here + (Number.isFinite(ahead) ? ahead : 6) + 0.3 * Math.min(k, CANDIDATES);
          if (cost < bestCost) {
            bestCost = cost;
            bx = qx;
            by = qy;
            bz = qz;
          }
        }
        // Boxed in by other neurons: the neurite ends here.
        if (!Number.isFinite(bestCost)) break;
        dx = bx;
        dy = by;
        dz = bz;
        const nx = x + dx * STEP;
        const ny = y + dy * STEP;
        const nz = z + dz * STEP;
        if (nx < 0.5 || ny < 0.5 || nz < 0.5 || nx > sx - 0.5 || ny > sy - 0.5 || nz > sz - 0.5) break;
        x = nx;
        y = ny;
        z = nz;
        r = Math.max(rMin, r * taper ** STEP);
        budget -= STEP;
        pieceLeft -= STEP;
        if (pieceLeft <= 0) {
          piece = g.newPiece(ni, comp);
          pieceLeft = pieceMean * rng.range(0.6, 1.4);
        }
        prev = g.add(x, y, z, r, prev, ni, comp, piece);
        const c = cellOf(x, y, z);
        if (c >= 0) occ[c] = prev;
        if (b.order < maxOrder && budget > 24 && rng.float() < branchP) {
          const share = budget * rng.range(0.3, 0.5);
          budget -= share;
          rng.unitVector(cand);
          let cx2 = dx + 1.1 * cand[0]!;
          let cy2 = dy + 1.1 * cand[1]!;
          let cz2 = dz + 1.1 * cand[2]!;
          const cn = Math.hypot(cx2, cy2, cz2) || 1;
          cx2 /= cn;
          cy2 /= cn;
          cz2 /= cn;
          stack.push({
            parent: prev,
            x,
            y,
            z,
            dx: cx2,
            dy: cy2,
            dz: cz2,
            r: isAxon ? r : Math.max(rMin, r * 0.8),
            budget: share,
            order: b.order + 1,
          });
        }
      }
    }
  }

  const n = g.n;
  return {
    nodeCount: n,
    x: g.x.slice(0, n),
    y: g.y.slice(0, n),
    z: g.z.slice(0, n),
    radius: g.radius.slice(0, n),
    parent: g.parent.slice(0, n),
    neuron: g.neuron.slice(0, n),
    compartment: g.compartment.slice(0, n),
    piece: g.piece.slice(0, n),
    somaNode,
    somaSectorCount,
    somaSectorDirs,
    pieceCount: g.pieceNeuron.length,
    pieceNeuron: Uint32Array.from(g.pieceNeuron),
    pieceCompartment: Uint8Array.from(g.pieceCompartment),
  };
}
