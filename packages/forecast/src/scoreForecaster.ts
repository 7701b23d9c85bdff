/**
 * Scores a forecaster exactly as ZAPBench does (SPEC.md Z4–Z7): for every condition, every stride-1 window
 * of its scored split ("test" for training conditions, "test_holdout" for held-out ones); MAE per step is the
 * mean over neurons of |error|, averaged over the condition's windows; the training conditions are then
 * averaged without weights and the held-out conditions reported apart.
 */
import type { Forecaster } from "./forecaster";
import { maePerStep } from "./maePerStep";
import { numWindows, type Protocol, type Split, scoringSplit, splitBounds } from "./protocol";
import type { Series } from "./series";

export interface ConditionScore {
  name: string;
  heldOut: boolean;
  split: Split;
  /** [inclusive min, exclusive max) frames of the split, context included. */
  bounds: [number, number];
  windows: number;
  /** MAE per step h = 1..horizon. */
  mae: Float64Array;
}

export interface Score {
  conditions: ConditionScore[];
  /** Unweighted mean over the training conditions' curves. */
  trainMean: Float64Array;
  /** Unweighted mean over the held-out conditions' curves; null when none is held out. */
  heldOutMean: Float64Array | null;
}

export interface ScoreOptions {
  /** "test" (default): the protocol's scoring; "val": the validation split of the training conditions. */
  split?: "test" | "val";
  /** At most this many windows per condition, evenly spaced (for validation during model selection). */
  maxWindows?: number;
  /** Called after each condition. */
  onCondition?: (done: number, total: number) => void;
}

/** Unweighted mean of equally long curves; a fresh array (a `create*`-style allocation). */
export function meanCurve(curves: readonly Float64Array[], length: number): Float64Array {
  const out = new Float64Array(length);
  for (const c of curves)
    for (let h = 0; h < length; h++) out[h] = (out[h] as number) + (c[h] as number) / curves.length;
  return out;
}

export function scoreForecaster(
  forecaster: Forecaster,
  series: Series,
  protocol: Protocol,
  options: ScoreOptions = {},
): Score {
  const { context, horizon } = forecaster;
  if (horizon !== protocol.horizon) {
    throw new Error(
      `scoreForecaster: model horizon ${horizon} differs from the protocol's ${protocol.horizon}`,
    );
  }
  const N = series.neurons;
  const pred = new Float64Array(horizon * N);
  const conditions: ConditionScore[] = [];
  const useVal = options.split === "val";
  const chosen = protocol.conditions.map((c, i) => ({ c, i })).filter(({ c }) => !(useVal && c.heldOut));
  for (const [k, { c, i }] of chosen.entries()) {
    const split: Split = useVal ? "val" : scoringSplit(c);
    const [lo, hi] = splitBounds(protocol, i, split, context);
    const total = numWindows(lo, hi, context, horizon);
    const count = options.maxWindows === undefined ? total : Math.min(total, options.maxWindows);
    const mae = new Float64Array(horizon);
    for (let w = 0; w < count; w++) {
      const start = lo + (count === total ? w : Math.floor((w * total) / count));
      const end = start + context;
      forecaster.predict(series, end, pred);
      maePerStep(horizon, N, pred, N, 1, 0, series.data, N, 1, end * N, mae, 1, 0);
    }
    for (let h = 0; h < horizon; h++) mae[h] = count > 0 ? (mae[h] as number) / count : Number.NaN;
    conditions.push({ name: c.name, heldOut: c.heldOut, split, bounds: [lo, hi], windows: count, mae });
    options.onCondition?.(k + 1, chosen.length);
  }
  const train = conditions.filter((s) => !s.heldOut).map((s) => s.mae);
  const held = conditions.filter((s) => s.heldOut).map((s) => s.mae);
  return {
    conditions,
    trainMean: meanCurve(train, horizon),
    heldOutMean: held.length > 0 ? meanCurve(held, horizon) : null,
  };
}

/** Mean over steps and training conditions of a score: the single number model selection minimises. */
export function overallMae(score: Score): number {
  let s = 0;
  for (const v of score.trainMean) s += v;
  return s / score.trainMean.length;
}
