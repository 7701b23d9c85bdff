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

  // Pass 1: roots of every synapse, which are included, and counts per post root.
  const pre = new Uint32Array(n);
  const post = new Uint32Array(n);
  const countPost = new Uint32Array(counterLimit + 1);
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
    if (include !== null && (include[p] === 0 || include[q] === 0)) {
      pre[i] = 0xffffffff;
      continue;
    }
    pre[i] = p;
    post[i] = q;
    countPost[q + 1]! += 1;
    kept++;
  }
  // Pass 2: stable counting sort by post root, then by pre root (LSD), giving (pre, post, index) order.
  for (let c = 0; c < counterLimit; c++) countPost[c + 1]! += countPost[c]!;
  const byPost = new Uint32Array(kept);
  for (let i = 0; i < n; i++) {
    if (pre[i] === 0xffffffff) continue;
    byPost[countPost[post[i]!]!++] = i;
  }
  const countPre = new Uint32Array(counterLimit + 1);
  for (let k = 0; k < kept; k++) countPre[pre[byPost[k]!]! + 1]! += 1;
  for (let c = 0; c < counterLimit; c++) countPre[c + 1]! += countPre[c]!;
  const order = new Uint32Array(kept);
  for (let k = 0; k < kept; k++) {
    const i = byPost[k]!;
    order[countPre[pre[i]!]!++] = i;
  }
  const synapsePre = new Uint32Array(kept);
  const synapsePost = new Uint32Array(kept);
  let edgeCount = 0;
  for (let k = 0; k < kept; k++) {
    const i = order[k]!;
    synapsePre[k] = pre[i]!;
    synapsePost[k] = post[i]!;
    if (k === 0 || synapsePre[k] !== synapsePre[k - 1] || synapsePost[k] !== synapsePost[k - 1]) edgeCount++;
  }
  // Pass 3: edges, with the three weights.
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
    const s = score[order[k]!]!;
    wHR[e]! += 1;
    if (s >= weightMin) w[e]! += 1;
    if (s >= hpMin) wHP[e]! += 1;
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
  let neuronCount = 0;
  for (let c = 0; c < counterLimit; c++) {
    if (include !== null ? include[c] === 1 : outCount[c]! + inCount[c]! > 0) neuronCount++;
  }
  const nRoot = new Uint32Array(neuronCount);
  const nPre = new Uint32Array(neuronCount);
  const nPost = new Uint32Array(neuronCount);
  for (let c = 0, j = 0; c < counterLimit; c++) {
    if (include !== null ? include[c] !== 1 : outCount[c]! + inCount[c]! === 0) continue;
    nRoot[j] = c;
    nPre[j] = outCount[c]!;
    nPost[j] = inCount[c]!;
    j++;
  }
  return {
    rootIdBase: input.rootIdBase,
    synapseOrder: order,
    synapsePre,
    synapsePost,
    edges: { pre: ePre, post: ePost, weightHR: wHR, weight: w, weightHP: wHP },
    neurons: { root: nRoot, pre: nPre, post: nPost },
  };
}

/** Root ids of root counters: `rootIdBase + counter`. */
export function rootIdsOf(counters: Uint32Array, rootIdBase: bigint): BigUint64Array {
  const out = new BigUint64Array(counters.length);
  for (let i = 0; i < counters.length; i++) out[i] = rootIdBase + BigInt(counters[i]!);
  return out;
}
