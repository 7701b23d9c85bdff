import { describe, expect, it } from "vitest";
import { graphOf, req, twoNeurons } from "../test/fixtures";
import { createRng } from "../test/rng";
import { MaterializeInputError, materialize, rootIdsOf } from "./materialize";
import { replayOperations } from "./ProofreadingState";
import type { ProofreadingState } from "./ProofreadingState";

const pt = (id: number) => ({ supervoxel: BigInt(id), position: [id * 10, 0, 0] as const });

/** Synapses by supervoxel id: [pre, post, score]. */
function synapsesOf(state: ProofreadingState, list: readonly (readonly [number, number, number])[]) {
  return {
    preIndex: Uint32Array.from(list.map(([a]) => state.graph.indexOf(BigInt(a)))),
    postIndex: Uint32Array.from(list.map(([, b]) => state.graph.indexOf(BigInt(b)))),
    score: Float32Array.from(list.map(([, , s]) => s)),
  };
}

function run(
  state: ProofreadingState,
  syn: ReturnType<typeof synapsesOf>,
  include: Uint8Array | null = null,
) {
  return materialize({
    rootCounters: state.rootCounters(),
    counterLimit: state.rootCounterLimit,
    rootIdBase: state.rootIdBase,
    ...syn,
    include,
  });
}

/** The edge table as "preRoot>postRoot:count" strings, computed the slow, obvious way. */
function naiveEdges(
  state: ProofreadingState,
  list: readonly (readonly [number, number, number])[],
): string[] {
  const m = new Map<string, number>();
  for (const [a, b] of list) {
    const k = `${state.rootOf(BigInt(a))}>${state.rootOf(BigInt(b))}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].map(([k, c]) => `${k}:${c}`).sort();
}

function edgesOf(state: ProofreadingState, out: ReturnType<typeof materialize>): string[] {
  const pre = rootIdsOf(out.edges.pre, state.rootIdBase);
  const post = rootIdsOf(out.edges.post, state.rootIdBase);
  return Array.from(pre, (p, i) => `${p}>${post[i]}:${out.edges.weightHR[i]}`).sort();
}

describe("materialize", () => {
  // Chains 1–4 and 5–8 falsely merged through 4–5; 9 alone. Synapses: from the 1–4 part to 9, from the 5–8
  // part to 9, and from 9 back to 3.
  const list = [
    [1, 9, 0.9],
    [2, 9, 0.3],
    [7, 9, 0.8],
    [9, 3, 0.95],
  ] as const;

  it("[X1] moves synapses between neurons as merges and splits change the segments, at every sequence number", () => {
    const s = twoNeurons();
    const opts = { threshold: 0.5 };
    const syn = synapsesOf(s, list);
    const at0 = run(s, syn);
    // One merged neuron (1–8) and 9: edges merged>9 ×3 and 9>merged ×1.
    expect(edgesOf(s, at0)).toEqual(naiveEdges(s, list));
    expect(at0.edges.weightHR.reduce((a, b) => a + b, 0)).toBe(4);
    expect(at0.edges.pre.length).toBe(2);

    s.split({ ...req(), sources: [pt(1)], sinks: [pt(8)] });
    s.merge({ ...req(), points: [pt(8), pt(9)] });
    const ops = s.log.all();
    for (let seq = 0; seq <= ops.length; seq++) {
      const past = replayOperations(s.graph, opts, ops.slice(0, seq));
      expect(edgesOf(past, run(past, syn)), `at seq ${seq}`).toEqual(naiveEdges(past, list));
    }
    // At the end: 1–4 is one neuron, 5–9 another: 1–4 > 5–9 ×2, 5–9 > 5–9 ×1 (an autapse), 5–9 > 1–4 ×1.
    const end = run(s, syn);
    expect(end.neurons.root.length).toBe(2);
    expect(Array.from(end.edges.weightHR).sort()).toEqual([1, 1, 2]);
  });

  it("[X2] keeps only synapses whose pre and post neurons are both selected", () => {
    const s = twoNeurons();
    const syn = synapsesOf(s, list);
    const include = new Uint8Array(s.rootCounterLimit);
    include[s.rootCounters()[s.graph.indexOf(1n)]!] = 1; // only the merged neuron, not 9
    const out = run(s, syn, include);
    expect(out.synapseOrder.length).toBe(0);
    expect(out.edges.pre.length).toBe(0);
    expect(out.neurons.root.length).toBe(1);
    include[s.rootCounters()[s.graph.indexOf(9n)]!] = 1;
    expect(run(s, syn, include).synapseOrder.length).toBe(4);
  });

  it("[X3] orders synapses by pre root, post root, then table order; the same input gives the same output", () => {
    const rng = createRng(11);
    const ids = Array.from({ length: 60 }, (_, i) => i + 1);
    const edges = ids.slice(1).map((id) => [id, 1 + rng.int(id - 1), rng.next()] as const);
    const g = graphOf(ids, edges);
    const s = replayOperations(g, { threshold: 0.6 }, []);
    const randomList = Array.from(
      { length: 500 },
      () => [1 + rng.int(60), 1 + rng.int(60), rng.next()] as const,
    );
    const syn = synapsesOf(s, randomList);
    const a = run(s, syn);
    const b = run(s, syn);
    expect(Array.from(a.synapseOrder)).toEqual(Array.from(b.synapseOrder));
    for (let k = 1; k < a.synapseOrder.length; k++) {
      const key = (j: number) => [a.synapsePre[j]!, a.synapsePost[j]!, a.synapseOrder[j]!];
      const [p0, q0, i0] = key(k - 1);
      const [p1, q1, i1] = key(k);
      expect(p0! < p1! || (p0 === p1 && (q0! < q1! || (q0 === q1 && i0! < i1!)))).toBe(true);
    }
    expect(edgesOf(s, a)).toEqual(naiveEdges(s, randomList));
    // Neuron synapse counts add up to the synapse count on each side.
    expect(a.neurons.pre.reduce((x, y) => x + y, 0)).toBe(500);
    expect(a.neurons.post.reduce((x, y) => x + y, 0)).toBe(500);
  });

  it("[X4] counts weight above the score threshold and weightHP above the high-precision one", () => {
    const s = twoNeurons();
    const out = materialize({
      rootCounters: s.rootCounters(),
      counterLimit: s.rootCounterLimit,
      rootIdBase: s.rootIdBase,
      ...synapsesOf(s, list),
      include: null,
      thresholds: { weight: 0.5, highPrecision: 0.9 },
    });
    const toNine = out.edges.weightHR.indexOf(3);
    expect([out.edges.weightHR[toNine], out.edges.weight[toNine], out.edges.weightHP[toNine]]).toEqual([
      3, 2, 1,
    ]);
  });

  it("[X5] refuses mismatched columns and out-of-range supervoxel indices, naming them", () => {
    const s = twoNeurons();
    const base = {
      rootCounters: s.rootCounters(),
      counterLimit: s.rootCounterLimit,
      rootIdBase: s.rootIdBase,
      include: null,
    };
    expect(() =>
      materialize({
        ...base,
        preIndex: Uint32Array.of(0),
        postIndex: Uint32Array.of(),
        score: Float32Array.of(1),
      }),
    ).toThrow(MaterializeInputError);
    expect(() =>
      materialize({
        ...base,
        preIndex: Uint32Array.of(0),
        postIndex: Uint32Array.of(99),
        score: Float32Array.of(1),
      }),
    ).toThrow(/synapse 0: supervoxel index 99 is outside the graph/);
  });
});
