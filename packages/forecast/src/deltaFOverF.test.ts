import { describe, expect, it } from "vitest";
import { readFixtureNpy, reference } from "../test/fixtures";
import { createDffScratch, deltaFOverF, sortedPercentile, ZAPBENCH_DFF } from "./deltaFOverF";

describe("ΔF/F", () => {
  it("[SIM4] by hand: 8th percentile baseline of a 5-frame window, clipped", () => {
    // Half-window 2; the percentile of 3 sorted values [a, b, c] at 8 % is a + 0.16 (b − a).
    const F = Float64Array.from([10, 20, 30, 40, 50]);
    const out = new Float64Array(5);
    deltaFOverF(5, F, 1, 0, out, 1, 0, { percentile: 8, clipLow: -0.25, clipHigh: 1.5 }, createDffScratch(2));
    const f0 = 10 + 0.16 * 10; // frame 0 sees [10, 20, 30]
    expect(out[0]).toBeCloseTo((10 - f0) / f0, 12);
    const f2 = 10 + 0.32 * 10; // frame 2 sees all five: position 0.08 · 4 = 0.32
    expect(out[2]).toBeCloseTo((30 - f2) / f2, 12);
    const f4 = 30 + 0.16 * 10; // frame 4 sees [30, 40, 50]
    expect(out[4]).toBeCloseTo((50 - f4) / f4, 12);
  });

  it("[SIM4] clips to [−0.25, 1.5]", () => {
    const out = new Float64Array(5);
    const scratch = createDffScratch(2);
    deltaFOverF(5, Float64Array.from([10, 10, 10, 100, 10]), 1, 0, out, 1, 0, ZAPBENCH_DFF, scratch);
    expect(out[3]).toBe(1.5); // (100 − 10) / 10 = 9
    deltaFOverF(5, Float64Array.from([100, 100, 10, 100, 100]), 1, 0, out, 1, 0, ZAPBENCH_DFF, scratch);
    expect(out[2]).toBe(-0.25); // (10 − 38.8) / 38.8
  });

  it("[SIM4] equals numpy.percentile on every window (fixture), for a ±40 and the ZAPBench ±400 window", () => {
    const F = readFixtureNpy("dff_input.npy");
    const [T, K] = F.shape as [number, number];
    for (const [name, half] of [
      ["dff_expected.npy", reference.dffHalfWindow],
      ["dff_expected_zapbench_window.npy", 400],
    ] as const) {
      const expected = readFixtureNpy(name);
      const out = new Float64Array(T * K);
      const scratch = createDffScratch(half);
      for (let k = 0; k < K; k++) deltaFOverF(T, F.data, K, k, out, K, k, ZAPBENCH_DFF, scratch);
      for (let i = 0; i < T * K; i++) expect(out[i]).toBeCloseTo(expected.data[i] as number, 5);
    }
  });

  it("[SIM4] percentile interpolates linearly between order statistics", () => {
    const s = Float64Array.from([1, 2, 4, 8]);
    expect(sortedPercentile(s, 4, 0)).toBe(1);
    expect(sortedPercentile(s, 4, 100)).toBe(8);
    expect(sortedPercentile(s, 4, 50)).toBe(3);
    expect(sortedPercentile(s, 1, 8)).toBe(1);
  });
});
