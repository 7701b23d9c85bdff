/**
 * Connectome-masked autoregression (SPEC.md F5–F7): per-neuron ridge AR whose cross-neuron weights exist
 * only on wiring-diagram edges, optionally sign-constrained by the presynaptic neurotransmitter and with
 * the ridge penalty scaled down on edges with many synapses. With no diagram it is the per-neuron ridge
 * autoregression baseline; with the complete diagram it is the dense model. The own-lag order and ridge
 * strength are picked on the validation windows.
 */
import { type ArJob, arWeightOffset, createArLayout, maxLagOf } from "./fitArNeurons";
import type { FitInput, FittedModel } from "./fitInput";
import { type ArModel, createArForecaster } from "./createArForecaster";
import { fitPerNeuron } from "./fitPerNeuron";
import { neuronMajor } from "./neuronMajor";
import { overallMae, scoreForecaster } from "./scoreForecaster";
import { crossInputs, type WiringDiagram } from "./wiringDiagram";

export interface MaskedArOptions {
  /** Own-lag orders to try (those above the context are dropped). */
  lags?: readonly number[];
  lambdas?: readonly number[];
  /** Constrain each input weight to its edge's sign (+ excitatory, − inhibitory; 0 stays free). */
  signed?: boolean;
  /** Divide the penalty of an edge by (count / mean count)², so strong connections shrink less. */
  scaleByCount?: boolean;
  /** Name used in progress messages. */
  label?: string;
}

const DEFAULT_LAMBDAS = [1e-4, 1e-3, 1e-2, 1e-1] as const;

/** Default own-lag grid for a context length. */
export function defaultLags(context: number): number[] {
  return context >= 16 ? [1, 4, 16] : [1, 2, 4].filter((p) => p <= context);
}

/** Global ridge scale: samples per neuron × mean square activity over the training frames (SPEC.md F6). */
export function penaltyScaleOf(input: FitInput, maxLag: number): number {
  const { series, trainRanges } = input;
  const N = series.neurons;
  let sq = 0;
  let frames = 0;
  let samples = 0;
  for (let r = 0; r < trainRanges.length; r += 2) {
    const lo = trainRanges[r] as number;
    const hi = trainRanges[r + 1] as number;
    samples += Math.max(0, hi - 1 - (lo + maxLag - 1));
    for (let k = lo * N; k < hi * N; k++) sq += (series.data[k] as number) ** 2;
    frames += hi - lo;
  }
  const meanSquare = frames > 0 ? sq / (frames * N) : 0;
  return samples * (meanSquare > 0 ? meanSquare : 1);
}

/** Builds the job for `diagram` (null: no cross inputs) on the input's training frames. */
export function createArJob(
  input: FitInput,
  diagram: WiringDiagram | null,
  options: MaskedArOptions = {},
): ArJob {
  const { series, context } = input;
  const N = series.neurons;
  const lags = Int32Array.from(options.lags ?? defaultLags(context)).filter((p) => p >= 1 && p <= context);
  if (lags.length === 0) throw new Error(`AR: no own-lag order in [1, ${context}]`);
  const lambdas = Float64Array.from(options.lambdas ?? DEFAULT_LAMBDAS);
  if (diagram !== null && diagram.names.length !== N) {
    throw new Error(`AR: the wiring diagram has ${diagram.names.length} neurons, the activity ${N} columns`);
  }
  const cross = diagram === null ? null : crossInputs(diagram);
  const inPtr = cross?.inPtr ?? new Int32Array(N + 1);
  const pre = cross?.pre ?? new Int32Array(0);
  let penalty: Float64Array | null = null;
  if (options.scaleByCount && cross !== null && cross.count.length > 0) {
    let mean = 0;
    for (const c of cross.count) mean += c / cross.count.length;
    penalty = new Float64Array(cross.count.length);
    for (let e = 0; e < penalty.length; e++) {
      const k = (cross.count[e] as number) / mean;
      penalty[e] = k > 0 ? 1 / (k * k) : 1e6;
    }
  }
  const layout = createArLayout(N, pre.length, lags, lambdas.length);
  const big = series.frames * N > 1e6;
  return {
    data: big ? neuronMajor(series) : series.data,
    frames: series.frames,
    neurons: N,
    strideNeuron: big ? series.frames : 1,
    strideTime: big ? 1 : N,
    ranges: input.trainRanges,
    inPtr,
    pre,
    penalty,
    sign: options.signed && cross !== null ? cross.sign : null,
    lags,
    lambdas,
    penaltyScale: penaltyScaleOf(input, maxLagOf(lags)),
    weights: new Float64Array(new SharedArrayBuffer(layout.length * 8)),
    comboBase: layout.comboBase,
  };
}

