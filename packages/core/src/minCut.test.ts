import { describe, expect, it } from "vitest";
import { edmondsKarp } from "../test/edmondsKarp";
import { randomGraph, req } from "../test/fixtures";
import { createRng } from "../test/rng";
import { CoreError } from "./errors";
import { CAPACITY_SCALE, capacityOf, createFlowNetwork, maxFlow, sourceSide, UNCUTTABLE } from "./minCut";
import { createProofreadingState } from "./ProofreadingState";

describe("[S1] max-flow kernel against Edmonds–Karp on 300 random networks", () => {
  it("finds the same flow value, and the residual source side is a cut of exactly that capacity", () => {
    const seed = 20240601;
    const rng = createRng(seed);
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + rng.int(30);
      const m = rng.int(4 * n);
      const arcs: { u: number; v: number; forward: number; backward: number }[] = [];
      for (let i = 0; i < m; i++) {
        const u = rng.int(n);
        const v = rng.int(n);
        if (u === v) continue;
        const forward = rng.int(1000);
        const backward = rng.next() < 0.5 ? forward : rng.int(1000);
        arcs.push({ u, v, forward, backward });
      }
      const s = 0;
      const t = n - 1;
      const net = createFlowNetwork(
        n,
        arcs.length,
        Uint32Array.from(arcs, (a) => a.u),
        Uint32Array.from(arcs, (a) => a.v),
        Float64Array.from(arcs, (a) => a.forward),
        Float64Array.from(arcs, (a) => a.backward),
      );
      const flow = maxFlow(net, s, t);
      const where = `seed ${seed}, trial ${trial}`;
      expect(flow, where).toBe(edmondsKarp(n, arcs, s, t));
      const side = new Uint8Array(n);
      sourceSide(net, s, side);
      expect(side[t], where).toBe(0);
      let cut = 0;
      for (const a of arcs) {
        if (side[a.u] === 1 && side[a.v] === 0) cut += a.forward;
        if (side[a.v] === 1 && side[a.u] === 0) cut += a.backward;
      }
      expect(cut, where).toBe(flow);
    }
  });

  it("quantizes affinities to integers with a floor of one unit", () => {
    expect(capacityOf(0)).toBe(1);
    expect(capacityOf(1)).toBe(CAPACITY_SCALE);
    expect(capacityOf(0.5)).toBe(CAPACITY_SCALE / 2);
  });
});

describe("[S1] split cut value against Edmonds–Karp on 200 random segments", () => {
  it("equals the reference max flow on the segment, seeds tied, pinned paths uncuttable", () => {
    const seed = 777;
    const rng = createRng(seed);
    let compared = 0;
    let attempts = 0;
    while (compared < 200 && attempts < 3000) {
      attempts++;
      const g = randomGraph(rng, 6 + rng.int(30), rng.int(40));
      const s = createProofreadingState(g, { threshold: 0.5 });
      const big = s.roots().filter((r) => s.sizeOf(r) >= 4);
      if (big.length === 0) continue;
      const root = rng.pick(big);
      const members = [...s.supervoxelsOf(root)];
      const shuffled = members.sort(() => rng.next() - 0.5);
      const nSrc = 1 + rng.int(2);
      const nSnk = 1 + rng.int(2);
      const sources = shuffled.slice(0, nSrc);
      const sinks = shuffled.slice(nSrc, nSrc + nSnk);
      let preview: ReturnType<typeof s.previewSplit>;
      try {
        preview = s.previewSplit({
          ...req(),
          sources: sources.map((supervoxel) => ({ supervoxel })),
          sinks: sinks.map((supervoxel) => ({ supervoxel })),
        });
      } catch (e) {
        expect(e).toBeInstanceOf(CoreError); // a refusal (S4, S7), never a crash
        continue;
      }
      // Reference network: segment members + super source + super sink.
      const local = new Map(members.map((id, i) => [id, i] as const));
      const n = members.length + 2;
      const S = n - 2;
      const T = n - 1;
      const pinned = new Set(preview.pinnedEdges.map(([a, b]) => `${a},${b}`));
      const arcs: { u: number; v: number; forward: number; backward: number }[] = [];
      for (const [a, b] of s.activeEdges()) {
        if (!local.has(a)) continue;
        const e = g.edgeIndex(g.indexOf(a), g.indexOf(b));
        const cap = pinned.has(`${a},${b}`) ? UNCUTTABLE : capacityOf(e >= 0 ? g.affinities[e]! : 1);
        arcs.push({ u: local.get(a)!, v: local.get(b)!, forward: cap, backward: cap });
      }
      for (const x of sources) arcs.push({ u: S, v: local.get(x)!, forward: UNCUTTABLE, backward: 0 });
      for (const x of sinks) arcs.push({ u: local.get(x)!, v: T, forward: UNCUTTABLE, backward: 0 });
      const reference = edmondsKarp(n, arcs, S, T);
      const where = `seed ${seed}, attempt ${attempts}`;
      expect(preview.maxFlow, where).toBe(reference);
      expect(preview.cutCapacity, where).toBe(reference);
      compared++;
    }
    expect(compared).toBe(200);
  });
});
