import { describe, expect, it } from "vitest";
import { createRandomDiagram } from "./createRandomDiagram";
import { arWeightOffset } from "./fitArNeurons";
import { fitDenseAr } from "./fitDenseAr";
import { createFitInput } from "./fitInput";
import { createArJob, fitMaskedAr, penaltyScaleOf } from "./fitMaskedAr";
import { fitPerNeuron } from "./fitPerNeuron";
import { neuronMajor } from "./neuronMajor";
import { createProtocol } from "./protocol";
import { overallMae, scoreForecaster } from "./scoreForecaster";
import { createSeriesFrom } from "./series";
import { simulateActivity } from "./simulateActivity";
import { completeDiagram, createWiringDiagram } from "./wiringDiagram";

/** A linear rate network with no stimulus, observed directly: AR(1) with known coefficients. */
function linearNetwork(neurons: number, frames: number, seed: number) {
  const diagram = createRandomDiagram({ neurons, meanInputs: 4, seed });
  const sim = simulateActivity({
    diagram,
    seed,
    nonlinearity: "linear",
    observation: "rate",
    gain: 0.8,
    leak: 0.5,
    stimulusAmplitude: 0,
    processNoise: 0.1,
    conditions: [
      { name: "a", frames },
      { name: "b", frames },
      { name: "c", frames, heldOut: true },
    ],
  });
  const protocol = createProtocol(sim.conditions, { maxContext: 4 });
  return { diagram, sim, protocol };
}

