import { describe, expect, it } from "vitest";
import { readFixtureNpy, reference } from "../test/fixtures";
import type { Forecaster } from "./forecaster";
import { createLastValueForecaster, createMeanForecaster } from "./naiveForecasters";
import { conditionsFromOffsets, createProtocol } from "./protocol";
import { overallMae, scoreForecaster } from "./scoreForecaster";
import { createSeriesFrom } from "./series";

function fixtureSetup() {
  const s = readFixtureNpy("scoring_series.npy");
  const [T, N] = s.shape as [number, number];
  const series = createSeriesFrom(s.data, T, N);
  const t = reference.table;
  const protocol = createProtocol(conditionsFromOffsets(t.offsets, t.names, t.heldOut), {
    padding: t.padding,
    maxContext: t.maxContext,
    horizon: t.horizon,
  });
  return { series, protocol };
}

describe("scoreForecaster", () => {
  it("[Z4][Z6][Z7] equals the numpy scoring of the fixture for last value and mean, contexts 4 and 16", () => {
    const { series, protocol } = fixtureSetup();
    for (const context of [4, 16]) {
      for (const [name, make] of [
        ["last", createLastValueForecaster],
        ["mean", createMeanForecaster],
      ] as const) {
        const ref = reference.scores[`${name}/${context}`];
        if (ref === undefined) throw new Error(`fixture lacks ${name}/${context}`);
        const score = scoreForecaster(make(context, protocol.horizon), series, protocol);
        expect(score.conditions.map((c) => c.bounds)).toEqual(ref.conditions.map((c) => c.bounds));
        expect(score.conditions.map((c) => c.windows)).toEqual(ref.conditions.map((c) => c.windows));
        for (const [k, c] of score.conditions.entries()) {
          for (let h = 0; h < protocol.horizon; h++)
            expect(c.mae[h]).toBeCloseTo(ref.conditions[k]?.mae[h] as number, 6);
        }
        for (let h = 0; h < protocol.horizon; h++) {
          expect(score.trainMean[h]).toBeCloseTo(ref.trainMean[h] as number, 6);
          expect(score.heldOutMean?.[h]).toBeCloseTo(ref.heldOutMean?.[h] as number, 6);
        }
      }
    }
  });

  it("[Z4][Z7] by hand: window placement, per-condition means and the unweighted mean over training conditions", () => {
    // One neuron; frame t holds t². Forecast = 0 everywhere, so the error at a target frame f is f².
    const T = 120;
    const series = createSeriesFrom(
      Float32Array.from({ length: T }, (_, t) => t * t),
      T,
      1,
    );
    const zero: Forecaster = {
      context: 2,
      horizon: 3,
      predict: (_s, _end, out) => out.fill(0, 0, 3),
    };
    const protocol = createProtocol(
      [
        { name: "a", start: 0, end: 52, heldOut: false }, // [1, 51): 50 frames, test 10 → [39, 51)
        { name: "b", start: 52, end: 112, heldOut: false }, // [53, 111): 58 frames, test 11 → [98, 111)
      ],
      { maxContext: 2, horizon: 3 },
    );
    const score = scoreForecaster(zero, series, protocol);
    const a = score.conditions[0];
    const b = score.conditions[1];
    expect(a?.bounds).toEqual([39, 51]);
    expect(a?.windows).toBe(51 - 39 - 3 - 2 + 1);
    // Condition a, step 1: targets are frames 41..48 (window k reads 39+k, 40+k and predicts 41+k..43+k).
    const meanSq = (from: number, n: number) => {
      let s = 0;
      for (let f = from; f < from + n; f++) s += f * f;
      return s / n;
    };
    expect(a?.mae[0]).toBeCloseTo(meanSq(41, 8), 6);
    expect(a?.mae[2]).toBeCloseTo(meanSq(43, 8), 6);
    expect(b?.bounds).toEqual([98, 111]);
    expect(b?.mae[0]).toBeCloseTo(meanSq(100, 9), 6);
    expect(score.trainMean[0]).toBeCloseTo((meanSq(41, 8) + meanSq(100, 9)) / 2, 6);
    expect(score.heldOutMean).toBeNull();
    expect(overallMae(score)).toBeCloseTo(
      ((a?.mae[0] ?? 0) +
        (a?.mae[1] ?? 0) +
        (a?.mae[2] ?? 0) +
        (b?.mae[0] ?? 0) +
        (b?.mae[1] ?? 0) +
        (b?.mae[2] ?? 0)) /
        6,
      9,
    );
  });

  it("[F2] the validation split covers only training conditions and honours maxWindows", () => {
    const { series, protocol } = fixtureSetup();
    const score = scoreForecaster(createLastValueForecaster(4, protocol.horizon), series, protocol, {
      split: "val",
      maxWindows: 5,
    });
    expect(score.conditions.map((c) => c.name)).toEqual(["a", "c"]);
    expect(score.conditions.every((c) => c.split === "val" && c.windows === 5)).toBe(true);
  });
});
