/**
 * A small persistent pool of worker threads that materializes (SPEC.md X1–X7) with the kernels of
 * @danio/core's materializeParts on shared memory: each worker counts and scatters one chunk of the
 * synapses, then sorts one region of pre roots into its own slice of the shared outputs and builds that
 * slice's edges; this thread only plans, sums and concatenates. The outputs are identical to
 * `materialize`'s (the synapse and by-root columns are backed by SharedArrayBuffer).
 *
 * The synapse columns are copied into shared memory once per column set (a dataset's synapses are loaded
 * once and never changed) and kept while the columns live; root counters and the selection per call. The
 * pool also keeps 16 bytes of scratch per synapse of its largest input.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import {
  checkMaterializeInput,
  chunkRange,
  classThresholds,
  concatEdges,
  MAX_MATERIALIZE_PARTS,
  MAX_PARTS_SYNAPSES,
  type MaterializeInput,
  type Materialized,
  materialize,
  neuronTable,
  type PartsContext,
  planRegions,
  prefixParts,
} from "@danio/core";

type Edges = Materialized["edges"];

export type WorkerRequest =
  | {
      type: "count";
      ctx: PartsContext;
      lo: number;
      hi: number;
      histPre: Uint32Array;
      histPost: Uint32Array;
      synPre: Uint32Array;
      synKey: Uint32Array;
    }
  | {
      type: "scatter";
      lo: number;
      hi: number;
      cursor: Uint32Array;
      synPre: Uint32Array;
      synKey: Uint32Array;
      weightMin: number;
      hpMin: number;
      byPostIndex: Uint32Array;
      byPostPre: Uint32Array;
    }
  | {
      type: "sort";
      r: number;
      p0: number;
      p1: number;
      regionStart: Uint32Array;
      bucketEnd: Uint32Array;
      preCursor: Uint32Array;
      byPostIndex: Uint32Array;
      byPostPre: Uint32Array;
      order: Uint32Array;
      synapsePre: Uint32Array;
      synapsePost: Uint32Array;
    }
  | { type: "release" };

export type WorkerReply =
  | { type: "ready" }
  | { type: "counted"; kept: number }
  | { type: "scattered" }
  | { type: "sorted"; edges: Edges }
  | { type: "failed"; message: string };

export interface MaterializePool {
  readonly size: number;
  /**
   * Copies the input's synapse columns into shared memory now, rather than in the first `run` on them
   * (once per column set, kept while the columns live).
   */
  prepare(input: Pick<MaterializeInput, "preIndex" | "postIndex" | "score">): void;
  /** Materializes on the pool; one call at a time (later calls wait). Same outputs as `materialize`. */
  run(input: MaterializeInput): Promise<Materialized>;
  /** Stops the workers; later `run` calls are refused. */
  close(): Promise<void>;
}

export class MaterializePoolError extends Error {
  override readonly name = "MaterializePoolError";
}

function sharedU32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * 4));
}
function sharedU8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}
const isShared = (a: ArrayBufferView) => a.buffer instanceof SharedArrayBuffer;
function sharedCopyU32(a: Uint32Array): Uint32Array {
  if (isShared(a)) return a;
  const s = sharedU32(a.length);
  s.set(a);
  return s;
}
function sharedCopyU8(a: Uint8Array): Uint8Array {
  if (isShared(a)) return a;
  const s = sharedU8(a.length);
  s.set(a);
  return s;
}

interface SharedSynapses {
  readonly postSource: Uint32Array;
  readonly scoreSource: Float32Array;
  readonly preIndex: Uint32Array;
  readonly postIndex: Uint32Array;
  readonly score: Float32Array;
}

/**
 * Starts `size` workers (at least 1, at most 255) and resolves when all have loaded. Keep the pool: start-up
 * costs about as much as one large materialization.
 */
