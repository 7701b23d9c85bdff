/**
 * Runs the per-neuron AR kernel over all neurons (SPEC.md F8): in worker threads when there is enough work
 * (neuron chunks handed out one at a time, so that fast workers take more), otherwise in this thread.
 * Activity and weights live on SharedArrayBuffers, so nothing large is copied.
 */
import { Worker } from "node:worker_threads";
import { type ArJob, createArScratch, fitArNeurons, maxLagOf } from "./fitArNeurons";

export interface PerNeuronOptions {
  workers: number;
  /** Below this many dot-product multiply-adds the fit stays in this thread (worker start-up costs ~0.3 s). */
  minWorkForWorkers?: number;
  onProgress?: (done: number, total: number) => void;
}

function maxInputsOf(job: ArJob): number {
  let m = 0;
  for (let i = 0; i < job.neurons; i++)
    m = Math.max(m, (job.inPtr[i + 1] as number) - (job.inPtr[i] as number));
  return m;
}

/** Estimated multiply-adds of the Gram matrices. */
export function arFitWork(job: ArJob): number {
  const P = maxLagOf(job.lags);
  let frames = 0;
  for (let r = 0; r < job.ranges.length; r += 2)
    frames += (job.ranges[r + 1] as number) - (job.ranges[r] as number);
  let work = 0;
  for (let i = 0; i < job.neurons; i++) {
    const F = P + (job.inPtr[i + 1] as number) - (job.inPtr[i] as number) + 2;
    work += (F * (F + 1) * frames) / 2;
  }
  return work;
}

export async function fitPerNeuron(job: ArJob, options: PerNeuronOptions): Promise<void> {
  const N = job.neurons;
  const maxInputs = maxInputsOf(job);
  const chunk = Math.max(1, Math.min(256, Math.ceil(N / (8 * Math.max(1, options.workers)))));
  const total = N;
  const useWorkers = options.workers > 1 && arFitWork(job) >= (options.minWorkForWorkers ?? 2e8) && N > chunk;
  if (!useWorkers) {
    const scratch = createArScratch(maxLagOf(job.lags), maxInputs);
    for (let i0 = 0; i0 < N; i0 += chunk) {
      const i1 = Math.min(N, i0 + chunk);
      fitArNeurons(job, scratch, i0, i1);
      options.onProgress?.(i1, total);
      await new Promise<void>((r) => setImmediate(r));
    }
    return;
  }
  if (!(job.data.buffer instanceof SharedArrayBuffer) || !(job.weights.buffer instanceof SharedArrayBuffer)) {
    throw new Error("fitPerNeuron: data and weights must be on SharedArrayBuffers to use worker threads");
  }
  let next = 0;
  let done = 0;
  const count = Math.min(options.workers, Math.ceil(N / chunk));
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(new URL("./fitWorkerBoot.mjs", import.meta.url), {
          workerData: { job, maxInputs },
        });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          let stopped = false;
          const send = () => {
            if (next >= N) {
              stopped = true;
              worker.postMessage(null);
              resolve();
              return;
            }
            const i0 = next;
            next = Math.min(N, next + chunk);
            worker.postMessage({ i0, i1: next });
          };
          worker.on("message", (n: number) => {
            done += n;
            options.onProgress?.(done, total);
            send();
          });
          worker.on("error", reject);
          worker.on("exit", (code) => {
            if (!stopped) reject(new Error(`fit worker exited with code ${code} before finishing`));
          });
          send();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
