import { describe, expect, it } from "vitest";
import { readFixtureNpy, reference } from "../test/fixtures";
import { maePerStep } from "./maePerStep";

describe("maePerStep", () => {
  it("[Z6] by hand: mean over neurons of |error| per step, added into the accumulator", () => {
    // 2 steps × 3 neurons.
    const pred = Float64Array.from([1, 2, 3, 0, 0, 0]);
    const target = Float64Array.from([1, 4, 0, 1, -1, 2]);
    const out = Float64Array.from([10, 20]);
    maePerStep(2, 3, pred, 3, 1, 0, target, 3, 1, 0, out, 1, 0);
    // step 1: (0 + 2 + 3) / 3; step 2: (1 + 1 + 2) / 3.
    expect(out[0]).toBeCloseTo(10 + 5 / 3, 12);
    expect(out[1]).toBeCloseTo(20 + 4 / 3, 12);
  });

  it("[Z6] honours strides and offsets (prediction stored neuron-major)", () => {
    const predNeuronMajor = Float64Array.from([9, 1, 0, 2, 0, 3, 0]); // offset 1, [neuron][step]
    const target = Float32Array.from([1, 4, 0, 1, -1, 2]);
    const out = new Float64Array(4);
    maePerStep(2, 3, predNeuronMajor, 1, 2, 1, target, 3, 1, 0, out, 2, 1);
    expect(out[1]).toBeCloseTo(5 / 3, 12);
    expect(out[3]).toBeCloseTo(4 / 3, 12);
    expect(out[0]).toBe(0);
  });

  it("[Z6] equals the numpy computation of the fixture", () => {
    const pred = readFixtureNpy("mae_pred.npy");
    const target = readFixtureNpy("mae_target.npy");
    const [H, N] = pred.shape as [number, number];
    const out = new Float64Array(H);
    maePerStep(H, N, pred.data, N, 1, 0, target.data, N, 1, 0, out, 1, 0);
    for (let h = 0; h < H; h++) expect(out[h]).toBeCloseTo(reference.maeWindow[h] as number, 6);
  });
});