export async function createMaterializePool(size: number): Promise<MaterializePool> {
  if (!Number.isInteger(size) || size < 1 || size > MAX_MATERIALIZE_PARTS) {
    throw new RangeError(`size: expected an integer from 1 to ${MAX_MATERIALIZE_PARTS}, got ${size}`);
  }
  let closed = false;
  let failure: Error | null = null;
  const pending: ((reply: WorkerReply | Error) => void)[] = [];
  const workers = Array.from({ length: size }, (_, w) => {
    const worker = new Worker(new URL("./materializeWorkerBoot.mjs", import.meta.url));
    worker.on("message", (reply: WorkerReply) => {
      const k = pending[w];
      pending[w] = undefined!;
      k?.(reply);
    });
    const fail = (err: Error) => {
      failure ??= err;
      const k = pending[w];
      pending[w] = undefined!;
      k?.(err);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (!closed) fail(new MaterializePoolError(`materialize worker ${w} exited with code ${code}`));
    });
    return worker;
  });
  const next = (w: number) =>
    new Promise<WorkerReply>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      pending[w] = (r) => {
        if (r instanceof Error) reject(r);
        else if (r.type === "failed")
          reject(new MaterializePoolError(`materialize worker ${w}: ${r.message}`));
        else resolve(r);
      };
    });
  const ask = (w: number, m: WorkerRequest) => {
    const reply = next(w);
    workers[w]!.postMessage(m);
    return reply;
  };
  try {
    await Promise.all(workers.map((_, w) => next(w)));
  } catch (err) {
    closed = true;
    await Promise.all(workers.map((x) => x.terminate()));
    throw err;
  }
  // Idle workers do not keep the process alive; a run holds them.
  for (const w of workers) w.unref();

  const sharedSynapses = new WeakMap<Uint32Array, SharedSynapses>();
  function synapsesOf(input: Pick<MaterializeInput, "preIndex" | "postIndex" | "score">): SharedSynapses {
    const hit = sharedSynapses.get(input.preIndex);
    if (hit && hit.postSource === input.postIndex && hit.scoreSource === input.score) return hit;
    const score = isShared(input.score)
      ? input.score
      : new Float32Array(new SharedArrayBuffer(input.score.length * 4));
    if (score !== input.score) score.set(input.score);
    const s: SharedSynapses = {
      postSource: input.postIndex,
      scoreSource: input.score,
      preIndex: sharedCopyU32(input.preIndex),
      postIndex: sharedCopyU32(input.postIndex),
      score,
    };
    sharedSynapses.set(input.preIndex, s);
    return s;
  }

  // Scratch kept between calls and grown as needed (16 bytes per synapse): each synapse's pre root and
  // sort key from pass 1, and the by-post buffers of pass 2.
  let scratch: {
    synPre: Uint32Array;
    synKey: Uint32Array;
    byPostIndex: Uint32Array;
    byPostPre: Uint32Array;
  } | null = null;
  function scratchFor(n: number) {
    if (!scratch || scratch.synPre.length < n) {
      scratch = {
        synPre: sharedU32(n),
        synKey: sharedU32(n),
        byPostIndex: sharedU32(n),
        byPostPre: sharedU32(n),
      };
    }
    return scratch;
  }

  async function runNow(input: MaterializeInput): Promise<Materialized> {
    checkMaterializeInput(input);
    if (input.preIndex.length > MAX_PARTS_SYNAPSES) return materialize(input);
    const T = size;
    const L = input.counterLimit;
    const syn = synapsesOf(input);
    const n = syn.preIndex.length;
    const regionOf = sharedU8(L);
    const bounds = planRegions(input, T, regionOf);
    const ctx: PartsContext = {
      rootCounters: sharedCopyU32(input.rootCounters),
      counterLimit: L,
      preIndex: syn.preIndex,
      postIndex: syn.postIndex,
      score: syn.score,
      include: input.include === null ? null : sharedCopyU8(input.include),
      regionOf,
      parts: T,
    };
    const keep = scratchFor(n);
    const hist = new SharedArrayBuffer(T * (T + 1) * L * 4);
    const histPre = Array.from({ length: T }, (_, c) => new Uint32Array(hist, c * L * 4, L));
    const histPost = Array.from({ length: T }, (_, c) => new Uint32Array(hist, (T + c * T) * L * 4, T * L));
    const counted = await Promise.all(
      workers.map((_, c) => {
        const [lo, hi] = chunkRange(n, T, c);
        return ask(c, {
          type: "count",
          ctx,
          lo,
          hi,
          histPre: histPre[c]!,
          histPost: histPost[c]!,
          synPre: keep.synPre,
          synKey: keep.synKey,
        });
      }),
    );
    // A supervoxel index outside the graph: `materialize` refuses it with its error (X5).
    if (counted.some((r) => r.type !== "counted" || r.kept < 0)) {
      for (const w of workers) w.postMessage({ type: "release" } satisfies WorkerRequest);
      return materialize(input);
    }
    const preCursor = sharedU32(L);
    const layout = prefixParts(ctx, bounds, histPre, histPost, preCursor);
    const kept = layout.kept;
    const { weightMin, hpMin } = classThresholds(input);
    const { byPostIndex, byPostPre } = keep;
    await Promise.all(
      workers.map((_, c) => {
        const [lo, hi] = chunkRange(n, T, c);
        return ask(c, {
          type: "scatter",
          lo,
          hi,
          cursor: histPost[c]!,
          synPre: keep.synPre,
          synKey: keep.synKey,
          weightMin,
          hpMin,
          byPostIndex,
          byPostPre,
        });
      }),
    );
    const order = sharedU32(kept);
    const synapsePre = sharedU32(kept);
    const synapsePost = sharedU32(kept);
    const sorted = await Promise.all(
      workers.map((_, r) =>
        ask(r, {
          type: "sort",
          r,
          p0: bounds[r]!,
          p1: bounds[r + 1]!,
          regionStart: layout.regionStart,
          bucketEnd: histPost[T - 1]!,
          preCursor,
          byPostIndex,
          byPostPre,
          order,
          synapsePre,
          synapsePost,
        }),
      ),
    );
    return {
      rootIdBase: input.rootIdBase,
      synapseOrder: order,
      synapsePre,
      synapsePost,
      edges: concatEdges(sorted.map((r) => (r as Extract<WorkerReply, { type: "sorted" }>).edges)),
      neurons: neuronTable(L, input.include, layout.outCount, layout.inCount),
    };
  }

  let queue: Promise<unknown> = Promise.resolve();
  return {
    size,
    prepare(input) {
      synapsesOf(input);
    },
    run(input) {
      if (closed) return Promise.reject(new MaterializePoolError("the materialize pool is closed"));
      const result = queue.then(async () => {
        for (const w of workers) w.ref();
        try {
          return await runNow(input);
        } finally {
          for (const w of workers) w.unref();
        }
      });
      queue = result.catch(() => {});
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Below this many synapses the pool's fixed costs outweigh the second core: `materialize` here. */
export const PARALLEL_MATERIALIZE_MIN_SYNAPSES = 1_000_000;

export interface Materializer {
  /** `materialize`'s result: on the pool for large inputs, on this thread otherwise. */
  materialize(input: MaterializeInput): Promise<Materialized>;
  close(): Promise<void>;
}

/**
 * The server's materializer: a pool of `size` workers (default: the cores, at most 4) created on the first
 * input of at least `minSynapses` synapses and kept; `materialize` on this thread for smaller inputs, on a
 * one-core machine, or if the pool cannot start.
 */
export function createMaterializer(
  options: { size?: number; minSynapses?: number; onPoolError?: (err: unknown) => void } = {},
): Materializer {
  const size = options.size ?? Math.min(availableParallelism(), 4);
  const minSynapses = options.minSynapses ?? PARALLEL_MATERIALIZE_MIN_SYNAPSES;
  let pool: Promise<MaterializePool | null> | null = null;
  let closed = false;
  return {
    async materialize(input) {
      if (closed || size < 2 || input.preIndex.length < minSynapses) return materialize(input);
      pool ??= createMaterializePool(size).catch((err: unknown) => {
        options.onPoolError?.(err);
        return null;
      });
      const p = await pool;
      return p ? p.run(input) : materialize(input);
    },
    async close() {
      closed = true;
      const p = await pool;
      await p?.close();
    },
  };
}
