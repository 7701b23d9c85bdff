/**
 * Synapses at axon–dendrite contacts (SPEC.md G7): every voxel face where an axon supervoxel of one
 * neuron touches a dendrite or soma supervoxel of another is a candidate site. Candidate sites are
 * grouped by (axon supervoxel, dendrite supervoxel) pair; each pair gets a number of synapses
 * proportional to its contact area (stochastically rounded) so that the volume holds about
 * `perMegavoxel` synapses per million voxels, at sites at least 4 voxels apart. The presynaptic point is
 * inside the axon and the postsynaptic point inside the dendrite, one voxel back from the contact
 * where the supervoxel allows.
 */
import { COMPARTMENT_AXON, COMPARTMENT_DENDRITE, COMPARTMENT_SOMA } from "@danio/formats";
import { createGrowableUint32, finishUint32, pushUint32 } from "./growableArray";
import type { Rng } from "./Rng";

export interface PlacedSynapses {
  count: number;
  /** Dense supervoxel index (0-based) on each side. */
  pre: Uint32Array;
  post: Uint32Array;
  /** 3 per synapse, continuous voxel coordinates (voxel centres are at i + 0.5). */
  prePoint: Float64Array;
  postPoint: Float64Array;
  score: Float32Array;
  /** Axon–dendrite contact faces found. */
  contactFaces: number;
}

const MIN_SEPARATION2 = 16;

export function placeSynapses(
  labels: Uint32Array,
  size: [number, number, number],
  neuronOf: Uint32Array,
  compartmentOf: Uint8Array,
  perMegavoxel: number,
  rng: Rng,
): PlacedSynapses {
  const [sx, sy, sz] = size;
  const count = neuronOf.length;
  const isAxon = (l: number) => compartmentOf[l - 1] === COMPARTMENT_AXON;
  const isPost = (l: number) => {
    const c = compartmentOf[l - 1];
    return c === COMPARTMENT_DENDRITE || c === COMPARTMENT_SOMA;
  };
  // Contact faces as (axon voxel, dendrite voxel).
  const faceAxon = createGrowableUint32(1 << 14);
  const faceDend = createGrowableUint32(1 << 14);
  const consider = (v: number, w: number) => {
    const a = labels[v]!;
    const b = labels[w]!;
    if (a === 0 || b === 0 || a === b || neuronOf[a - 1] === neuronOf[b - 1]) return;
    if (isAxon(a) && isPost(b)) {
      pushUint32(faceAxon, v);
      pushUint32(faceDend, w);
    } else if (isAxon(b) && isPost(a)) {
      pushUint32(faceAxon, w);
      pushUint32(faceDend, v);
    }
  };
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      let v = sx * (y + sy * z);
      for (let x = 0; x < sx; x++, v++) {
        if (labels[v] === 0) continue;
        if (x + 1 < sx) consider(v, v + 1);
        if (y + 1 < sy) consider(v, v + sx);
        if (z + 1 < sz) consider(v, v + sx * sy);
      }
    }
  }
  const axonVox = finishUint32(faceAxon);
  const dendVox = finishUint32(faceDend);
  const faces = axonVox.length;
  // Group faces by (axon supervoxel, dendrite supervoxel), pairs in ascending key order.
  const pairKey = (f: number) => (labels[axonVox[f]!]! - 1) * count + (labels[dendVox[f]!]! - 1);
  const order = Array.from({ length: faces }, (_, f) => f).sort((a, b) => pairKey(a) - pairKey(b) || a - b);
  const target = (perMegavoxel * sx * sy * sz) / 1e6;
  const perFace = faces > 0 ? target / faces : 0;
  const pre: number[] = [];
  const post: number[] = [];
  const prePoint: number[] = [];
  const postPoint: number[] = [];
  const score: number[] = [];
  const chosen: number[] = [];
  const coord = (v: number, out: number[]) => {
    const x = v % sx;
    const yz = (v - x) / sx;
    out.push(x + 0.5, (yz % sy) + 0.5, (yz - (yz % sy)) / sy + 0.5);
  };
  /** One voxel further from `from` through `v`, if that voxel has the same label; else v itself. */
  const inward = (v: number, from: number): number => {
    const w = v + (v - from);
    const step = Math.abs(v - from);
    const axis = step === 1 ? 0 : step === sx ? 1 : 2;
    const x = v % sx;
    const y = Math.floor(v / sx) % sy;
    const z = Math.floor(v / (sx * sy));
    const c = axis === 0 ? x : axis === 1 ? y : z;
    const dim = axis === 0 ? sx : axis === 1 ? sy : sz;
    const next = c + Math.sign(v - from);
    return next >= 0 && next < dim && labels[w] === labels[v] ? w : v;
  };
  for (let start = 0; start < faces; ) {
    const key = pairKey(order[start]!);
    let end = start;
    while (end < faces && pairKey(order[end]!) === key) end++;
    const area = end - start;
    const expected = area * perFace;
    let k = Math.floor(expected + rng.float());
    k = Math.min(k, Math.ceil(area / 4));
    if (k > 0) {
      // Random sites, at least 4 voxels apart.
      const candidates = Uint32Array.from({ length: area }, (_, i) => order[start + i]!);
      rng.shuffle(candidates);
      chosen.length = 0;
      const pos: number[] = [];
      for (let i = 0; i < candidates.length && chosen.length < k; i++) {
        const f = candidates[i]!;
        pos.length = 0;
        coord(axonVox[f]!, pos);
        let ok = true;
        for (const g of chosen) {
          const q: number[] = [];
          coord(axonVox[g]!, q);
          const d2 = (pos[0]! - q[0]!) ** 2 + (pos[1]! - q[1]!) ** 2 + (pos[2]! - q[2]!) ** 2;
          if (d2 < MIN_SEPARATION2) ok = false;
        }
        if (ok) chosen.push(f);
      }
      chosen.sort((a, b) => a - b);
      for (const f of chosen) {
        const a = axonVox[f]!;
        const d = dendVox[f]!;
        pre.push(labels[a]! - 1);
        post.push(labels[d]! - 1);
        coord(inward(a, d), prePoint);
        coord(inward(d, a), postPoint);
        score.push(0.55 + 0.45 * rng.float());
      }
    }
    start = end;
  }
  return {
    count: pre.length,
    pre: Uint32Array.from(pre),
    post: Uint32Array.from(post),
    prePoint: Float64Array.from(prePoint),
    postPoint: Float64Array.from(postPoint),
    score: Float32Array.from(score),
    contactFaces: faces,
  };
}
