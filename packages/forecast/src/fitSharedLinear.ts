/**
 * The shared univariate linear model (SPEC.md F4), ZAPBench's linear baseline: one C → H linear map with a
 * bias per output step, the same for every neuron, applied to each neuron's own context. Fitted in closed
 * form by ridge least squares over (neuron, training window) samples; the ridge strength is picked on the
 * validation windows.
 */
import { choleskySolveRows, choleskyUpper } from "./cholesky";
import type { FitInput, FittedModel } from "./fitInput";
import type { Forecaster } from "./forecaster";
import { overallMae, scoreForecaster } from "./scoreForecaster";
import type { Series } from "./series";
import { gemmTransA, syrkUpper } from "./syrkUpper";

export interface SharedLinearOptions {
  lambdas?: readonly number[];
  /** Cap on (neuron, window) samples; evenly spaced when there are more. */
  maxSamples?: number;
}

/** A forecaster from weights W ((C+1) × H row-major, last row the bias). */
export function createSharedLinearForecaster(
  context: number,
  horizon: number,
  weights: Float64Array,
): Forecaster {
  const C = context;
  const H = horizon;
  return {
    context,
    horizon,
    predict(series: Series, end: number, out: Float64Array) {
      const N = series.neurons;
      const d = series.data;
      const bias = C * H;
      for (let h = 0; h < H; h++) out.fill(weights[bias + h] as number, h * N, (h + 1) * N);
      for (let c = 0; c < C; c++) {
        const row = (end - C + c) * N;
        for (let h = 0; h < H; h++) {
          const w = weights[c * H + h] as number;
          const o = h * N;
          for (let n = 0; n < N; n++) out[o + n] = (out[o + n] as number) + w * (d[row + n] as number);
        }
      }
    },
  };
}

export function fitSharedLinear(input: FitInput, options: SharedLinearOptions = {}): FittedModel {
  const { series, context: C, protocol } = input;
  const H = protocol.horizon;
  const N = series.neurons;
  const F = C + 1;
  const lambdas = options.lambdas ?? [1e-6, 1e-4, 1e-2, 1];
  const budget = options.maxSamples ?? Math.max(2000, Math.floor(4e9 / (F * F + F * H)));
  // Window starts per range.
  const starts: number[] = [];
  for (let r = 0; r < input.trainRanges.length; r += 2) {
    const lo = input.trainRanges[r] as number;
    const hi = input.trainRanges[r + 1] as number;
    for (let s = lo; s + C + H <= hi; s++) starts.push(s);
  }
  const total = starts.length * N;
  if (total === 0) throw new Error("linear: the training splits hold no window of context + horizon frames");
  const used = Math.min(total, budget);
  const BLOCK = 128;
  const X = new Float64Array(BLOCK * F);
  const Y = new Float64Array(BLOCK * H);
  const G = new Float64Array(F * F);
  const B = new Float64Array(F * H);
  let filled = 0;
  const d = series.data;
  const flush = () => {
    syrkUpper(filled, F, X, F, 1, 0, G, F, 1, 0);
    gemmTransA(filled, F, H, X, F, 0, Y, H, 0, B, H, 0);
    filled = 0;
  };
  for (let k = 0; k < used; k++) {
    const idx = used === total ? k : Math.floor(k * (total / used));
    const s = starts[Math.floor(idx / N)] as number;
    const n = idx % N;
    const xr = filled * F;
    for (let c = 0; c < C; c++) X[xr + c] = d[(s + c) * N + n] as number;
    X[xr + C] = 1;
    const yr = filled * H;
    for (let h = 0; h < H; h++) Y[yr + h] = d[(s + C + h) * N + n] as number;
    filled++;
    if (filled === BLOCK) flush();
  }
  if (filled > 0) flush();
  let scale = 0;
  for (let c = 0; c < C; c++) scale += (G[c * F + c] as number) / C;
  const A = new Float64Array(F * F);
  const W = new Float64Array(F * H);
  let best: { lambda: number; mae: number; weights: Float64Array } | null = null;
  for (const [li, lambda] of lambdas.entries()) {
    A.set(G);
    for (let c = 0; c < C; c++) A[c * F + c] = (A[c * F + c] as number) + lambda * scale;
    W.set(B);
    if (!choleskyUpper(F, A, F, 0)) continue;
    choleskySolveRows(F, H, A, F, 0, W, H, 0);
    const forecaster = createSharedLinearForecaster(C, H, W);
    const mae = overallMae(
      scoreForecaster(forecaster, series, protocol, { split: "val", maxWindows: input.maxValWindows }),
    );
    input.onProgress?.(
      `linear: lambda ${lambda} validation MAE ${mae.toFixed(5)}`,
      (li + 1) / lambdas.length,
    );
    if (best === null || mae < best.mae) best = { lambda, mae, weights: W.slice() };
  }
  if (best === null) throw new Error("linear: every ridge system was singular");
  return {
    forecaster: createSharedLinearForecaster(C, H, best.weights),
    hyperparameters: { lambda: best.lambda, samples: used },
    valMae: best.mae,
  };
}
