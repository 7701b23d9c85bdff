/** What every model fit receives (SPEC.md F2): the series, the protocol, the context and the training frames. */
import { checkProtocolFits, type Protocol, splitBounds } from "./protocol";
import type { Forecaster } from "./forecaster";
import type { Series } from "./series";

export interface FitInput {
  series: Series;
  protocol: Protocol;
  context: number;
  /** Training frames as [lo, hi) pairs: the train splits of the training conditions (held-out never). */
  trainRanges: Int32Array;
  /** Validation windows per condition used for hyperparameter selection (evenly spaced). */
  maxValWindows: number;
  /** Worker threads for per-neuron fits (1 = fit in this thread). */
  workers: number;
  seed: number;
  onProgress?: (message: string, fraction?: number) => void;
}

export interface FittedModel {
  forecaster: Forecaster;
  hyperparameters: Record<string, number | string | boolean>;
  /** Validation MAE (mean over steps and training conditions) of the chosen hyperparameters. */
  valMae: number | null;
}

export interface FitInputOptions {
  /** Use at most this many frames of each train split (its last ones); all by default. */
  trainFrames?: number;
  maxValWindows?: number;
  workers?: number;
  seed?: number;
  onProgress?: (message: string, fraction?: number) => void;
}

export function createFitInput(
  series: Series,
  protocol: Protocol,
  context: number,
  options: FitInputOptions = {},
): FitInput {
  checkProtocolFits(protocol, series.frames, context);
  const ranges: number[] = [];
  for (const [i, c] of protocol.conditions.entries()) {
    if (c.heldOut) continue;
    let [lo, hi] = splitBounds(protocol, i, "train", context);
    if (options.trainFrames !== undefined) lo = Math.max(lo, hi - options.trainFrames);
    ranges.push(lo, hi);
  }
  const input: FitInput = {
    series,
    protocol,
    context,
    trainRanges: Int32Array.from(ranges),
    maxValWindows: options.maxValWindows ?? 64,
    workers: options.workers ?? 1,
    seed: options.seed ?? 1,
  };
  if (options.onProgress) input.onProgress = options.onProgress;
  return input;
}
