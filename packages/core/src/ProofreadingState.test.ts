import { describe, expect, it } from "vitest";
import { expectConsistent, graphOf, req, twoNeurons } from "../test/fixtures";
import { InvalidGraphError, RetiredRootError, UnknownRootError, UnknownSupervoxelError } from "./errors";
import { createProofreadingState } from "./ProofreadingState";
import { DEFAULT_ROOT_ID_BASE } from "./rootIds";

const R = (counter: number) => DEFAULT_ROOT_ID_BASE + BigInt(counter);

describe("[A1] active edges: base edges at or above the threshold, plus merges, minus splits", () => {
  it("activates exactly the base edges with affinity ≥ threshold", () => {
    const s = twoNeurons();
    expect(s.activeEdges().map(([a, b]) => `${a}-${b}`)).toEqual([
      "1-2",
      "2-3",
      "3-4",
      "4-5",
      "5-6",
      "6-7",
      "7-8",
    ]);
    const strict = twoNeurons({ threshold: 0.9 });
    expect(strict.isEdgeActive(4n, 5n)).toBe(false);
    expect(strict.isEdgeActive(1n, 2n)).toBe(true);
  });
  it("adds merge edges and drops split edges", () => {
    const s = twoNeurons();
    s.merge({ ...req(), points: [{ supervoxel: 8n }, { supervoxel: 9n }] });
    expect(s.isEdgeActive(8n, 9n)).toBe(true);
    s.split({ ...req(), sources: [{ supervoxel: 1n }], sinks: [{ supervoxel: 8n }] });
    expect(s.isEdgeActive(4n, 5n)).toBe(false);
  });
  it("refuses a threshold outside [0, 1]", () => {
    expect(() => twoNeurons({ threshold: 1.5 })).toThrow(InvalidGraphError);
  });
});

describe("[A2] segments are the connected components of the active edges", () => {
  it("puts every supervoxel in exactly one segment", () => {
    const s = twoNeurons();
    expect(s.segmentCount).toBe(2);
    expect([...s.supervoxelsOf(s.rootOf(1n))]).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
    expect([...s.supervoxelsOf(s.rootOf(9n))]).toEqual([9n]);
    expectConsistent(s);
  });
});

describe("[A3] root ids: base + counter, above every supervoxel id, never reused", () => {
  it("numbers the initial segments by their smallest supervoxel", () => {
    const s = twoNeurons();
    expect(s.rootOf(1n)).toBe(R(1));
    expect(s.rootOf(9n)).toBe(R(2));
    expect(String(s.rootOf(9n))).toBe("1000000000000000002");
  });
  it("refuses a base that is not above every supervoxel id", () => {
    const g = graphOf([5, 2000], []);
    expect(() => createProofreadingState(g, { threshold: 0.5, rootIdBase: 1000n })).toThrow(
      /supervoxel 2000 is not below the root id base 1000/,
    );
    const ok = createProofreadingState(g, { threshold: 0.5, rootIdBase: 1_000_000n });
    expect(ok.rootOf(5n)).toBe(1_000_001n);
  });
  it("never hands out a root id twice, even when undo restores a membership", () => {
    const s = twoNeurons();
    const seen = new Set(s.roots());
    const m = s.merge({ ...req(), points: [{ supervoxel: 8n }, { supervoxel: 9n }] });
    const u = s.undo({ ...req(), target: m.id });
    const r = s.redo({ ...req(), target: m.id });
    for (const root of [...m.newRoots, ...u.newRoots, ...r.newRoots]) {
      expect(seen.has(root)).toBe(false);
      seen.add(root);
    }
    expect(u.newRoots).toHaveLength(2);
    expect(u.newRoots).not.toContain(R(1));
  });
  it("refuses a root that was never minted", () => {
    const s = twoNeurons();
    expect(() => s.supervoxelsOf(R(3))).toThrow(UnknownRootError);
    expect(() => s.supervoxelsOf(5n)).toThrow(/root 5 was never a segment of this dataset/);
  });
});

describe("[A4] every change of membership retires the old roots and mints new ones", () => {
  it("names the descendants when asked for a retired root", () => {
    const s = twoNeurons();
    const op = s.split({ ...req(), sources: [{ supervoxel: 1n }], sinks: [{ supervoxel: 8n }] });
    expect(op.oldRoots).toEqual([R(1)]);
    expect(op.newRoots).toEqual([R(3), R(4)]);
    try {
      s.supervoxelsOf(R(1));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RetiredRootError);
      expect((e as Error).message).toBe(
        `root ${R(1)} was retired by operation #1; its supervoxels are now in roots ${R(3)}, ${R(4)}`,
      );
    }
  });
  it("mints nothing when an edit does not change membership", () => {
    // a ladder: rails 1–2 and 3–4 (0.9), rungs 1–3 and 2–4 (0.6)
    const g = graphOf(
      [1, 2, 3, 4],
      [
        [1, 2, 0.9],
        [3, 4, 0.9],
        [1, 3, 0.6],
        [2, 4, 0.6],
      ],
    );
    const s = createProofreadingState(g, { threshold: 0.5 });
    const split = s.split({ ...req(), sources: [{ supervoxel: 1n }], sinks: [{ supervoxel: 3n }] });
    expect(split.removedEdges.map(String)).toEqual(["1,3", "2,4"]);
    s.merge({ ...req(), points: [{ supervoxel: 2n }, { supervoxel: 3n }] });
    const before = s.roots();
    const undo = s.undo({ ...req(), target: split.id });
    expect(undo.addedEdges).toEqual(split.removedEdges);
    expect(undo.oldRoots).toEqual([]);
    expect(undo.newRoots).toEqual([]);
    expect(s.roots()).toEqual(before);
  });
  it("mints the new roots in the order of the points they hold", () => {
    const s = twoNeurons();
    const op = s.split({ ...req(), sources: [{ supervoxel: 7n }], sinks: [{ supervoxel: 2n }] });
    expect(s.rootOf(7n)).toBe(op.newRoots[0]);
    expect(s.rootOf(2n)).toBe(op.newRoots[1]);
  });
});

describe("[A5] queries", () => {
  it("answers root, members and size; refuses an unknown supervoxel naming the field", () => {
    const s = twoNeurons();
    const root = s.rootOf(3n);
    expect(s.sizeOf(root)).toBe(8);
    expect(s.rootOfIndex(s.graph.indexOf(3n))).toBe(root);
    expect([...s.supervoxelIndicesOf(root)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(() => s.rootOf(42n)).toThrow(UnknownSupervoxelError);
    expect(() => s.rootOf(42n)).toThrow("supervoxel: supervoxel 42 is not in this dataset");
  });
  it("accounts its memory per supervoxel and per edge", () => {
    const s = twoNeurons();
    const m = s.memoryBytes();
    expect(m.perSupervoxel / s.graph.size).toBeLessThanOrEqual(64);
    expect(m.perEdge / s.graph.edgeCount).toBeLessThanOrEqual(24);
  });
});
