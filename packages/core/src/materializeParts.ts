/**
 * Materialization in parts (SPEC.md X7): the same two stable counting sorts as `materialize`, cut into
 * kernels that each run over one range of synapses or one range of pre roots and write into buffers given
 * to them, so that several threads can run them at once on shared memory (the server's worker pool) or one
 * thread in turn (`materializeInParts`). The outputs are identical to `materialize`'s for any cut.
 *
 * The pre roots are cut into `parts` contiguous regions of about equal synapse counts (from a sample). Then:
 *  1. count (per synapse chunk c): per pre root, and per (region of the pre root, post root);
 *  2. prefix (one thread): global pre-root offsets, and for each (region, post root, chunk) a cursor;
 *  3. scatter (per synapse chunk): stable by (region, post root) into the by-post buffers — each region's
 *     slice of the by-post buffers is exactly its slice of the outputs;
 *  4. sort (per region): stable by pre root within the region's slice, then that slice's edges.
 */
import { type MaterializeInput, type Materialized, MaterializeInputError, materialize } from "./materialize";
import { neuronTable } from "./neuronTable";

type Edges = Materialized["edges"];

/** The inputs every kernel reads (views; possibly backed by SharedArrayBuffer). */
export interface PartsContext {
  readonly rootCounters: Uint32Array;
  readonly counterLimit: number;
  readonly preIndex: Uint32Array;
  readonly postIndex: Uint32Array;
  readonly score: Float32Array;
  readonly include: Uint8Array | null;
  /** Region of each pre root (length ≥ counterLimit). */
  readonly regionOf: Uint8Array;
  readonly parts: number;
}

/** Largest number of parts (regions are stored as bytes). */
export const MAX_MATERIALIZE_PARTS = 255;

/** Largest synapse count for the kernels: the weight class travels in the two top bits of the index. */
export const MAX_PARTS_SYNAPSES = 2 ** 30;
const INDEX_MASK = 0x3fffffff;

/**
 * Region bounds over the pre roots: `bounds[r]` is region r's first root, `bounds[parts]` = counterLimit,
 * chosen from every `stride`-th synapse so that regions hold about equal synapse counts. Any bounds give
 * the same outputs; they only balance the work. Writes `regionOf` (length ≥ counterLimit).
 */
export function planRegions(
  input: Pick<MaterializeInput, "rootCounters" | "counterLimit" | "preIndex" | "postIndex" | "include">,
  parts: number,
  regionOf: Uint8Array,
  stride = 64,
): Uint32Array {
  if (!Number.isInteger(parts) || parts < 1 || parts > MAX_MATERIALIZE_PARTS) {
    throw new RangeError(`parts: expected an integer from 1 to ${MAX_MATERIALIZE_PARTS}, got ${parts}`);
  }
  const { rootCounters, counterLimit, preIndex, postIndex, include } = input;
  const sv = rootCounters.length;
  const n = Math.min(preIndex.length, postIndex.length);
  const hist = new Uint32Array(counterLimit);
  let sampled = 0;
  for (let i = 0; i < n; i += stride) {
    const a = preIndex[i]!;
    const b = postIndex[i]!;
    if (a >= sv || b >= sv) continue;
    const p = rootCounters[a]!;
    const q = rootCounters[b]!;
    if (include !== null && (include[p] === 0 || include[q] === 0)) continue;
    if (p < counterLimit) {
      hist[p]! += 1;
      sampled++;
    }
  }
  const bounds = new Uint32Array(parts + 1);
  bounds[parts] = counterLimit;
  let r = 1;
  let seen = 0;
  for (let p = 0; p < counterLimit && r < parts; p++) {
    // Region r starts at the first root after r/parts of the sample.
    while (r < parts && seen * parts >= r * sampled && sampled > 0) bounds[r++] = p;
    seen += hist[p]!;
  }
  for (; r < parts; r++) bounds[r] = counterLimit;
  for (let k = 0; k < parts; k++) regionOf.fill(k, bounds[k]!, bounds[k + 1]!);
  return bounds;
}

