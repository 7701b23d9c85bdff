/**
 * Proofreading accuracy against ground truth (SPEC.md, ACC1–ACC5): false merges and false splits
 * remaining, variation of information (split and merge parts, voxel-weighted, in bits), and connectome
 * accuracy (edge precision and recall weighted by synapse count). This is how the project shows that
 * proofreading made the wiring diagram right.
 */

/** Ground truth in dense supervoxel indices (the order of the supervoxel graph file). */
export interface ProofreadingTruth {
  /** The true neuron of each supervoxel; 0 means "no neuron" (ignored by every metric). */
  neuronOfSupervoxel: Uint32Array;
  /** Voxels per supervoxel, the weights of the variation of information. */
  voxelCounts: Uint32Array;
  /** Pre- and postsynaptic supervoxel (dense index) of each synapse. */
  synapsePre: Uint32Array;
  synapsePost: Uint32Array;
}

export interface ConnectomeAccuracy {
  /** Synapse-weighted edge precision: Σ_e min(pred_e, true_e) / Σ_e pred_e (1 when nothing is predicted). */
  precision: number;
  /** Synapse-weighted edge recall: Σ_e min(pred_e, true_e) / Σ_e true_e (1 when there is nothing to find). */
  recall: number;
  f1: number;
  /** Synapses that land on an edge between two identified neurons. */
  predictedSynapses: number;
  trueSynapses: number;
  /** Neurons identified with a segment (mutual majority, ACC4). */
  identifiedNeurons: number;
  neurons: number;
}

export interface ProofreadingScore {
  /** Σ over segments of (distinct true neurons in it − 1). */
  falseMerges: number;
  /** Σ over true neurons of (distinct segments holding it − 1). */
  falseSplits: number;
  /** Segments holding more than one neuron. */
  mergedSegments: number;
  /** Neurons spread over more than one segment. */
  splitNeurons: number;
  /** Variation of information in bits: split = H(segment | neuron), merge = H(neuron | segment). */
  variationOfInformation: { split: number; merge: number; total: number };
  connectome: ConnectomeAccuracy;
}

function densify(labels: Uint32Array, out: Uint32Array): number {
  const map = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    let d = map.get(labels[i]!);
    if (d === undefined) {
      d = map.size;
      map.set(labels[i]!, d);
    }
    out[i] = d;
  }
  return map.size;
}

/**
 * Scores a supervoxel → segment assignment (`segmentOfSupervoxel[i]` is any uint32 label; equal labels
 * are one segment) against the truth.
 */
