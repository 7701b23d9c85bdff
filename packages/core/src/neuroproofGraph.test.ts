import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { edmondsKarp } from "../test/edmondsKarp";
import { expectConsistent, snapshot } from "../test/fixtures";
import { createRng } from "../test/rng";
import { sharedData } from "../test/sharedData";
import { CoreError } from "./errors";
import { capacityOf } from "./minCut";
import { createProofreadingState, replayOperations } from "./ProofreadingState";
import { createSupervoxelGraph } from "./SupervoxelGraph";

/**
 * Real data: the region adjacency graph of the NeuroProof FIB-SEM sample (Janelia, BSD-3-Clause; see
 * SOURCES.md in the shared folder): 164 bodies, 618 edges. NeuroProof's edge `weight` is the predicted
 * probability of a boundary, so affinity = 1 − weight; each body's position is the mean location of its
 * edges (voxels, taken as nm).
 */
const data = sharedData("neuroproof-samp1/inputs/samp1_graph_processed.json");

interface RagEdge {
  node1: number;
  node2: number;
  weight: number;
  location: [number, number, number];
}

function loadGraph(path: string) {
  const json = JSON.parse(readFileSync(resolve(path), "utf8")) as { edge_list: RagEdge[] };
  const edges = json.edge_list;
  const sum = new Map<number, [number, number, number, number]>();
  for (const e of edges) {
    for (const n of [e.node1, e.node2]) {
      const acc = sum.get(n) ?? [0, 0, 0, 0];
      acc[0] += e.location[0];
      acc[1] += e.location[1];
      acc[2] += e.location[2];
      acc[3]++;
      sum.set(n, acc);
    }
  }
  const ids = [...sum.keys()];
  return createSupervoxelGraph({
    supervoxelIds: BigUint64Array.from(ids, BigInt),
    edges: {
      a: BigUint64Array.from(edges, (e) => BigInt(e.node1)),
      b: BigUint64Array.from(edges, (e) => BigInt(e.node2)),
      affinities: Float32Array.from(edges, (e) => 1 - e.weight),
    },
    positions: Float32Array.from(
      ids.flatMap((n) =>
        sum
          .get(n)!
          .slice(0, 3)
          .map((x) => x / sum.get(n)![3]!),
      ),
    ),
  });
}

describe("the NeuroProof sample graph (real data)", () => {
  it("[G2] [A2] builds the graph and its agglomeration", (ctx) => {
    if ("skip" in data) return ctx.skip(data.skip);
    const g = loadGraph(data.path);
    expect(g.size).toBe(164);
    expect(g.edgeCount).toBe(618);
    const s = createProofreadingState(g, { threshold: 0.7 });
    expect(s.segmentCount).toBeGreaterThan(1);
    expect(s.segmentCount).toBeLessThan(164);
    expectConsistent(s);
  });

  it("[S1] splits real segments with the minimum cut (checked against Edmonds–Karp)", (ctx) => {
    if ("skip" in data) return ctx.skip(data.skip);
    const g = loadGraph(data.path);
    const s = createProofreadingState(g, { threshold: 0.7 });
    const rng = createRng(164);
    const segments = s.roots().filter((r) => s.sizeOf(r) >= 4);
    expect(segments.length).toBeGreaterThan(0);
    let compared = 0;
    for (let trial = 0; trial < 400 && compared < 60; trial++) {
      const members = [...s.supervoxelsOf(rng.pick(segments))];
      const a = members[rng.int(members.length)]!;
      const b = members[rng.int(members.length)]!;
      if (a === b) continue;
      let preview: ReturnType<typeof s.previewSplit>;
      try {
        preview = s.previewSplit({
          id: "p",
          author: "t",
          time: 0,
          sources: [{ supervoxel: a }],
          sinks: [{ supervoxel: b }],
        });
      } catch (e) {
        expect(e).toBeInstanceOf(CoreError);
        continue;
      }
      const local = new Map(members.map((id, i) => [id, i] as const));
      const arcs = s
        .activeEdges()
        .filter(([x]) => local.has(x))
        .map(([x, y]) => {
          const cap = capacityOf(g.affinities[g.edgeIndex(g.indexOf(x), g.indexOf(y))]!);
          return { u: local.get(x)!, v: local.get(y)!, forward: cap, backward: cap };
        });
      expect(preview.maxFlow).toBe(edmondsKarp(members.length, arcs, local.get(a)!, local.get(b)!));
      expect(preview.cutCapacity).toBe(preview.maxFlow);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(30);
  });

  it("[T3] [T5] proofreads it: merges along real edges, splits, undo; replay equals live", (ctx) => {
    if ("skip" in data) return ctx.skip(data.skip);
    const g = loadGraph(data.path);
    const s = createProofreadingState(g, { threshold: 0.7 });
    const rng = createRng(618);
    let applied = 0;
    for (let i = 0; i < 200; i++) {
      try {
        if (rng.next() < 0.5) {
          // fix a false split: merge across a real edge between two segments
          const across: [number, number][] = [];
          for (let v = 0; v < g.size; v++) {
            for (let k = g.offsets[v]!; k < g.offsets[v + 1]!; k++) {
              const w = g.neighbors[k]!;
              if (w > v && s.rootOfIndex(v) !== s.rootOfIndex(w)) across.push([v, w]);
            }
          }
          const [v, w] = across.length > 0 ? rng.pick(across) : [0, 0];
          s.merge({
            id: `m${i}`,
            author: "ana",
            time: i,
            points: [{ supervoxel: g.idAt(v) }, { supervoxel: g.idAt(w) }],
          });
        } else {
          // fix a false merge: split a segment between two of its supervoxels
          const segments = s.roots().filter((r) => s.sizeOf(r) >= 4);
          const members = s.supervoxelsOf(rng.pick(segments));
          const a = members[rng.int(members.length)]!;
          const b = members[rng.int(members.length)]!;
          const box = rng.next() < 0.5 ? { box: { padding: 60 } } : {};
          s.split({
            id: `s${i}`,
            author: "bo",
            time: i,
            sources: [{ supervoxel: a }],
            sinks: [{ supervoxel: b }],
            ...box,
          });
        }
        applied++;
      } catch (e) {
        expect(e).toBeInstanceOf(CoreError);
      }
      const last = s.log.get(s.seq);
      if (last !== undefined && rng.next() < 0.2 && last.type !== "undo") {
        try {
          s.undo({
            id: `u${i}`,
            author: "ana",
            time: i,
            target: last.type === "redo" ? last.target! : last.id,
          });
        } catch (e) {
          expect(e).toBeInstanceOf(CoreError);
        }
      }
    }
    expect(applied).toBeGreaterThan(80);
    expectConsistent(s);
    expect(snapshot(replayOperations(g, s.options, s.log.all()))).toEqual(snapshot(s));
    const half = Math.floor(s.seq / 2);
    const past = replayOperations(g, s.options, s.log.all().slice(0, half));
    for (const id of g.supervoxelIds) expect(s.rootAt(id, half)).toBe(past.rootOf(id));
  });
});
