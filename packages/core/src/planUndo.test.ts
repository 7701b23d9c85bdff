import { describe, expect, it } from "vitest";
import { expectConsistent, refused, req, snapshot, twoNeurons } from "../test/fixtures";
import {
  InvalidRequestError,
  InvalidUndoTargetError,
  SegmentClaimedError,
  UndoConflictError,
  UnknownOperationError,
} from "./errors";
import { inverseOf } from "./Operation";
import { planUndo } from "./planUndo";

const sv = (...ids: number[]) => ids.map((id) => ({ supervoxel: BigInt(id) }));

describe("[U1] undo is the compensating operation", () => {
  it("undo of a merge removes exactly the edge it added", () => {
    const s = twoNeurons();
    const before = snapshot(s).edges;
    const m = s.merge({ ...req(), points: [...sv(9, 1)] as never });
    const u = s.undo({ ...req(), target: m.id });
    expect(u.type).toBe("undo");
    expect(u.target).toBe(m.id);
    expect(u.removedEdges).toEqual(m.addedEdges);
    expect(u.addedEdges).toEqual([]);
    expect(snapshot(s).edges).toEqual(before);
    expect(s.rootOf(9n)).not.toBe(s.rootOf(1n));
  });
  it("undo of a split re-adds exactly the edges it removed", () => {
    const s = twoNeurons();
    const before = snapshot(s).edges;
    const sp = s.split({ ...req(), sources: sv(1), sinks: sv(8) });
    const u = s.undo({ ...req(), target: sp.id });
    expect(u).toMatchObject(inverseOf(sp));
    expect(snapshot(s).edges).toEqual(before);
    expect(s.rootOf(1n)).toBe(s.rootOf(8n));
    expectConsistent(s);
  });
});

describe("[U2] refused when a later operation in force already changed those edges", () => {
  it("names the edge and the later operation, and works like a stack", () => {
    const s = twoNeurons();
    const sp1 = s.split({ ...req(), sources: sv(1), sinks: sv(8) }); // removes 4–5
    const m = s.merge({ ...req(), points: [...sv(4, 5)] as never }); // adds 4–5 again
    let e = refused(s, UndoConflictError, () => s.undo({ ...req(), target: sp1.id }));
    expect(e.message).toBe(
      `cannot undo operation "${sp1.id}": edge 4–5 was changed later by operation "${m.id}" (#2); undo that one first`,
    );
    const sp2 = s.split({ ...req(), sources: sv(1), sinks: sv(8) }); // removes 4–5 again
    e = refused(s, UndoConflictError, () => s.undo({ ...req(), target: m.id }));
    expect(e.laterSeq).toBe(sp2.seq);
    // undone later edits no longer block: undo in reverse order restores the start
    s.undo({ ...req(), target: sp2.id });
    s.undo({ ...req(), target: m.id });
    s.undo({ ...req(), target: sp1.id });
    expect(snapshot(s).edges).toEqual(snapshot(twoNeurons()).edges);
    expectConsistent(s);
  });
});

describe("[U3] the undo target must be a merge or split in force", () => {
  it("refuses an unknown id, an undo as target, and a second undo", () => {
    const s = twoNeurons();
    refused(s, UnknownOperationError, () => s.undo({ ...req(), target: "nope" }));
    refused(s, InvalidRequestError, () => s.undo({ ...req(), target: "" }));
    const m = s.merge({ ...req(), points: [...sv(8, 9)] as never });
    const u = s.undo({ ...req(), target: m.id });
    const e = refused(s, InvalidUndoTargetError, () => s.undo({ ...req(), target: m.id }));
    expect(e.message).toBe(`operation "${m.id}": is already undone; redo it instead`);
    refused(s, InvalidUndoTargetError, () => s.undo({ ...req(), target: u.id }));
  });
  it("plans without changing anything", () => {
    const s = twoNeurons();
    const m = s.merge({ ...req(), points: [...sv(8, 9)] as never });
    const before = snapshot(s);
    const plan = planUndo(s, { ...req(), target: m.id });
    expect(snapshot(s)).toEqual(before);
    expect(plan.removed).toHaveLength(1);
  });
  it("checks the lock and claim rules on the segments it touches", () => {
    const s = twoNeurons();
    const m = s.merge({ ...req(), points: [...sv(8, 9)] as never });
    const access = {
      user: "ana",
      role: "annotator" as const,
      now: 0,
      locks: [],
      claims: [{ anchor: 9n, user: "bo", claimedAt: 0, expiresAt: 10 }],
      rootOf: (id: bigint) => s.rootOf(id),
    };
    refused(s, SegmentClaimedError, () => s.undo({ ...req(), target: m.id, access }));
  });
});

describe("[U4] redo re-applies an undone merge or split", () => {
  it("re-applies the target's edges, and is refused when not undone or conflicting", () => {
    const s = twoNeurons();
    const sp = s.split({ ...req(), sources: sv(1), sinks: sv(8) });
    const after = snapshot(s).edges;
    refused(s, InvalidUndoTargetError, () => s.redo({ ...req(), target: sp.id }));
    s.undo({ ...req(), target: sp.id });
    const r = s.redo({ ...req(), target: sp.id });
    expect(r.type).toBe("redo");
    expect(r.removedEdges).toEqual(sp.removedEdges);
    expect(snapshot(s).edges).toEqual(after);
    s.undo({ ...req(), target: sp.id });
    const m = s.split({ ...req(), sources: sv(3), sinks: sv(6) }); // cuts 4–5 again
    const e = refused(s, UndoConflictError, () => s.redo({ ...req(), target: sp.id }));
    expect(e.rule).toBe("U4");
    expect(e.laterOperationId).toBe(m.id);
  });
});

describe("[U5] undo and redo are ordinary log operations", () => {
  it("appends them with new sequence numbers and new roots", () => {
    const s = twoNeurons();
    const m = s.merge({ ...req(), points: [...sv(8, 9)] as never });
    const u = s.undo({ ...req(), target: m.id });
    const r = s.redo({ ...req(), target: m.id });
    expect([m.seq, u.seq, r.seq]).toEqual([1, 2, 3]);
    expect(u.oldRoots).toEqual(m.newRoots);
    expect(r.oldRoots).toEqual(u.newRoots);
    expect(new Set([...m.newRoots, ...u.newRoots, ...r.newRoots]).size).toBe(4);
    expect(s.undoStatus(m.id)).toBe("applied");
  });
});

describe("[U6] each author's undo and redo candidates", () => {
  it("finds the last merge or split in force, and the last undone one", () => {
    const s = twoNeurons();
    const m = s.merge({ ...req("ana"), points: [...sv(8, 9)] as never });
    const sp = s.split({ ...req("bo"), sources: sv(1), sinks: sv(8) });
    expect(s.lastUndoable("ana")?.id).toBe(m.id);
    expect(s.lastUndoable("bo")?.id).toBe(sp.id);
    expect(s.lastRedoable("bo")).toBeUndefined();
    s.undo({ ...req("bo"), target: sp.id });
    expect(s.lastRedoable("bo")?.id).toBe(sp.id);
    expect(s.lastUndoable("bo")).toBeUndefined();
    s.redo({ ...req("bo"), target: sp.id });
    expect(s.lastRedoable("bo")).toBeUndefined();
  });
});