export function scoreProofreading(
  truth: ProofreadingTruth,
  segmentOfSupervoxel: Uint32Array,
): ProofreadingScore {
  const n = truth.neuronOfSupervoxel.length;
  if (segmentOfSupervoxel.length !== n || truth.voxelCounts.length !== n) {
    throw new RangeError(
      `scoreProofreading: ${segmentOfSupervoxel.length} segment labels and ${truth.voxelCounts.length} voxel counts given for ${n} supervoxels`,
    );
  }
  if (truth.synapsePre.length !== truth.synapsePost.length) {
    throw new RangeError("scoreProofreading: synapsePre and synapsePost differ in length");
  }
  const seg = new Uint32Array(n);
  const segCount = densify(segmentOfSupervoxel, seg);
  const neuronDense = new Uint32Array(n);
  const neuronCount = densify(truth.neuronOfSupervoxel, neuronDense);
  const isNeuron = (i: number) => truth.neuronOfSupervoxel[i] !== 0;
  const noneIndex = neuronDense[truth.neuronOfSupervoxel.indexOf(0)] ?? -1;

  // Contingency table of voxels: (segment, neuron) → voxels, over supervoxels that belong to a neuron.
  const joint = new Map<number, number>();
  const segVoxels = new Float64Array(segCount);
  const neuronVoxels = new Float64Array(neuronCount);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!isNeuron(i)) continue;
    const w = truth.voxelCounts[i]!;
    const key = seg[i]! * neuronCount + neuronDense[i]!;
    joint.set(key, (joint.get(key) ?? 0) + w);
    segVoxels[seg[i]!] = segVoxels[seg[i]!]! + w;
    neuronVoxels[neuronDense[i]!] = neuronVoxels[neuronDense[i]!]! + w;
    total += w;
  }

  // ACC1/ACC2: merges and splits counted on the contingency table's support.
  const neuronsInSeg = new Uint32Array(segCount);
  const segsOfNeuron = new Uint32Array(neuronCount);
  // ACC4: each neuron's main segment and each segment's majority neuron (ties: the smaller index).
  const mainSeg = new Int32Array(neuronCount).fill(-1);
  const mainSegVoxels = new Float64Array(neuronCount);
  const majority = new Int32Array(segCount).fill(-1);
  const majorityVoxels = new Float64Array(segCount);
  let splitH = 0;
  let mergeH = 0;
  const keys = Array.from(joint.keys()).sort((a, b) => a - b);
  for (const key of keys) {
    const w = joint.get(key)!;
    const s = Math.floor(key / neuronCount);
    const t = key - s * neuronCount;
    neuronsInSeg[s] = neuronsInSeg[s]! + 1;
    segsOfNeuron[t] = segsOfNeuron[t]! + 1;
    if (w > 0) {
      const p = w / total;
      splitH -= p * Math.log2(w / neuronVoxels[t]!);
      mergeH -= p * Math.log2(w / segVoxels[s]!);
    }
    if (w > mainSegVoxels[t]! || (w === mainSegVoxels[t] && mainSeg[t] === -1)) {
      mainSeg[t] = s;
      mainSegVoxels[t] = w;
    }
    if (w > majorityVoxels[s]! || (w === majorityVoxels[s] && majority[s] === -1)) {
      majority[s] = t;
      majorityVoxels[s] = w;
    }
  }
  let falseMerges = 0;
  let mergedSegments = 0;
  for (let s = 0; s < segCount; s++) {
    if (neuronsInSeg[s]! > 1) {
      falseMerges += neuronsInSeg[s]! - 1;
      mergedSegments++;
    }
  }
  let falseSplits = 0;
  let splitNeurons = 0;
  let neurons = 0;
  for (let t = 0; t < neuronCount; t++) {
    if (t === noneIndex) continue;
    neurons++;
    if (segsOfNeuron[t]! > 1) {
      falseSplits += segsOfNeuron[t]! - 1;
      splitNeurons++;
    }
  }

  // ACC4: a segment is identified as neuron t when it is t's main segment and t is its majority neuron.
  const identity = new Int32Array(segCount).fill(-1);
  let identifiedNeurons = 0;
  for (let t = 0; t < neuronCount; t++) {
    const s = mainSeg[t]!;
    if (t !== noneIndex && s >= 0 && majority[s] === t) {
      identity[s] = t;
      identifiedNeurons++;
    }
  }
  // ACC5: synapse-weighted edge precision and recall between neuron-level wiring diagrams.
  const trueEdges = new Map<number, number>();
  const predEdges = new Map<number, number>();
  let trueSynapses = 0;
  let predictedSynapses = 0;
  for (let k = 0; k < truth.synapsePre.length; k++) {
    const a = truth.synapsePre[k]!;
    const b = truth.synapsePost[k]!;
    if (a >= n || b >= n)
      throw new RangeError(`scoreProofreading: synapse ${k} names supervoxel index ${Math.max(a, b)} ≥ ${n}`);
    if (isNeuron(a) && isNeuron(b)) {
      const key = neuronDense[a]! * neuronCount + neuronDense[b]!;
      trueEdges.set(key, (trueEdges.get(key) ?? 0) + 1);
      trueSynapses++;
    }
    const ia = identity[seg[a]!]!;
    const ib = identity[seg[b]!]!;
    if (ia >= 0 && ib >= 0) {
      const key = ia * neuronCount + ib;
      predEdges.set(key, (predEdges.get(key) ?? 0) + 1);
      predictedSynapses++;
    }
  }
  let tp = 0;
  for (const [key, p] of predEdges) tp += Math.min(p, trueEdges.get(key) ?? 0);
  const precision = predictedSynapses === 0 ? 1 : tp / predictedSynapses;
  const recall = trueSynapses === 0 ? 1 : tp / trueSynapses;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  // Entropies of exact partitions can come out as -0 or 1e-16; report clean zeros.
  const clean = (x: number) => (Math.abs(x) < 1e-12 ? 0 : x);
  return {
    falseMerges,
    falseSplits,
    mergedSegments,
    splitNeurons,
    variationOfInformation: { split: clean(splitH), merge: clean(mergeH), total: clean(splitH + mergeH) },
    connectome: { precision, recall, f1, predictedSynapses, trueSynapses, identifiedNeurons, neurons },
  };
}
