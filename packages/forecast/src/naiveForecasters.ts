/** The naive ZAPBench baselines (SPEC.md F3): mean of the context frames, and the last context frame. */
import type { Forecaster } from "./forecaster";
import type { Series } from "./series";

/** Forecasts every step as the per-neuron mean of the `context` input frames. */
export function createMeanForecaster(context: number, horizon: number): Forecaster {
  return {
    context,
    horizon,
    predict(series: Series, end: number, out: Float64Array) {
      const N = series.neurons;
      const d = series.data;
      for (let n = 0; n < N; n++) out[n] = 0;
      for (let t = end - context; t < end; t++) {
        const row = t * N;
        for (let n = 0; n < N; n++) out[n] = (out[n] as number) + (d[row + n] as number);
      }
      for (let n = 0; n < N; n++) out[n] = (out[n] as number) / context;
      for (let h = 1; h < horizon; h++) out.copyWithin(h * N, 0, N);
    },
  };
}

/** Forecasts every step as the last input frame. */
export function createLastValueForecaster(context: number, horizon: number): Forecaster {
  return {
    context,
    horizon,
    predict(series: Series, end: number, out: Float64Array) {
      const N = series.neurons;
      const row = (end - 1) * N;
      for (let n = 0; n < N; n++) out[n] = series.data[row + n] as number;
      for (let h = 1; h < horizon; h++) out.copyWithin(h * N, 0, N);
    },
  };
}
