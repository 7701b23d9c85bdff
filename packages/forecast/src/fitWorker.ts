/**
 * Worker-thread entry for per-neuron AR fits (SPEC.md F8). Receives the job (activity and weights on
 * shared memory) once, then fits the neuron ranges the main thread sends, replying with the count done.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type ArJob, createArScratch, fitArNeurons, maxLagOf } from "./fitArNeurons";

const { job, maxInputs } = workerData as { job: ArJob; maxInputs: number };
const scratch = createArScratch(maxLagOf(job.lags), maxInputs);
const port = parentPort;
if (port === null) throw new Error("fitWorker: must run as a worker thread");
port.on("message", (msg: { i0: number; i1: number } | null) => {
  if (msg === null) {
    port.close();
    return;
  }
  fitArNeurons(job, scratch, msg.i0, msg.i1);
  port.postMessage(msg.i1 - msg.i0);
});
