/**
 * One worker of the materialization pool (materializePool.ts): runs the kernels of
 * @danio/core's materializeParts on the shared buffers it is sent, one message at a time.
 */
import { parentPort } from "node:worker_threads";
import { countChunk, type PartsContext, scatterChunk, sortRegion } from "@danio/core";
import type { WorkerReply, WorkerRequest } from "./materializePool";

const port = parentPort!;
let ctx: PartsContext | null = null;

port.on("message", (m: WorkerRequest) => {
  try {
    if (m.type === "count") {
      ctx = m.ctx;
      const kept = countChunk(ctx, m.lo, m.hi, m.histPre, m.histPost, m.synPre, m.synKey);
      port.postMessage({ type: "counted", kept } satisfies WorkerReply);
    } else if (m.type === "scatter") {
      scatterChunk(
        ctx!,
        m.lo,
        m.hi,
        m.cursor,
        m.weightMin,
        m.hpMin,
        m.synPre,
        m.synKey,
        m.byPostIndex,
        m.byPostPre,
      );
      port.postMessage({ type: "scattered" } satisfies WorkerReply);
    } else if (m.type === "sort") {
      const edges = sortRegion(
        ctx!,
        m.r,
        m.p0,
        m.p1,
        m.regionStart,
        m.bucketEnd,
        m.preCursor,
        m.byPostIndex,
        m.byPostPre,
        m.order,
        m.synapsePre,
        m.synapsePost,
      );
      ctx = null;
      port.postMessage({ type: "sorted", edges } satisfies WorkerReply, [
        edges.pre.buffer as ArrayBuffer,
        edges.post.buffer as ArrayBuffer,
        edges.weightHR.buffer as ArrayBuffer,
        edges.weight.buffer as ArrayBuffer,
        edges.weightHP.buffer as ArrayBuffer,
      ]);
    } else {
      ctx = null;
    }
  } catch (err) {
    port.postMessage({
      type: "failed",
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    } satisfies WorkerReply);
  }
});
port.postMessage({ type: "ready" } satisfies WorkerReply);
