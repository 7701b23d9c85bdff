import { describe, expect, it } from "vitest";
import { adamStep } from "./adamStep";
import { createRandomDiagram } from "./createRandomDiagram";
import { createRng } from "./createRng";
import { createFitInput } from "./fitInput";
import { fitMaskedRnn } from "./fitMaskedRnn";
import { createRnnBuffers, type RnnShape, rnnBackward, rnnForward, rnnParamCount } from "./maskedRnn";
import { createLastValueForecaster } from "./naiveForecasters";
import { createProtocol } from "./protocol";
import { overallMae, scoreForecaster } from "./scoreForecaster";
import { simulateActivity } from "./simulateActivity";
import { crossInputs } from "./wiringDiagram";

describe("masked rate RNN", () => {
  it("[F9] backpropagation through time matches finite differences", () => {
    const d = crossInputs(createRandomDiagram({ neurons: 6, meanInputs: 2, seed: 4 }));
    const shape: RnnShape = { neurons: 6, inPtr: d.inPtr, pre: d.pre };
    const P = rnnParamCount(shape);
    const rng = createRng(8);
    const params = Float64Array.from({ length: P }, () => 0.5 * rng.normal());
    const H = 5;
    const y0 = Float64Array.from({ length: 6 }, () => rng.normal());
    const target = Float64Array.from({ length: H * 6 }, () => rng.normal());
    const buf = createRnnBuffers(6, H);
    const loss = (p: Float64Array) => {
      rnnForward(shape, p, H, y0, 0, buf);
      return rnnBackward(shape, p, H, target, 0, buf, new Float64Array(P));
    };
    const grads = new Float64Array(P);
    rnnForward(shape, params, H, y0, 0, buf);
    rnnBackward(shape, params, H, target, 0, buf, grads);
    const eps = 1e-6;
    for (let k = 0; k < P; k++) {
      const p = params.slice();
      p[k] = (p[k] as number) + eps;
      const up = loss(p);
      p[k] = (p[k] as number) - 2 * eps;
      const down = loss(p);
      expect(grads[k]).toBeCloseTo((up - down) / (2 * eps), 6);
    }
  });

  it("[F9] Adam moves a quadratic's parameters to its minimum", () => {
    const x = Float64Array.from([3, -2]);
    const g = new Float64Array(2);
    const m = new Float64Array(2);
    const v = new Float64Array(2);
    for (let t = 1; t <= 2000; t++) {
      g[0] = 2 * ((x[0] as number) - 1);
      g[1] = 2 * ((x[1] as number) + 0.5);
      adamStep(2, x, g, 1, m, v, 0.01, 0.9, 0.999, 1e-8, t);
    }
    expect(x[0]).toBeCloseTo(1, 2);
    expect(x[1]).toBeCloseTo(-0.5, 2);
  });

  it("[F9][F2] training lowers the loss and beats the last-value forecast on simulated activity", async () => {
    const diagram = createRandomDiagram({ neurons: 20, meanInputs: 4, seed: 6 });
    const sim = simulateActivity({
      diagram,
      seed: 6,
      observation: "rate",
      gain: 1.2,
      conditions: [
        { name: "a", frames: 500 },
        { name: "b", frames: 500 },
      ],
    });
    const protocol = createProtocol(sim.conditions, { maxContext: 4, horizon: 8 });
    const input = createFitInput(sim.series, protocol, 4, { maxValWindows: 16, seed: 3 });
    const fit = await fitMaskedRnn(input, diagram, {
      epochs: 8,
      learningRates: [0.01],
      windowsPerEpoch: 256,
    });
    expect(fit.losses[fit.losses.length - 1]).toBeLessThan(fit.losses[0] as number);
    const rnn = overallMae(scoreForecaster(fit.forecaster, sim.series, protocol));
    const last = overallMae(scoreForecaster(createLastValueForecaster(4, 8), sim.series, protocol));
    expect(rnn).toBeLessThan(last);
    const again = await fitMaskedRnn(input, diagram, {
      epochs: 8,
      learningRates: [0.01],
      windowsPerEpoch: 256,
    });
    expect(Array.from(again.params)).toEqual(Array.from(fit.params));
  });
});