/**
 * Pass 1 over synapses [lo, hi): `histPre[p]` += synapses with pre root p, `histPost[region(p)·L + q]` +=
 * those with post root q (L = counterLimit; both zeroed by the caller); keeps each synapse's pre root and
 * that (region, post root) key in `synPre[i]` and `synKey[i]` (0xffffffff for a synapse left out), so that
 * the scatter looks no root up again. Returns the synapses kept, or −1 − i for the first synapse i whose
 * supervoxel index is outside the graph.
 */
export function countChunk(
  ctx: PartsContext,
  lo: number,
  hi: number,
  histPre: Uint32Array,
  histPost: Uint32Array,
  synPre: Uint32Array,
  synKey: Uint32Array,
): number {
  const { rootCounters, preIndex, postIndex, include, regionOf, counterLimit: L } = ctx;
  const sv = rootCounters.length;
  let kept = 0;
  for (let i = lo; i < hi; i++) {
    const a = preIndex[i]!;
    const b = postIndex[i]!;
    if (a >= sv || b >= sv) return -1 - i;
    const p = rootCounters[a]!;
    const q = rootCounters[b]!;
    if (include !== null && (include[p] === 0 || include[q] === 0)) {
      synKey[i] = 0xffffffff;
      continue;
    }
    const key = regionOf[p]! * L + q;
    histPre[p]! += 1;
    histPost[key]! += 1;
    synPre[i] = p;
    synKey[i] = key;
    kept++;
  }
  return kept;
}

/**
 * Pass 2 over synapses [lo, hi): stable scatter by (region of pre root, post root) through this chunk's
 * cursors, carrying the synapse with its weight class in bits 30–31 (bit 30: ≥ weightMin; bit 31: ≥ hpMin)
 * and its pre root.
 */
export function scatterChunk(
  ctx: Pick<PartsContext, "score">,
  lo: number,
  hi: number,
  cursor: Uint32Array,
  weightMin: number,
  hpMin: number,
  synPre: Uint32Array,
  synKey: Uint32Array,
  byPostIndex: Uint32Array,
  byPostPre: Uint32Array,
): void {
  const score = ctx.score;
  for (let i = lo; i < hi; i++) {
    const key = synKey[i]!;
    if (key === 0xffffffff) continue;
    const x = score[i]!;
    const at = cursor[key]!++;
    byPostIndex[at] = i | (x >= weightMin ? 0x40000000 : 0) | (x >= hpMin ? 0x80000000 : 0);
    byPostPre[at] = synPre[i]!;
  }
}

/** What `prefixParts` derives from the chunks' counts. */
export interface PartsLayout {
  readonly kept: number;
  /** Start of each region's slice of the outputs (length parts + 1). */
  readonly regionStart: Uint32Array;
  /** Synapses per root as pre (outputs) and as post (inputs), length counterLimit. */
  readonly outCount: Uint32Array;
  readonly inCount: Uint32Array;
}

/**
 * Pass 2 of the sort's bookkeeping, in place: each `histPost[c]` becomes chunk c's write cursor per (region,
 * post root) — regions in order, post roots in order, chunks in order, which keeps the scatter stable — and
 * `preCursor` (length counterLimit) the global start of each pre root's synapses.
 */
export function prefixParts(
  ctx: Pick<PartsContext, "counterLimit" | "parts">,
  bounds: Uint32Array,
  histPre: readonly Uint32Array[],
  histPost: readonly Uint32Array[],
  preCursor: Uint32Array,
): PartsLayout {
  const { counterLimit: L, parts } = ctx;
  const chunks = histPre.length;
  const outCount = new Uint32Array(L);
  const inCount = new Uint32Array(L);
  let run = 0;
  for (let p = 0; p < L; p++) {
    let t = 0;
    for (let c = 0; c < chunks; c++) t += histPre[c]![p]!;
    outCount[p] = t;
    preCursor[p] = run;
    run += t;
  }
  const regionStart = new Uint32Array(parts + 1);
  for (let r = 0; r <= parts; r++) regionStart[r] = bounds[r]! < L ? preCursor[bounds[r]!]! : run;
  let at = 0;
  for (let r = 0; r < parts; r++) {
    const base = r * L;
    for (let q = 0; q < L; q++) {
      for (let c = 0; c < chunks; c++) {
        const h = histPost[c]!;
        const v = h[base + q]!;
        h[base + q] = at;
        at += v;
        inCount[q]! += v;
      }
    }
  }
  return { kept: run, regionStart, outCount, inCount };
}

