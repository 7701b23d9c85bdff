import { describe, expect, it } from "vitest";
import { createRng } from "../test/rng";
import { type MaterializeInput, MaterializeInputError, type Materialized, materialize } from "./materialize";
import { materializeInParts } from "./materializeParts";

/** Random dense inputs: `sv` supervoxels on `limit` root counters, `n` synapses, skewed roots. */
function randomInput(seed: number, sv: number, limit: number, n: number, withInclude: boolean) {
  const rng = createRng(seed);
  const rootCounters = Uint32Array.from({ length: sv }, () =>
    rng.next() < 0.5 ? rng.int(Math.max(1, limit >> 3)) : rng.int(limit),
  );
  const preIndex = Uint32Array.from({ length: n }, () => rng.int(sv));
  const postIndex = Uint32Array.from({ length: n }, () => rng.int(sv));
  const score = Float32Array.from({ length: n }, () => (rng.next() < 0.1 ? 0.9 : rng.next()));
  const include = withInclude ? Uint8Array.from({ length: limit }, () => (rng.next() < 0.7 ? 1 : 0)) : null;
  return { rootCounters, counterLimit: limit, rootIdBase: 1000n, preIndex, postIndex, score, include };
}

function same(a: Materialized, b: Materialized) {
  const cols = (m: Materialized) => ({
    rootIdBase: m.rootIdBase,
    synapseOrder: Array.from(m.synapseOrder),
    synapsePre: Array.from(m.synapsePre),
    synapsePost: Array.from(m.synapsePost),
    edges: Object.fromEntries(Object.entries(m.edges).map(([k, v]) => [k, Array.from(v)])),
    neurons: Object.fromEntries(Object.entries(m.neurons).map(([k, v]) => [k, Array.from(v)])),
  });
  expect(cols(a)).toEqual(cols(b));
}

describe("materializeInParts", () => {
  it("[X7] gives materialize's arrays for any number of parts, with and without a selection and thresholds", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const base = randomInput(seed, 50 + seed * 37, 5 + seed * 11, seed * 400, seed % 2 === 0);
      const inputs: MaterializeInput[] = [
        base,
        { ...base, thresholds: { weight: 0.3, highPrecision: 0.9 } },
        { ...base, thresholds: { weight: 0.9, highPrecision: 0.9 } },
      ];
      for (const input of inputs) {
        const want = materialize(input);
        for (const parts of [1, 2, 3, 7]) same(materializeInParts(input, parts), want);
      }
    }
  });

  it("[X7] handles no synapses, everything excluded, and a single root", () => {
    const empty = randomInput(3, 20, 8, 0, false);
    same(materializeInParts(empty, 2), materialize(empty));
    const none = { ...randomInput(4, 20, 8, 100, false), include: new Uint8Array(8) };
    same(materializeInParts(none, 3), materialize(none));
    const one = { ...randomInput(5, 20, 1, 100, false), rootCounters: new Uint32Array(20) };
    same(materializeInParts(one, 4), materialize(one));
  });

  it("[X7] refuses bad inputs with materialize's errors", () => {
    const bad = randomInput(6, 20, 8, 100, false);
    bad.postIndex[77] = 20;
    bad.preIndex[90] = 25;
    expect(() => materializeInParts(bad, 2)).toThrow(MaterializeInputError);
    expect(() => materializeInParts(bad, 2)).toThrow(/synapse 77: supervoxel index 20/);
    const short = { ...randomInput(7, 20, 8, 10, false), include: new Uint8Array(3) };
    expect(() => materializeInParts(short, 2)).toThrow(/include: 3 flags for 8 root counters/);
  });
});
