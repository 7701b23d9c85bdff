import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectConsistent, randomGraph, snapshot } from "../test/fixtures";
import { createRng, type Rng } from "../test/rng";
import { CoreError } from "./errors";
import type { Operation, PointInput } from "./Operation";
import { operationFromJson, operationToJson } from "./operationJson";
import { createProofreadingState, type ProofreadingState, replayOperations } from "./ProofreadingState";

/**
 * Long random operation sequences on random graphs (SPEC.md A2, S1, S10, U1, T3, T5). fast-check draws
 * the seed and prints it on failure; the sequence is then reproducible with `{ seed, path }`.
 */

let nextId = 0;
const base = (author: string) => ({ id: `r${++nextId}`, author, time: nextId });

/** How many operations of each kind were applied or refused, so a degenerate generator fails the test. */
const stats = new Map<string, number>();
const count = (what: string) => stats.set(what, (stats.get(what) ?? 0) + 1);

/** Runs `fn`; a CoreError refusal must leave the state exactly as it was. Returns the result or null. */
function attempt<T>(s: ProofreadingState, fn: () => T): T | null {
  const before = snapshot(s);
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    count(`refused ${e.name}`);
    expect(snapshot(s)).toEqual(before);
    return null;
  }
}

function pickDistinct(rng: Rng, list: readonly bigint[], count: number): bigint[] {
  const copy = [...list];
  const out: bigint[] = [];
  while (out.length < count && copy.length > 0) out.push(copy.splice(rng.int(copy.length), 1)[0]!);
  return out;
}

/** One random split attempt, checked against its preview and the S10 post-conditions. */
function randomSplit(s: ProofreadingState, rng: Rng, author: string): Operation | null {
  const roots = s.roots().filter((r) => s.sizeOf(r) >= 3);
  if (roots.length === 0) return null;
  const members = [...s.supervoxelsOf(rng.pick(roots))];
  const seeds = pickDistinct(rng, members, 2 + rng.int(Math.min(4, members.length - 1)));
  const k = 1 + rng.int(seeds.length - 1);
  const points = (ids: bigint[]): PointInput[] => ids.map((supervoxel) => ({ supervoxel }));
  const request = {
    ...base(author),
    sources: points(seeds.slice(0, k)),
    sinks: points(seeds.slice(k)),
    ...(rng.next() < 0.3 ? { box: { padding: 100 + rng.int(400) } } : {}),
  };
  const preview = attempt(s, () => s.previewSplit(request));
  const op = attempt(s, () => s.split(request));
  expect(op === null).toBe(preview === null);
  if (op === null || preview === null) return null;
  count(request.box === undefined ? "split" : "split in a box");
  // the cut weight equals the max-flow value, and the split removes exactly the previewed cut
  expect(preview.cutCapacity).toBe(preview.maxFlow);
  expect(op.removedEdges).toEqual(preview.cutEdges);
  // two pieces; the sources in the first, the sinks in the second; each is one connected segment
  expect(op.newRoots).toHaveLength(2);
  for (const p of request.sources) expect(s.rootOf(p.supervoxel)).toBe(op.newRoots[0]);
  for (const p of request.sinks) expect(s.rootOf(p.supervoxel)).toBe(op.newRoots[1]);
  expect([...s.supervoxelsOf(op.newRoots[0]!)]).toEqual([...preview.sourceSide]);
  expect([...s.supervoxelsOf(op.newRoots[1]!)]).toEqual([...preview.sinkSide]);
  return op;
}

function randomMerge(s: ProofreadingState, rng: Rng, author: string): Operation | null {
  const g = s.graph;
  const ids = g.supervoxelIds;
  const i = rng.int(ids.length);
  // half of the merges join graph neighbours, half any two supervoxels
  const j =
    rng.next() < 0.5 && g.degree(i) > 0
      ? g.neighbors[g.offsets[i]! + rng.int(g.degree(i))]!
      : rng.int(ids.length);
  const a = ids[i]!;
  const b = ids[j]!;
  const op = attempt(s, () => s.merge({ ...base(author), points: [{ supervoxel: a }, { supervoxel: b }] }));
  if (op !== null) {
    count(s.graph.edgeIndex(s.graph.indexOf(a), s.graph.indexOf(b)) < 0 ? "merge (extra edge)" : "merge");
    expect(s.rootOf(a)).toBe(s.rootOf(b));
  }
  return op;
}