/**
 * Passes 3 and 4 for region r (pre roots [p0, p1)): reads its slice of the by-post buffers (post buckets in
 * order; `bucketEnd` is the last chunk's cursor array after the scatter) twice. The first read counts the
 * edges of each pre root; the second scatters the synapse indices stably by pre root through `preCursor`
 * into the same slice of `order`, placing each (pre, post) edge at its final position and adding up its
 * weights there; the pre and post columns are then filled in order from the edges. Regions own disjoint
 * pre roots, so regions may run at once. Returns the region's edges (allocated, with three counters per
 * pre root of the region).
 */
export function sortRegion(
  ctx: Pick<PartsContext, "counterLimit">,
  r: number,
  p0: number,
  p1: number,
  regionStart: Uint32Array,
  bucketEnd: Uint32Array,
  preCursor: Uint32Array,
  byPostIndex: Uint32Array,
  byPostPre: Uint32Array,
  order: Uint32Array,
  synapsePre: Uint32Array,
  synapsePost: Uint32Array,
): Edges {
  const L = ctx.counterLimit;
  const base = r * L;
  const lo = regionStart[r]!;
  const width = Math.max(0, p1 - p0);
  // mark[p − p0] = 1 + the last post root seen with pre root p: a new (pre, post) pair when it differs.
  const mark = new Uint32Array(width);
  const edgeAt = new Uint32Array(width);
  const current = new Uint32Array(width);
  for (let q = 0, k = lo; q < L; q++) {
    const end = bucketEnd[base + q]!;
    const m = q + 1;
    for (; k < end; k++) {
      const j = byPostPre[k]! - p0;
      if (mark[j] !== m) {
        mark[j] = m;
        edgeAt[j]! += 1;
      }
    }
  }
  let edgeCount = 0;
  for (let j = 0; j < width; j++) {
    const c = edgeAt[j]!;
    edgeAt[j] = edgeCount;
    edgeCount += c;
  }
  mark.fill(0);
  const ePre = new Uint32Array(edgeCount);
  const ePost = new Uint32Array(edgeCount);
  const weights = new Uint32Array(edgeCount * 3); // per edge: all, ≥ weight threshold, ≥ high precision
  for (let q = 0, k = lo; q < L; q++) {
    const end = bucketEnd[base + q]!;
    const m = q + 1;
    for (; k < end; k++) {
      const p = byPostPre[k]!;
      const j = p - p0;
      const v = byPostIndex[k]!;
      order[preCursor[p]!++] = v & INDEX_MASK;
      let e: number;
      if (mark[j] !== m) {
        mark[j] = m;
        e = edgeAt[j]!++;
        current[j] = e;
        ePre[e] = p;
        ePost[e] = q;
      } else {
        e = current[j]!;
      }
      const at = e * 3;
      weights[at]! += 1;
      weights[at + 1]! += (v >>> 30) & 1;
      weights[at + 2]! += v >>> 31;
    }
  }
  const wHR = new Uint32Array(edgeCount);
  const w = new Uint32Array(edgeCount);
  const wHP = new Uint32Array(edgeCount);
  for (let e = 0, k = lo; e < edgeCount; e++) {
    const c = weights[e * 3]!;
    wHR[e] = c;
    w[e] = weights[e * 3 + 1]!;
    wHP[e] = weights[e * 3 + 2]!;
    const p = ePre[e]!;
    const q = ePost[e]!;
    for (const stop = k + c; k < stop; k++) {
      synapsePre[k] = p;
      synapsePost[k] = q;
    }
  }
  return { pre: ePre, post: ePost, weightHR: wHR, weight: w, weightHP: wHP };
}

