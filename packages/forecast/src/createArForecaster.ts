/**
 * Multi-step forecasts of a fitted autoregression (SPEC.md F5): the one-step model is iterated over the
 * horizon, feeding its own predictions back, every neuron advanced together so that cross-neuron inputs
 * use the predicted activity of their presynaptic neurons.
 */
import type { Forecaster } from "./forecaster";
import type { Series } from "./series";

export interface ArModel {
  context: number;
  horizon: number;
  neurons: number;
  /** Own-lag order p (<= context). */
  lag: number;
  /** Cross inputs, CSR by post. */
  inPtr: Int32Array;
  pre: Int32Array;
  /** Weights; neuron i's block [a_0..a_{p−1}, w_1..w_d, c] starts at offsets[i]. */
  weights: Float64Array;
  offsets: Float64Array;
}

export function createArForecaster(model: ArModel): Forecaster {
  const { context, horizon: H, neurons: N, lag: p, inPtr, pre, weights: w, offsets } = model;
  if (p > context) throw new Error(`AR lag ${p} exceeds the context ${context}`);
  const hist = new Float64Array((p + H) * N);
  return {
    context,
    horizon: H,
    predict(series: Series, end: number, out: Float64Array) {
      const d = series.data;
      for (let k = 0; k < p; k++) {
        const src = (end - p + k) * N;
        const dst = k * N;
        for (let n = 0; n < N; n++) hist[dst + n] = d[src + n] as number;
      }
      for (let h = 0; h < H; h++) {
        const row = (p + h) * N;
        const prev = row - N;
        for (let i = 0; i < N; i++) {
          const o = offsets[i] as number;
          const e0 = inPtr[i] as number;
          const deg = (inPtr[i + 1] as number) - e0;
          let y = w[o + p + deg] as number;
          for (let k = 0; k < p; k++) y += (w[o + k] as number) * (hist[prev - k * N + i] as number);
          const wi = o + p - e0;
          for (let e = e0; e < e0 + deg; e++)
            y += (w[wi + e] as number) * (hist[prev + (pre[e] as number)] as number);
          hist[row + i] = y;
        }
      }
      for (let k = 0; k < H * N; k++) out[k] = hist[p * N + k] as number;
    },
  };
}
