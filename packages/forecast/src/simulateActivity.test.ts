import { describe, expect, it } from "vitest";
import { createRandomDiagram } from "./createRandomDiagram";
import { createRng } from "./createRng";
import { simulateActivity } from "./simulateActivity";
import { degrees } from "./wiringDiagram";

describe("simulator", () => {
  const diagram = createRandomDiagram({ neurons: 40, meanInputs: 5, seed: 1 });

  it("[SIM1] is deterministic by seed and differs between seeds", () => {
    const conditions = [
      { name: "a", frames: 200 },
      { name: "b", frames: 200, heldOut: true },
    ];
    const a = simulateActivity({ diagram, seed: 5, conditions });
    const b = simulateActivity({ diagram, seed: 5, conditions });
    const c = simulateActivity({ diagram, seed: 6, conditions });
    expect(Array.from(a.series.data)).toEqual(Array.from(b.series.data));
    expect(Array.from(a.series.data)).not.toEqual(Array.from(c.series.data));
    expect(a.conditions).toEqual([
      { name: "a", start: 0, end: 200, heldOut: false },
      { name: "b", start: 200, end: 400, heldOut: true },
    ]);
    const r1 = createRng(9);
    const r2 = createRng(9);
    for (let k = 0; k < 5; k++) expect(r1.uniform()).toBe(r2.uniform());
  });

  it("[SIM2] synthetic diagrams have about meanInputs inputs, hubs, Dale's-law signs and no self-connection", () => {
    const d = createRandomDiagram({ neurons: 200, meanInputs: 10, seed: 2 });
    const { inDegree, outDegree } = degrees(d);
    const mean = Array.from(inDegree).reduce((a, b) => a + b, 0) / 200;
    expect(mean).toBeGreaterThan(8);
    expect(mean).toBeLessThan(12);
    expect(Math.max(...outDegree)).toBeGreaterThan(3 * mean);
    const signOf = new Map<number, number>();
    for (let e = 0; e < d.pre.length; e++) {
      const j = d.pre[e] as number;
      const s = d.sign[e] as number;
      expect(signOf.get(j) ?? s).toBe(s);
      signOf.set(j, s);
    }
    for (let i = 0; i < 200; i++) {
      for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) expect(d.pre[e]).not.toBe(i);
    }
  });

  it("[SIM3][SIM4][SIM5] ΔF/F lies in [−0.25, 1.5] and responds to the stimulus", () => {
    const sim = simulateActivity({ diagram, seed: 3 });
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of sim.series.data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThanOrEqual(-0.25);
    expect(hi).toBeLessThanOrEqual(1.5);
    expect(hi - lo).toBeGreaterThan(0.2);
    expect(sim.series.frames).toBe(4000);
    // The dark condition (no stimulus) is quieter than the sine condition for the population.
    const variance = (from: number, to: number) => {
      const N = sim.series.neurons;
      let total = 0;
      for (let n = 0; n < N; n++) {
        let s = 0;
        let s2 = 0;
        for (let t = from; t < to; t++) {
          const v = sim.series.data[t * N + n] as number;
          s += v;
          s2 += v * v;
        }
        const m = s / (to - from);
        total += s2 / (to - from) - m * m;
      }
      return total / N;
    };
    expect(variance(3000, 4000)).toBeLessThan(variance(0, 1000));
  });

  it("[SIM3] the linear network's one-step coefficients are α·g·W off the diagonal and 1 − α on it", () => {
    const sim = simulateActivity({
      diagram,
      seed: 1,
      nonlinearity: "linear",
      observation: "rate",
      gain: 0.5,
      leak: 0.4,
      conditions: [{ name: "a", frames: 10 }],
    });
    for (let i = 0; i < 40; i++) {
      expect(sim.selfCoefficient[i]).toBeCloseTo(0.6, 12);
      let abs = 0;
      for (let e = diagram.inPtr[i] as number; e < (diagram.inPtr[i + 1] as number); e++)
        abs += Math.abs(sim.edgeCoefficient[e] as number);
      expect(abs).toBeCloseTo(0.4 * 0.5, 12);
    }
  });
});
