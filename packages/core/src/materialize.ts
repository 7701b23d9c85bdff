import { neuronTable } from "./neuronTable";

/**
 * Materialization (SPEC.md X1–X6): the connectome at one state of the agglomeration, as columnar typed
 * arrays. Neurons are root counters (root id = rootIdBase + counter), so every step is a counting sort
 * over dense integers: O(synapses + roots), no hashing, no bigint in the loops, deterministic order.
 */
export interface MaterializeInput {
  /** Root counter of every supervoxel, by dense index (ProofreadingState.rootCounters()). */
  readonly rootCounters: Uint32Array;
  /** One more than the largest root counter. */
  readonly counterLimit: number;
  readonly rootIdBase: bigint;
  /** Dense supervoxel index of each synapse's pre and post side, and its detection score. */
  readonly preIndex: Uint32Array;
  readonly postIndex: Uint32Array;
  readonly score: Float32Array;
  /**
   * Which neurons are in the snapshot: a flag per root counter (1 = included), or null for every neuron
   * that has a synapse. A synapse is included when both its pre and its post neuron are (X2).
   */
  readonly include: Uint8Array | null;
  /** `weight` counts synapses with score ≥ this; `weightHR` counts all; `weightHP` those ≥ highPrecision (X4). */
  readonly thresholds?: { readonly weight: number; readonly highPrecision: number };
}

export interface Materialized {
  readonly rootIdBase: bigint;
  /** Included synapses (indices into the synapse table), ordered by pre root, post root, then index (X3). */
  readonly synapseOrder: Uint32Array;
  /** Pre and post root counter of each included synapse, in `synapseOrder`. */
  readonly synapsePre: Uint32Array;
  readonly synapsePost: Uint32Array;
  /** The edge table, ordered by pre root then post root. */
  readonly edges: {
    readonly pre: Uint32Array;
    readonly post: Uint32Array;
    readonly weightHR: Uint32Array;
    readonly weight: Uint32Array;
    readonly weightHP: Uint32Array;
  };
  /** The neurons, ascending: root counter, and synapse counts as pre (outputs) and post (inputs). */
  readonly neurons: { readonly root: Uint32Array; readonly pre: Uint32Array; readonly post: Uint32Array };
}

export class MaterializeInputError extends Error {
  override readonly name = "MaterializeInputError";
}