/** The regions' edge tables, one after another. */
export function concatEdges(parts: readonly Edges[]): Edges {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.pre.length;
  const out = {
    pre: new Uint32Array(total),
    post: new Uint32Array(total),
    weightHR: new Uint32Array(total),
    weight: new Uint32Array(total),
    weightHP: new Uint32Array(total),
  };
  let at = 0;
  for (const p of parts) {
    out.pre.set(p.pre, at);
    out.post.set(p.post, at);
    out.weightHR.set(p.weightHR, at);
    out.weight.set(p.weight, at);
    out.weightHP.set(p.weightHP, at);
    at += p.pre.length;
  }
  return out;
}

/** The thresholds as `materialize` compares them (float32). */
export function classThresholds(input: Pick<MaterializeInput, "thresholds">): {
  weightMin: number;
  hpMin: number;
} {
  return {
    weightMin: Math.fround(input.thresholds?.weight ?? 0),
    hpMin: Math.fround(input.thresholds?.highPrecision ?? 0.5),
  };
}

/** The checks `materialize` makes before its passes (X5), with its errors. */
export function checkMaterializeInput(input: MaterializeInput): void {
  const n = input.preIndex.length;
  if (input.postIndex.length !== n || input.score.length !== n) {
    throw new MaterializeInputError(
      `synapses: pre (${n}), post (${input.postIndex.length}) and score (${input.score.length}) lengths differ`,
    );
  }
  if (input.include !== null && input.include.length < input.counterLimit) {
    throw new MaterializeInputError(
      `include: ${input.include.length} flags for ${input.counterLimit} root counters`,
    );
  }
}

/** Chunk c of `chunks` equal ranges over [0, n). */
export function chunkRange(n: number, chunks: number, c: number): [number, number] {
  return [Math.floor((n * c) / chunks), Math.floor((n * (c + 1)) / chunks)];
}

/**
 * `materialize` through the kernels above, one part after another on this thread: the reference for the
 * parallel orchestration, with identical outputs for any number of parts.
 */
export function materializeInParts(input: MaterializeInput, parts: number): Materialized {
  checkMaterializeInput(input);
  if (input.preIndex.length > MAX_PARTS_SYNAPSES) return materialize(input);
  const L = input.counterLimit;
  const regionOf = new Uint8Array(L);
  const bounds = planRegions(input, parts, regionOf);
  const ctx: PartsContext = { ...input, regionOf, parts };
  const n = input.preIndex.length;
  const histPre: Uint32Array[] = [];
  const histPost: Uint32Array[] = [];
  const synPre = new Uint32Array(n);
  const synKey = new Uint32Array(n);
  for (let c = 0; c < parts; c++) {
    histPre.push(new Uint32Array(L));
    histPost.push(new Uint32Array(parts * L));
    const [lo, hi] = chunkRange(n, parts, c);
    // An index outside the graph: `materialize` names the first such synapse.
    if (countChunk(ctx, lo, hi, histPre[c]!, histPost[c]!, synPre, synKey) < 0) return materialize(input);
  }
  const preCursor = new Uint32Array(L);
  const layout = prefixParts(ctx, bounds, histPre, histPost, preCursor);
  const { weightMin, hpMin } = classThresholds(input);
  const kept = layout.kept;
  const byPostIndex = new Uint32Array(kept);
  const byPostPre = new Uint32Array(kept);
  for (let c = 0; c < parts; c++) {
    const [lo, hi] = chunkRange(n, parts, c);
    scatterChunk(ctx, lo, hi, histPost[c]!, weightMin, hpMin, synPre, synKey, byPostIndex, byPostPre);
  }
  const order = new Uint32Array(kept);
  const synapsePre = new Uint32Array(kept);
  const synapsePost = new Uint32Array(kept);
  const edges: Edges[] = [];
  for (let r = 0; r < parts; r++) {
    edges.push(
      sortRegion(
        ctx,
        r,
        bounds[r]!,
        bounds[r + 1]!,
        layout.regionStart,
        histPost[parts - 1]!,
        preCursor,
        byPostIndex,
        byPostPre,
        order,
        synapsePre,
        synapsePost,
      ),
    );
  }
  return {
    rootIdBase: input.rootIdBase,
    synapseOrder: order,
    synapsePre,
    synapsePost,
    edges: concatEdges(edges),
    neurons: neuronTable(L, input.include, layout.outCount, layout.inCount),
  };
}