function runSequence(seed: number, steps: number): void {
  const rng = createRng(seed);
  const s = createProofreadingState(randomGraph(rng, 15 + rng.int(50), rng.int(80)), { threshold: 0.5 });
  const authors = ["ana", "bo", "cy"];
  for (let step = 0; step < steps; step++) {
    const author = rng.pick(authors);
    const action = rng.next();
    if (action < 0.3) randomMerge(s, rng, author);
    else if (action < 0.6) randomSplit(s, rng, author);
    else if (action < 0.75) {
      const candidates = s.log.all().filter((o) => o.type === "merge" || o.type === "split");
      if (
        candidates.length > 0 &&
        attempt(s, () => s.undo({ ...base(author), target: rng.pick(candidates).id }))
      )
        count("undo");
    } else if (action < 0.85) {
      const candidates = s.log.all().filter((o) => o.type === "undo");
      if (
        candidates.length > 0 &&
        attempt(s, () => s.redo({ ...base(author), target: rng.pick(candidates).target! }))
      )
        count("redo");
    } else {
      // undo right after apply restores the edge set exactly; redo restores the edited one
      const before = snapshot(s).edges;
      const op = rng.next() < 0.5 ? randomMerge(s, rng, author) : randomSplit(s, rng, author);
      if (op !== null) {
        const after = snapshot(s).edges;
        s.undo({ ...base(author), target: op.id });
        expect(snapshot(s).edges).toEqual(before);
        s.redo({ ...base(author), target: op.id });
        expect(snapshot(s).edges).toEqual(after);
      }
    }
    if (step % 10 === 0) expectConsistent(s);
  }
  expectConsistent(s);
  // replay equals live, also through the JSON form of the log
  const log = s.log.all();
  expect(snapshot(replayOperations(s.graph, s.options, log))).toEqual(snapshot(s));
  const fromJson = JSON.parse(JSON.stringify(log.map(operationToJson))) as unknown[];
  expect(
    snapshot(
      replayOperations(
        s.graph,
        s.options,
        fromJson.map((o) => operationFromJson(o)),
      ),
    ),
  ).toEqual(snapshot(s));
  // time travel equals the replayed prefix, and descendants are the live roots of the old members
  for (let k = 0; k < 3 && log.length > 0; k++) {
    const seq = rng.int(log.length + 1);
    const past = replayOperations(s.graph, s.options, log.slice(0, seq));
    for (const id of s.graph.supervoxelIds) expect(s.rootAt(id, seq)).toBe(past.rootOf(id));
    const old = rng.pick(past.roots());
    const expected = new Set([...past.supervoxelsOf(old)].map((id) => s.rootOf(id)));
    expect(s.descendants(old)).toEqual([...expected].sort((a, b) => (a < b ? -1 : 1)));
  }
}

describe("[A2] [S10] [U1] [T3] [T5] long random operation sequences", () => {
  it("keep every invariant, replay equals live, undo restores edges exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), (seed) => {
        runSequence(seed, 150);
      }),
      { numRuns: 20 },
    );
    const at = (what: string) => stats.get(what) ?? 0;
    for (const what of ["merge", "merge (extra edge)", "split", "split in a box", "undo", "redo"]) {
      expect(at(what), `${what}: ${JSON.stringify([...stats])}`).toBeGreaterThanOrEqual(20);
    }
    for (const what of [
      "SameSegmentError",
      "UndoConflictError",
      "SplitIsolatesSupervoxelError",
      "InvalidUndoTargetError",
    ]) {
      expect(at(`refused ${what}`), `${what}: ${JSON.stringify([...stats])}`).toBeGreaterThan(0);
    }
  }, 60_000);
});
