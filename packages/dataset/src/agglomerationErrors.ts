/**
 * The automated agglomeration (edges with affinity ≥ threshold) and its measured error rates against
 * ground truth (SPEC.md G5, G6): what the generator promises, checked from the written files.
 */
import { scoreProofreading } from "./scoreProofreading";
import { labelComponents } from "./unionFind";

/** Segment number of each supervoxel under the threshold agglomeration. */
export function agglomerate(
  supervoxelCount: number,
  edgeA: Uint32Array,
  edgeB: Uint32Array,
  affinity: Float32Array,
  threshold: number,
): Uint32Array {
  const out = new Uint32Array(supervoxelCount);
  labelComponents(supervoxelCount, edgeA, edgeB, (e) => affinity[e]! >= threshold, out);
  return out;
}

export interface AgglomerationErrors {
  /** Edges inside one neuron, and how many of them the agglomeration cuts. */
  trueEdges: number;
  cutTrueEdges: number;
  /** cutTrueEdges / trueEdges. */
  splitErrorRate: number;
  /** Neuron pairs that touch (share a supervoxel edge), and how many of them the agglomeration merges. */
  touchingPairs: number;
  mergedPairs: number;
  /** mergedPairs / touchingPairs. */
  mergeErrorRate: number;
  segments: number;
  /** Segment-level counts, as scoreProofreading defines them. */
  falseMerges: number;
  falseSplits: number;
}

/** `neuronOf[i]` is the true neuron of supervoxel i (0 = none). */
export function measureAgglomerationErrors(
  edgeA: Uint32Array,
  edgeB: Uint32Array,
  affinity: Float32Array,
  neuronOf: Uint32Array,
  voxelCounts: Uint32Array,
  threshold: number,
): AgglomerationErrors {
  let trueEdges = 0;
  let cutTrueEdges = 0;
  const touching = new Map<string, boolean>();
  for (let e = 0; e < edgeA.length; e++) {
    const na = neuronOf[edgeA[e]!]!;
    const nb = neuronOf[edgeB[e]!]!;
    if (na === 0 || nb === 0) continue;
    const kept = affinity[e]! >= threshold;
    if (na === nb) {
      trueEdges++;
      if (!kept) cutTrueEdges++;
    } else {
      const key = na < nb ? `${na}:${nb}` : `${nb}:${na}`;
      touching.set(key, (touching.get(key) ?? false) || kept);
    }
  }
  let mergedPairs = 0;
  for (const merged of touching.values()) if (merged) mergedPairs++;
  const segments = agglomerate(neuronOf.length, edgeA, edgeB, affinity, threshold);
  let segmentCount = 0;
  for (const s of segments) segmentCount = Math.max(segmentCount, s + 1);
  const score = scoreProofreading(
    {
      neuronOfSupervoxel: neuronOf,
      voxelCounts,
      synapsePre: new Uint32Array(),
      synapsePost: new Uint32Array(),
    },
    segments,
  );
  return {
    trueEdges,
    cutTrueEdges,
    splitErrorRate: trueEdges === 0 ? 0 : cutTrueEdges / trueEdges,
    touchingPairs: touching.size,
    mergedPairs,
    mergeErrorRate: touching.size === 0 ? 0 : mergedPairs / touching.size,
    segments: segmentCount,
    falseMerges: score.falseMerges,
    falseSplits: score.falseSplits,
  };
}