describe("masked autoregression", () => {
  it("[F5] recovers the true weights of a simulated linear network", async () => {
    const { diagram, sim, protocol } = linearNetwork(30, 2500, 7);
    const input = createFitInput(sim.series, protocol, 4);
    const fit = await fitMaskedAr(input, diagram, { lags: [1], lambdas: [1e-6] });
    const { model } = fit;
    let maxErr = 0;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < 30; i++) {
      const o = model.offsets[i] as number;
      maxErr = Math.max(maxErr, Math.abs((model.weights[o] as number) - (sim.selfCoefficient[i] as number)));
      for (let e = diagram.inPtr[i] as number; e < (diagram.inPtr[i + 1] as number); e++) {
        const got = model.weights[o + 1 + e - (diagram.inPtr[i] as number)] as number;
        const want = sim.edgeCoefficient[e] as number;
        maxErr = Math.max(maxErr, Math.abs(got - want));
        sxy += got * want;
        sxx += got * got;
        syy += want * want;
      }
    }
    expect(maxErr).toBeLessThan(0.05);
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.98);
  });

  it("[F5][C5] on that network the true diagram forecasts better than every control", async () => {
    const { diagram, sim, protocol } = linearNetwork(40, 1500, 2);
    const input = createFitInput(sim.series, protocol, 4, { maxValWindows: 16 });
    const { rewireDegreePreserving } = await import("./rewireDegreePreserving");
    const { randomEqualDensity } = await import("./randomEqualDensity");
    const mae = async (d: typeof diagram | null) =>
      overallMae(scoreForecaster((await fitMaskedAr(input, d)).forecaster, sim.series, protocol));
    const truth = await mae(diagram);
    expect(truth).toBeLessThan(await mae(rewireDegreePreserving(diagram, { seed: 1 }).diagram));
    expect(truth).toBeLessThan(await mae(randomEqualDensity(diagram, 1)));
    expect(truth).toBeLessThan(await mae(null));
  });

  it("[F8] worker threads give the same weights as the in-thread fit", async () => {
    const { diagram, sim, protocol } = linearNetwork(24, 600, 3);
    const input = createFitInput(sim.series, protocol, 4);
    const inThread = createArJob(input, diagram, { lags: [1, 2], lambdas: [1e-3, 1e-1] });
    await fitPerNeuron(inThread, { workers: 1 });
    const threaded = createArJob(input, diagram, { lags: [1, 2], lambdas: [1e-3, 1e-1] });
    let progress = 0;
    await fitPerNeuron(threaded, {
      workers: 2,
      minWorkForWorkers: 0,
      onProgress: (done) => (progress = done),
    });
    expect(progress).toBe(24);
    expect(Array.from(threaded.weights)).toEqual(Array.from(inThread.weights));
    expect(inThread.weights.some((w) => w !== 0)).toBe(true);
  }, 30_000);

  it("[F7] sign constraints hold: every input weight has its edge's sign or is zero", async () => {
    const { diagram, sim, protocol } = linearNetwork(30, 800, 5);
    // Give every edge the opposite of its true sign: the constrained fit must clamp them.
    const wrong = { ...diagram, sign: Int8Array.from(diagram.sign, (s) => -s) };
    const input = createFitInput(sim.series, protocol, 4);
    const job = createArJob(input, wrong, { lags: [1], lambdas: [1e-4], signed: true });
    await fitPerNeuron(job, { workers: 1 });
    let clamped = 0;
    for (let i = 0; i < 30; i++) {
      const o = arWeightOffset(job, 0, 1, i);
      for (let e = job.inPtr[i] as number; e < (job.inPtr[i + 1] as number); e++) {
        const w = job.weights[o + 1 + e - (job.inPtr[i] as number)] as number;
        const s = job.sign?.[e] as number;
        expect(w * s).toBeGreaterThanOrEqual(0);
        if (w === 0) clamped++;
      }
    }
    expect(clamped).toBeGreaterThan(job.pre.length / 2);
  });

  it("[F7] scaling by synapse count shrinks a strong connection less than a weak one", async () => {
    // x0(t+1) = 0.3 x1(t) + 0.3 x2(t) + noise; x1, x2 white noise; edge 1→0 has 1 synapse, 2→0 has 10.
    const T = 3000;
    const data = new Float32Array(T * 3);
    let s = 12345;
    const rnd = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s / 2147483648 - 0.5;
    };
    for (let t = 0; t < T; t++) {
      data[t * 3 + 1] = rnd();
      data[t * 3 + 2] = rnd();
      if (t > 0)
        data[t * 3] =
          0.3 * (data[(t - 1) * 3 + 1] as number) + 0.3 * (data[(t - 1) * 3 + 2] as number) + 0.1 * rnd();
    }
    const series = createSeriesFrom(data, T, 3);
    const protocol = createProtocol([{ name: "all", start: 0, end: T, heldOut: false }], { maxContext: 4 });
    const d = createWiringDiagram(["0", "1", "2"], {
      pre: Int32Array.from([1, 2]),
      post: Int32Array.from([0, 0]),
      count: Float32Array.from([1, 10]),
      sign: Int8Array.from([0, 0]),
    });
    const input = createFitInput(series, protocol, 4);
    const weightsOf = async (scaleByCount: boolean) => {
      const job = createArJob(input, d, { lags: [1], lambdas: [0.5], scaleByCount });
      await fitPerNeuron(job, { workers: 1 });
      const o = arWeightOffset(job, 0, 1, 0);
      return [job.weights[o + 1] as number, job.weights[o + 2] as number];
    };
    const [plainWeak, plainStrong] = await weightsOf(false);
    const [weak, strong] = await weightsOf(true);
    expect(Math.abs((plainWeak as number) - (plainStrong as number))).toBeLessThan(0.02);
    expect(strong as number).toBeGreaterThan((weak as number) + 0.1);
    expect(strong as number).toBeGreaterThan(plainStrong as number);
  });

  it("[F10] the shared-Gram dense fit equals the per-neuron fit on the complete diagram", async () => {
    const { sim, protocol } = linearNetwork(12, 400, 9);
    const input = createFitInput(sim.series, protocol, 4);
    const names = sim.series.names;
    const job = createArJob(input, completeDiagram(names), { lags: [1], lambdas: [1e-2] });
    await fitPerNeuron(job, { workers: 1 });
    const dense = fitDenseAr(
      neuronMajor(sim.series),
      sim.series.frames,
      12,
      input.trainRanges,
      1e-2,
      penaltyScaleOf(input, 1),
    );
    expect(dense).not.toBeNull();
    const W = dense?.weights as Float64Array;
    for (let i = 0; i < 12; i++) {
      const o = arWeightOffset(job, 0, 1, i);
      expect(job.weights[o]).toBeCloseTo(W[i * 12 + i] as number, 8); // own lag
      let k = 1;
      for (let j = 0; j < 12; j++) {
        if (j === i) continue;
        expect(job.weights[o + k]).toBeCloseTo(W[j * 12 + i] as number, 8);
        k++;
      }
      expect(job.weights[o + 12]).toBeCloseTo(W[12 * 12 + i] as number, 8); // bias
    }
  });
});
