import { describe, expect, it } from "vitest";
import { createFitInput } from "./fitInput";
import { fitSharedLinear } from "./fitSharedLinear";
import { createMeanForecaster } from "./naiveForecasters";
import { createProtocol } from "./protocol";
import { overallMae, scoreForecaster } from "./scoreForecaster";
import { createSeriesFrom } from "./series";

describe("shared univariate linear model", () => {
  it("[F4] learns the optimal linear forecast of an AR(1) process: x(t+h) ≈ φ^h x(t)", () => {
    const T = 3000;
    const N = 20;
    const phi = 0.8;
    const data = new Float32Array(T * N);
    let s = 7;
    const noise = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648 - 0.5;
    };
    for (let t = 1; t < T; t++)
      for (let n = 0; n < N; n++) data[t * N + n] = phi * (data[(t - 1) * N + n] as number) + noise();
    const series = createSeriesFrom(data, T, N);
    const protocol = createProtocol(
      [
        { name: "a", start: 0, end: 1500, heldOut: false },
        { name: "b", start: 1500, end: 3000, heldOut: false },
      ],
      { maxContext: 4, horizon: 8 },
    );
    const input = createFitInput(series, protocol, 4, { maxValWindows: 32 });
    const fit = fitSharedLinear(input);
    // The weight of the last context frame at step h is φ^h; the others and the bias vanish.
    const H = 8;
    const wOf = (c: number, h: number) => {
      const out = new Float64Array(H * 1);
      const probe = new Float32Array(4 * 1);
      probe[c] = 1;
      fit.forecaster.predict(createSeriesFrom(probe, 4, 1), 4, out);
      const zero = new Float64Array(H);
      fit.forecaster.predict(createSeriesFrom(new Float32Array(4), 4, 1), 4, zero);
      return (out[h] as number) - (zero[h] as number);
    };
    for (let h = 0; h < H; h++) {
      expect(wOf(3, h)).toBeCloseTo(phi ** (h + 1), 1);
      expect(Math.abs(wOf(0, h))).toBeLessThan(0.05);
    }
    const linear = overallMae(scoreForecaster(fit.forecaster, series, protocol));
    const mean = overallMae(scoreForecaster(createMeanForecaster(4, H), series, protocol));
    expect(linear).toBeLessThan(mean);
    expect(fit.hyperparameters.samples).toBeGreaterThan(0);
  });
});