/** Builds the neuron, synapse and edge tables (X1–X6). Allocates its outputs and two count arrays. */
export function materialize(input: MaterializeInput): Materialized {
  const { rootCounters, counterLimit, preIndex, postIndex, score, include } = input;
  const n = preIndex.length;
  if (postIndex.length !== n || score.length !== n) {
    throw new MaterializeInputError(
      `synapses: pre (${n}), post (${postIndex.length}) and score (${score.length}) lengths differ`,
    );
  }
  if (include !== null && include.length < counterLimit) {
    throw new MaterializeInputError(`include: ${include.length} flags for ${counterLimit} root counters`);
  }
  const sv = rootCounters.length;
  // Scores are float32: compare at float32 precision, so that a stored 0.9 meets a threshold of 0.9.
  const weightMin = Math.fround(input.thresholds?.weight ?? 0);
  const hpMin = Math.fround(input.thresholds?.highPrecision ?? 0.5);

  // Pass 1 (sequential): count the included synapses per pre and per post root.
  const countPost = new Uint32Array(counterLimit + 1);
  const countPre = new Uint32Array(counterLimit + 1);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const a = preIndex[i]!;
    const b = postIndex[i]!;
    if (a >= sv || b >= sv) {
      throw new MaterializeInputError(
        `synapse ${i}: supervoxel index ${a >= sv ? a : b} is outside the graph (${sv})`,
      );
    }
    const p = rootCounters[a]!;
    const q = rootCounters[b]!;
    if (include !== null && (include[p] === 0 || include[q] === 0)) continue;
    countPost[q + 1]! += 1;
    countPre[p + 1]! += 1;
    kept++;
  }
  for (let c = 0; c < counterLimit; c++) {
    countPost[c + 1]! += countPost[c]!;
    countPre[c + 1]! += countPre[c]!;
  }
  // Pass 2 (sequential reads): stable scatter by post root, carrying the synapse, its pre root and its
  // weight class (bit 0: score ≥ weight threshold; bit 1: score ≥ high precision). Roots are looked up
  // again rather than stored by pass 1: cheaper than writing and reading two more arrays.
  const byPostIndex = new Uint32Array(kept);
  const byPostPre = new Uint32Array(kept);
  const byPostCls = new Uint8Array(kept);
  for (let i = 0; i < n; i++) {
    const p = rootCounters[preIndex[i]!]!;
    const q = rootCounters[postIndex[i]!]!;
    if (include !== null && (include[p] === 0 || include[q] === 0)) continue;
    const x = score[i]!;
    const at = countPost[q]!++;
    byPostIndex[at] = i;
    byPostPre[at] = p;
    byPostCls[at] = (x >= weightMin ? 1 : 0) | (x >= hpMin ? 2 : 0);
  }
  // Pass 3 (sequential reads, post buckets in order): stable scatter by pre root → (pre, post, index) order.
  const order = new Uint32Array(kept);
  const synapsePre = new Uint32Array(kept);
  const synapsePost = new Uint32Array(kept);
  const sortedCls = new Uint8Array(kept);
  for (let q = 0, k = 0; q < counterLimit; q++) {
    const end = countPost[q]!; // after pass 2, the end of post bucket q
    for (; k < end; k++) {
      const p = byPostPre[k]!;
      const at = countPre[p]!++;
      order[at] = byPostIndex[k]!;
      synapsePre[at] = p;
      synapsePost[at] = q;
      sortedCls[at] = byPostCls[k]!;
    }
  }
  let edgeCount = 0;
  for (let k = 0; k < kept; k++) {
    if (k === 0 || synapsePre[k] !== synapsePre[k - 1] || synapsePost[k] !== synapsePost[k - 1]) edgeCount++;
  }
  // Pass 4 (sequential): edges, with the three weights.
  const ePre = new Uint32Array(edgeCount);
  const ePost = new Uint32Array(edgeCount);
  const wHR = new Uint32Array(edgeCount);
  const w = new Uint32Array(edgeCount);
  const wHP = new Uint32Array(edgeCount);
  let e = -1;
  for (let k = 0; k < kept; k++) {
    if (k === 0 || synapsePre[k] !== synapsePre[k - 1] || synapsePost[k] !== synapsePost[k - 1]) {
      e++;
      ePre[e] = synapsePre[k]!;
      ePost[e] = synapsePost[k]!;
    }
    const c = sortedCls[k]!;
    wHR[e]! += 1;
    w[e]! += c & 1;
    wHP[e]! += c >> 1;
  }
  // Neurons: the included roots (all with a synapse when include is null), with their synapse counts.
  const outCount = countPre; // reuse: recount per root below
  outCount.fill(0);
  const inCount = countPost;
  inCount.fill(0);
  for (let k = 0; k < kept; k++) {
    outCount[synapsePre[k]!]! += 1;
    inCount[synapsePost[k]!]! += 1;
  }
  return {
    rootIdBase: input.rootIdBase,
    synapseOrder: order,
    synapsePre,
    synapsePost,
    edges: { pre: ePre, post: ePost, weightHR: wHR, weight: w, weightHP: wHP },
    neurons: neuronTable(counterLimit, include, outCount, inCount),
  };
}

/** Root ids of root counters: `rootIdBase + counter`. */
export function rootIdsOf(counters: Uint32Array, rootIdBase: bigint): BigUint64Array {
  const out = new BigUint64Array(counters.length);
  for (let i = 0; i < counters.length; i++) out[i] = rootIdBase + BigInt(counters[i]!);
  return out;
}