/** Offsets of every neuron's block for one grid point. */
export function arOffsets(job: ArJob, combo: number, lag: number): Float64Array {
  const offsets = new Float64Array(job.neurons);
  for (let i = 0; i < job.neurons; i++) offsets[i] = arWeightOffset(job, combo, lag, i);
  return offsets;
}

/** A fitted masked AR: the model and its chosen weights, beside the forecaster. */
export interface MaskedArFit extends FittedModel {
  model: ArModel;
}

export async function fitMaskedAr(
  input: FitInput,
  diagram: WiringDiagram | null,
  options: MaskedArOptions = {},
): Promise<MaskedArFit> {
  const label = options.label ?? (diagram === null ? "ridge-ar" : "masked-ar");
  const job = createArJob(input, diagram, options);
  const N = job.neurons;
  await fitPerNeuron(job, {
    workers: input.workers,
    onProgress: (done, total) =>
      input.onProgress?.(`${label}: fitted ${done}/${total} neurons`, (0.8 * done) / total),
  });
  let best: { combo: number; lag: number; lambda: number; mae: number } | null = null;
  const combos = job.lags.length * job.lambdas.length;
  for (let l = 0; l < job.lags.length; l++) {
    for (let m = 0; m < job.lambdas.length; m++) {
      const combo = l * job.lambdas.length + m;
      const lag = job.lags[l] as number;
      const forecaster = createArForecaster({
        context: input.context,
        horizon: input.protocol.horizon,
        neurons: N,
        lag,
        inPtr: job.inPtr,
        pre: job.pre,
        weights: job.weights,
        offsets: arOffsets(job, combo, lag),
      });
      const score = scoreForecaster(forecaster, input.series, input.protocol, {
        split: "val",
        maxWindows: input.maxValWindows,
      });
      const mae = overallMae(score);
      input.onProgress?.(
        `${label}: lag ${lag}, lambda ${job.lambdas[m]}: validation MAE ${mae.toFixed(5)}`,
        0.8 + (0.2 * (combo + 1)) / combos,
      );
      if (Number.isFinite(mae) && (best === null || mae < best.mae)) {
        best = { combo, lag, lambda: job.lambdas[m] as number, mae };
      }
    }
  }
  if (best === null) throw new Error(`${label}: no grid point gave a finite validation MAE`);
  // Keep only the chosen grid point's weights.
  const offsets = arOffsets(job, best.combo, best.lag);
  const base = job.comboBase[best.combo] as number;
  const size = N * (best.lag + 1) + job.pre.length;
  const weights = job.weights.slice(base, base + size);
  for (let i = 0; i < N; i++) offsets[i] = (offsets[i] as number) - base;
  const model: ArModel = {
    context: input.context,
    horizon: input.protocol.horizon,
    neurons: N,
    lag: best.lag,
    inPtr: job.inPtr,
    pre: job.pre,
    weights,
    offsets,
  };
  return {
    model,
    forecaster: createArForecaster(model),
    hyperparameters: {
      lag: best.lag,
      lambda: best.lambda,
      edges: job.pre.length,
      signed: job.sign !== null,
      scaledByCount: job.penalty !== null,
    },
    valMae: best.mae,
  };
}
