import { describe, expect, it } from "vitest";
import { createRandomDiagram } from "./createRandomDiagram";
import { randomEqualDensity, selfOnly } from "./randomEqualDensity";
import { rewireDegreePreserving } from "./rewireDegreePreserving";
import { countCrossEdges, createWiringDiagram, degrees, edgesOf, type WiringDiagram } from "./wiringDiagram";

function pairs(d: WiringDiagram): Set<string> {
  const e = edgesOf(d);
  return new Set(Array.from(e.pre, (a, k) => `${a}>${e.post[k]}`));
}

function noSelfNoDuplicates(d: WiringDiagram, selfExpected: number): void {
  const e = edgesOf(d);
  let self = 0;
  for (let k = 0; k < e.pre.length; k++) if (e.pre[k] === e.post[k]) self++;
  expect(self).toBe(selfExpected);
  expect(pairs(d).size).toBe(e.pre.length);
}

describe("controls", () => {
  // A hub-heavy diagram with two self-connections.
  const base = createRandomDiagram({ neurons: 80, meanInputs: 6, seed: 3, hubSpread: 1.2 });
  const withSelf = (() => {
    const e = edgesOf(base);
    return createWiringDiagram(base.names, {
      pre: Int32Array.from([...e.pre, 5, 9]),
      post: Int32Array.from([...e.post, 5, 9]),
      count: Float32Array.from([...e.count, 2, 2]),
      sign: Int8Array.from([...e.sign, 1, 1]),
    });
  })();

  it("[C1] rewiring keeps every in-degree and out-degree and makes no self-connection or duplicate", () => {
    const { diagram, accepted, attempted } = rewireDegreePreserving(withSelf, { seed: 11 });
    const before = degrees(withSelf);
    const after = degrees(diagram);
    expect(Array.from(after.inDegree)).toEqual(Array.from(before.inDegree));
    expect(Array.from(after.outDegree)).toEqual(Array.from(before.outDegree));
    noSelfNoDuplicates(diagram, 2);
    expect(accepted).toBeGreaterThan(attempted / 4);
    // It really rewires: most cross edges are new.
    const orig = pairs(withSelf);
    const kept = [...pairs(diagram)].filter((p) => orig.has(p)).length;
    expect(kept).toBeLessThan(0.3 * orig.size);
  });

  it("[C1] counts and signs stay with the presynaptic neuron", () => {
    const { diagram } = rewireDegreePreserving(withSelf, { seed: 11 });
    const outSum = (d: WiringDiagram, key: "count" | "sign") => {
      const e = edgesOf(d);
      const s = new Float64Array(d.names.length);
      for (let k = 0; k < e.pre.length; k++)
        s[e.pre[k] as number] = (s[e.pre[k] as number] as number) + (e[key][k] as number);
      return Array.from(s);
    };
    expect(outSum(diagram, "count")).toEqual(outSum(withSelf, "count"));
    expect(outSum(diagram, "sign")).toEqual(outSum(withSelf, "sign"));
  });

  it("[C2] the random control has the same number of distinct cross edges and the same count multiset", () => {
    const r = randomEqualDensity(withSelf, 5);
    expect(countCrossEdges(r)).toBe(countCrossEdges(withSelf));
    noSelfNoDuplicates(r, 2);
    const sorted = (d: WiringDiagram) => Array.from(d.count).sort((a, b) => a - b);
    expect(sorted(r)).toEqual(sorted(withSelf));
    // Degrees are not preserved: the hubs lose their out-degree.
    const maxOut = (d: WiringDiagram) => Math.max(...degrees(d).outDegree);
    expect(maxOut(r)).toBeLessThan(maxOut(withSelf));
  });

  it("[C3] self-only keeps no cross edge", () => {
    const s = selfOnly(withSelf);
    expect(countCrossEdges(s)).toBe(0);
    expect(s.pre.length).toBe(2);
  });

  it("[C4] controls are deterministic by seed and differ between seeds", () => {
    const a = rewireDegreePreserving(withSelf, { seed: 4 }).diagram;
    const b = rewireDegreePreserving(withSelf, { seed: 4 }).diagram;
    const c = rewireDegreePreserving(withSelf, { seed: 5 }).diagram;
    expect(Array.from(a.pre)).toEqual(Array.from(b.pre));
    expect(Array.from(a.pre)).not.toEqual(Array.from(c.pre));
    expect(Array.from(randomEqualDensity(withSelf, 1).pre)).toEqual(
      Array.from(randomEqualDensity(withSelf, 1).pre),
    );
  });
});
