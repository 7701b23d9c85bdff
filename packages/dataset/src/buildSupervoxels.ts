/**
 * Turns the rasterized pieces into supervoxels: every supervoxel must be one 6-connected set of voxels.
 * A piece cut in two by another neurite keeps its largest part; other parts of at least `minVoxels`
 * voxels become supervoxels of their own, smaller ones join the same-neuron neighbour they share most
 * faces with (or become extracellular space if they have none). Supervoxels are then numbered in a
 * seeded random order, so that ids say nothing about which neuron a supervoxel belongs to.
 */
import type { NeuronSkeletons } from "./growNeurons";
import type { Rng } from "./Rng";

export interface Supervoxels {
  count: number;
  /** Per voxel: dense supervoxel index + 1, 0 for extracellular space (x fastest). */
  labels: Uint32Array;
  /** Per supervoxel: neuron index (0-based) and compartment. */
  neuron: Uint32Array;
  compartment: Uint8Array;
}

const NEIGHBOURS = 6;

export function buildSupervoxels(
  owner: Int32Array,
  size: [number, number, number],
  skel: NeuronSkeletons,
  rng: Rng,
  minVoxels = 12,
): Supervoxels {
  const [sx, sy, sz] = size;
  const sxy = sx * sy;
  const total = owner.length;
  const comp = new Int32Array(total).fill(-1);
  const order = new Int32Array(total);
  const compStart: number[] = [];
  const compLabel: number[] = [];
  let head = 0;
  let tail = 0;
  const offsets = [1, -1, sx, -sx, sxy, -sxy];
  /** Bit k set when neighbour k (+x, −x, +y, −y, +z, −z) of voxel v lies inside the volume. */
  const insideMask = (v: number): number => {
    const x = v % sx;
    const yz = (v - x) / sx;
    const y = yz % sy;
    const z = (yz - y) / sy;
    return (
      (x + 1 < sx ? 1 : 0) |
      (x > 0 ? 2 : 0) |
      (y + 1 < sy ? 4 : 0) |
      (y > 0 ? 8 : 0) |
      (z + 1 < sz ? 16 : 0) |
      (z > 0 ? 32 : 0)
    );
  };
  for (let s = 0; s < total; s++) {
    const label = owner[s]!;
    if (label < 0 || comp[s]! >= 0) continue;
    const id = compStart.length;
    compStart.push(tail);
    compLabel.push(label);
    comp[s] = id;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++]!;
      const mask = insideMask(v);
      for (let k = 0; k < NEIGHBOURS; k++) {
        if (!(mask & (1 << k))) continue;
        const w = v + offsets[k]!;
        if (owner[w] === label && comp[w]! < 0) {
          comp[w] = id;
          order[tail++] = w;
        }
      }
    }
  }
  const comps = compStart.length;
  compStart.push(tail);
  const compSize = (c: number) => compStart[c + 1]! - compStart[c]!;

  // The largest component of each piece keeps the piece; others become pieces or join a neighbour.
  const pieceNeuron: number[] = Array.from(skel.pieceNeuron);
  const pieceCompartment: number[] = Array.from(skel.pieceCompartment);
  const mainComp = new Int32Array(skel.pieceCount).fill(-1);
  for (let c = 0; c < comps; c++) {
    const p = compLabel[c]!;
    const m = mainComp[p]!;
    if (m < 0 || compSize(c) > compSize(m)) mainComp[p] = c;
  }
  const faces = new Map<number, number>();
  for (let c = 0; c < comps; c++) {
    const p = compLabel[c]!;
    if (mainComp[p] === c) continue;
    let target = -1;
    if (compSize(c) >= minVoxels) {
      target = pieceNeuron.length;
      pieceNeuron.push(pieceNeuron[p]!);
      pieceCompartment.push(pieceCompartment[p]!);
    } else {
      faces.clear();
      for (let i = compStart[c]!; i < compStart[c + 1]!; i++) {
        const v = order[i]!;
        const mask = insideMask(v);
        for (let k = 0; k < NEIGHBOURS; k++) {
          if (!(mask & (1 << k))) continue;
          const q = owner[v + offsets[k]!]!;
          if (q >= 0 && q !== p && pieceNeuron[q] === pieceNeuron[p]) faces.set(q, (faces.get(q) ?? 0) + 1);
        }
      }
      let most = 0;
      for (const [q, f] of faces) {
        if (f > most || (f === most && q < target)) {
          most = f;
          target = q;
        }
      }
    }
    for (let i = compStart[c]!; i < compStart[c + 1]!; i++) owner[order[i]!] = target;
  }

  // Number the surviving pieces in a seeded random order.
  const present = new Uint8Array(pieceNeuron.length);
  for (let v = 0; v < total; v++) if (owner[v]! >= 0) present[owner[v]!] = 1;
  const survivors: number[] = [];
  for (let p = 0; p < present.length; p++) if (present[p]) survivors.push(p);
  const perm = Uint32Array.from(survivors, (_, i) => i);
  rng.shuffle(perm);
  const dense = new Int32Array(pieceNeuron.length).fill(-1);
  const count = survivors.length;
  const neuron = new Uint32Array(count);
  const compartment = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const p = survivors[i]!;
    dense[p] = perm[i]!;
    neuron[perm[i]!] = pieceNeuron[p]!;
    compartment[perm[i]!] = pieceCompartment[p]!;
  }
  const labels = new Uint32Array(total);
  for (let v = 0; v < total; v++) {
    const p = owner[v]!;
    labels[v] = p >= 0 ? dense[p]! + 1 : 0;
  }
  return { count, labels, neuron, compartment };
}
