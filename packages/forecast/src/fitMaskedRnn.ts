/**
 * Trains the masked rate RNN (SPEC.md F9) by backpropagation through time with Adam: mini-batches of
 * training windows (free-running rollouts over the horizon from each window's last context frame),
 * early stopping on the validation MAE after every epoch, and the learning rate picked on validation.
 */
import { adamStep } from "./adamStep";
import { createRng } from "./createRng";
import type { FitInput, FittedModel } from "./fitInput";
import {
  createRnnBuffers,
  createRnnForecaster,
  initRnnParams,
  type RnnShape,
  rnnBackward,
  rnnForward,
  rnnParamCount,
} from "./maskedRnn";
import { overallMae, scoreForecaster } from "./scoreForecaster";
import { crossInputs, type WiringDiagram } from "./wiringDiagram";

export interface MaskedRnnOptions {
  learningRates?: readonly number[];
  epochs?: number;
  batchSize?: number;
  /** Windows drawn per epoch (at most). */
  windowsPerEpoch?: number;
  /** Epochs without validation improvement before stopping. */
  patience?: number;
  label?: string;
}

export interface MaskedRnnFit extends FittedModel {
  shape: RnnShape;
  params: Float64Array;
  /** Training loss (MSE) per epoch of the chosen learning rate. */
  losses: number[];
}

export async function fitMaskedRnn(
  input: FitInput,
  diagram: WiringDiagram | null,
  options: MaskedRnnOptions = {},
): Promise<MaskedRnnFit> {
  const label = options.label ?? "masked-rnn";
  const { series, context: C, protocol } = input;
  const H = protocol.horizon;
  const N = series.neurons;
  const cross = diagram === null ? null : crossInputs(diagram);
  const shape: RnnShape = {
    neurons: N,
    inPtr: cross?.inPtr ?? new Int32Array(N + 1),
    pre: cross?.pre ?? new Int32Array(0),
  };
  const ends: number[] = [];
  for (let r = 0; r < input.trainRanges.length; r += 2) {
    const lo = input.trainRanges[r] as number;
    const hi = input.trainRanges[r + 1] as number;
    for (let end = lo + C; end + H <= hi; end++) ends.push(end);
  }
  if (ends.length === 0)
    throw new Error(`${label}: the training splits hold no window of context + horizon frames`);
  const epochs = options.epochs ?? 30;
  const batch = options.batchSize ?? 16;
  const perEpoch = Math.min(ends.length, options.windowsPerEpoch ?? 1024);
  const patience = options.patience ?? 4;
  const rates = options.learningRates ?? [3e-3, 1e-2];
  const P = rnnParamCount(shape);
  const params = new Float64Array(P);
  const grads = new Float64Array(P);
  const m1 = new Float64Array(P);
  const m2 = new Float64Array(P);
  const buf = createRnnBuffers(N, H);
  const order = Int32Array.from(ends);
  let best: { lr: number; mae: number; params: Float64Array; losses: number[] } | null = null;
  for (const [ri, lr] of rates.entries()) {
    const rng = createRng(input.seed + 7919 * ri);
    initRnnParams(shape, params);
    m1.fill(0);
    m2.fill(0);
    let step = 0;
    let bestHere = { mae: Number.POSITIVE_INFINITY, params: params.slice(), epoch: -1 };
    const losses: number[] = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let k = order.length - 1; k > 0; k--) {
        const j = rng.int(k + 1);
        const t = order[k] as number;
        order[k] = order[j] as number;
        order[j] = t;
      }
      let lossSum = 0;
      for (let b0 = 0; b0 < perEpoch; b0 += batch) {
        const b1 = Math.min(perEpoch, b0 + batch);
        grads.fill(0);
        for (let w = b0; w < b1; w++) {
          const end = order[w] as number;
          rnnForward(shape, params, H, series.data, (end - 1) * N, buf);
          lossSum += rnnBackward(shape, params, H, series.data, end * N, buf, grads);
        }
        step++;
        adamStep(P, params, grads, 1 / (b1 - b0), m1, m2, lr, 0.9, 0.999, 1e-8, step);
      }
      losses.push(lossSum / perEpoch);
      const mae = overallMae(
        scoreForecaster(createRnnForecaster(shape, params, C, H), series, protocol, {
          split: "val",
          maxWindows: input.maxValWindows,
        }),
      );
      input.onProgress?.(
        `${label}: lr ${lr} epoch ${epoch + 1}: train MSE ${(lossSum / perEpoch).toExponential(3)}, validation MAE ${mae.toFixed(5)}`,
        (ri + (epoch + 1) / epochs) / rates.length,
      );
      if (mae < bestHere.mae) bestHere = { mae, params: params.slice(), epoch };
      else if (epoch - bestHere.epoch >= patience) break;
      await new Promise<void>((r) => setImmediate(r));
    }
    if (best === null || bestHere.mae < best.mae)
      best = { lr, mae: bestHere.mae, params: bestHere.params, losses };
  }
  if (best === null) throw new Error(`${label}: no learning rate to try`);
  return {
    forecaster: createRnnForecaster(shape, best.params, C, H),
    hyperparameters: { learningRate: best.lr, edges: shape.pre.length, epochs: best.losses.length },
    valMae: best.mae,
    shape,
    params: best.params,
    losses: best.losses,
  };
}
