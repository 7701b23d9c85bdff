/**
 * Affinities for the supervoxel graph, with errors at the rates asked for (SPEC.md G4–G6). An edge is
 * "true" when both supervoxels belong to one neuron and "false" when it joins two touching neurons. The
 * threshold agglomeration keeps edges with affinity ≥ threshold.
 *
 * - Merge error rate: the fraction of touching neuron pairs that the agglomeration merges. Exactly
 *   round(rate × touching pairs) pairs are drawn (probability ∝ √(their contact area): big contacts are
 *   where real agglomerations merge), and one contact edge of each (probability ∝ its area) gets an
 *   affinity just above the threshold.
 * - Split error rate: the fraction of true edges the agglomeration cuts. Exactly round(rate × true edges)
 *   true edges are drawn (probability ∝ 1 / contact area: thin necks along neurites) and get an affinity
 *   just below the threshold.
 *
 * Every other edge gets a noisy affinity on the correct side of the threshold.
 */
import type { Rng } from "./Rng";

export interface AffinityOptions {
  threshold: number;
  mergeErrorRate: number;
  splitErrorRate: number;
}

export interface Affinities {
  affinity: Float32Array;
  trueEdges: number;
  falseEdges: number;
  touchingPairs: number;
  falseMergeEdges: number;
  falseSplitEdges: number;
}

/** Picks k of the candidates without replacement, each with probability ∝ weight (Efraimidis–Spirakis). */
function weightedSample(candidates: number[], weights: number[], k: number, rng: Rng): number[] {
  const keyed = candidates.map((c, i) => ({ c, key: Math.log(1 - rng.float()) / weights[i]! }));
  keyed.sort((a, b) => b.key - a.key || a.c - b.c);
  return keyed.slice(0, k).map((e) => e.c);
}

export function assignAffinities(
  edgeA: Uint32Array,
  edgeB: Uint32Array,
  contactArea: Uint32Array,
  neuronOf: Uint32Array,
  opts: AffinityOptions,
  rng: Rng,
): Affinities {
  const t = opts.threshold;
  const m = edgeA.length;
  const trueIdx: number[] = [];
  const pairs = new Map<string, number[]>();
  for (let e = 0; e < m; e++) {
    const na = neuronOf[edgeA[e]!]!;
    const nb = neuronOf[edgeB[e]!]!;
    if (na === nb) {
      trueIdx.push(e);
      continue;
    }
    const key = na < nb ? `${na}:${nb}` : `${nb}:${na}`;
    const list = pairs.get(key);
    if (list) list.push(e);
    else pairs.set(key, [e]);
  }
  const pairEdges = Array.from(pairs.values()); // in order of each pair's first (smallest) edge
  const mergePick = rng.fork("merges");
  const chosenPairs = weightedSample(
    pairEdges.map((_, i) => i),
    pairEdges.map((list) => Math.sqrt(list.reduce((s, e) => s + contactArea[e]!, 0))),
    Math.round(opts.mergeErrorRate * pairEdges.length),
    mergePick,
  );
  const merges = new Set<number>();
  for (const p of chosenPairs.sort((a, b) => a - b)) {
    const list = pairEdges[p]!;
    merges.add(
      weightedSample(
        list,
        list.map((e) => contactArea[e]!),
        1,
        mergePick,
      )[0]!,
    );
  }
  const splits = new Set(
    weightedSample(
      trueIdx,
      trueIdx.map((e) => 1 / contactArea[e]!),
      Math.round(opts.splitErrorRate * trueIdx.length),
      rng.fork("splits"),
    ),
  );
  const affinity = new Float32Array(m);
  const noise = rng.fork("noise");
  for (let e = 0; e < m; e++) {
    const u = noise.float();
    const same = neuronOf[edgeA[e]!] === neuronOf[edgeB[e]!];
    let a: number;
    if (same && splits.has(e))
      a = t * (0.5 + 0.45 * u); // just below the threshold
    else if (same)
      a = t + (1 - t) * (1 - 0.85 * u * u); // mostly near 1
    else if (merges.has(e))
      a = t + (1 - t) * (0.05 + 0.5 * u); // just above the threshold
    else a = t * 0.85 * u * u; // mostly near 0
    affinity[e] = a;
  }
  return {
    affinity,
    trueEdges: trueIdx.length,
    falseEdges: m - trueIdx.length,
    touchingPairs: pairEdges.length,
    falseMergeEdges: merges.size,
    falseSplitEdges: splits.size,
  };
}
