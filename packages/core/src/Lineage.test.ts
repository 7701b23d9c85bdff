import { describe, expect, it } from "vitest";
import { refused, req, snapshot, twoNeurons } from "../test/fixtures";
import { InvalidIdError } from "./ids";
import {
  DuplicateOperationError,
  InvalidRequestError,
  InvalidSequenceNumberError,
  ReplayMismatchError,
  SequenceError,
  UnknownRootError,
} from "./errors";
import type { Operation } from "./Operation";
import { operationFromJson, operationToJson } from "./operationJson";
import { OperationLog } from "./OperationLog";
import { planMerge } from "./planMerge";
import { replayOperations } from "./ProofreadingState";

const sv = (...ids: number[]) => ids.map((id) => ({ supervoxel: BigInt(id) }));

/** merge 8+9, split 1|8 (cuts 4–5), undo the merge, redo it. */
function history() {
  const s = twoNeurons();
  const r0 = s.rootOf(1n);
  const r9 = s.rootOf(9n);
  const m = s.merge({ ...req(), points: [...sv(8, 9)] as never });
  const sp = s.split({ ...req(), sources: sv(1), sinks: sv(8) });
  const u = s.undo({ ...req(), target: m.id });
  const r = s.redo({ ...req(), target: m.id });
  return { s, r0, r9, m, sp, u, r };
}

describe("[T1] the log is append-only with sequence numbers without gaps", () => {
  it("numbers operations 1, 2, 3… and refuses a gap or a stale plan", () => {
    const { s } = history();
    expect(s.log.all().map((o) => o.seq)).toEqual([1, 2, 3, 4]);
    expect(s.log.since(2).map((o) => o.type)).toEqual(["undo", "redo"]);
    const log = new OperationLog();
    const op = s.log.get(1)!;
    expect(() => log.append({ ...op, seq: 2 })).toThrow(SequenceError);
    expect(() => log.append({ ...op, seq: 2 })).toThrow(
      `operation "${op.id}" has sequence number 2; the log expects 1 next`,
    );
    const s2 = twoNeurons();
    const plan = planMerge(s2, { ...req(), points: [...sv(8, 9)] as never });
    s2.merge({ ...req(), points: [...sv(1, 9)] as never });
    refused(s2, SequenceError, () => s2.commit(plan));
  });
});

describe("[T2] operation ids are unique", () => {
  it("refuses a duplicate id, naming the existing sequence number", () => {
    const { s, m } = history();
    const log = new OperationLog();
    for (const op of s.log.all()) log.append(op);
    expect(() => log.append({ ...m, seq: 5 })).toThrow(DuplicateOperationError);
    refused(s, DuplicateOperationError, () => s.undo({ id: m.id, author: "bo", time: 0, target: m.id }));
  });
});

describe("[T3] replaying the base graph and the log gives exactly the live state", () => {
  it("reproduces edges, roots and counters, and keeps checking each operation", () => {
    const { s } = history();
    const replayed = replayOperations(s.graph, s.options, s.log.all());
    expect(snapshot(replayed)).toEqual(snapshot(s));
    expect(replayed.log.all()).toEqual(s.log.all());
    // the next edit mints the same root on both
    const a = s.split({ id: "x", author: "bo", time: 0, sources: sv(5, 6), sinks: sv(8, 9) });
    const b = replayed.split({ id: "x", author: "bo", time: 0, sources: sv(5, 6), sinks: sv(8, 9) });
    expect(b).toEqual(a);
  });
  it("refuses an operation that does not fit, changing nothing", () => {
    const { s, m, sp } = history();
    const fresh = twoNeurons();
    fresh.apply(s.log.get(1)!);
    refused(fresh, ReplayMismatchError, () =>
      fresh.apply({ ...sp, newRoots: [sp.newRoots[1]!, sp.newRoots[0]!] }),
    );
    refused(fresh, ReplayMismatchError, () => fresh.apply({ ...sp, removedEdges: [[1n, 3n]] }));
    refused(fresh, ReplayMismatchError, () => fresh.apply({ ...sp, removedEdges: [[1n, 2n]], oldRoots: [] }));
    refused(fresh, ReplayMismatchError, () => fresh.apply({ ...sp, removedEdges: [[1n, 99n]] }));
    refused(fresh, ReplayMismatchError, () => fresh.apply({ ...m, id: "again", seq: 2 }));
    refused(fresh, ReplayMismatchError, () => fresh.apply({ ...s.log.get(4)!, seq: 2, id: "redo-early" }));
    refused(fresh, SequenceError, () => fresh.apply(s.log.get(3)!));
    fresh.apply(sp);
    const e = refused(fresh, ReplayMismatchError, () =>
      fresh.apply({ ...s.log.get(3)!, removedEdges: [[4n, 5n]] }),
    );
    expect(e.message).toMatch(
      /^operation #3 \(".*"\) does not fit the state: removed edge 4–5 is not active$/,
    );
  });
});

describe("[T4] lineage: each operation's old roots and new roots", () => {
  it("traces parents and children of every root", () => {
    const { s, r0, r9, m, sp, u, r } = history();
    expect(m.oldRoots).toEqual([r0, r9]);
    expect(sp.oldRoots).toEqual(m.newRoots);
    expect(u.oldRoots).toEqual([sp.newRoots[1]]);
    expect(r.oldRoots).toEqual(u.newRoots);
    expect(s.lineage(r0)).toEqual({ root: r0, mintedBy: 0, retiredBy: 1, parents: [], children: m.newRoots });
    expect(s.lineage(sp.newRoots[1]!)).toMatchObject({
      mintedBy: 2,
      retiredBy: 3,
      parents: m.newRoots,
      children: u.newRoots,
    });
    expect(() => s.lineage(12345n)).toThrow(UnknownRootError);
  });
});

describe("[T5] time travel: the root of any supervoxel at any past sequence number", () => {
  it("answers from the lineage exactly what the state was", () => {
    const { s } = history();
    const states = [twoNeurons()];
    for (const op of s.log.all()) {
      const next = replayOperations(s.graph, s.options, s.log.all().slice(0, op.seq));
      states.push(next);
    }
    for (let seq = 0; seq <= s.seq; seq++) {
      for (const id of [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]) {
        expect(s.rootAt(id, seq), `supervoxel ${id} at #${seq}`).toBe(states[seq]!.rootOf(id));
      }
    }
  });
  it("refuses a sequence number outside the log", () => {
    const { s } = history();
    expect(() => s.rootAt(1n, 5)).toThrow(InvalidSequenceNumberError);
    expect(() => s.rootAt(1n, -1)).toThrow(
      "sequence number -1 is not in the log: expected an integer from 0 to 4",
    );
    expect(() => s.rootAt(1n, 1.5)).toThrow(InvalidSequenceNumberError);
  });
});

describe("[T6] today's descendants of any old root", () => {
  it("gives the live roots that hold its supervoxels", () => {
    const { s, r0, r9, m, sp } = history();
    expect(s.descendants(r0)).toEqual([s.rootOf(1n), s.rootOf(8n)].sort());
    // 9 was merged into r0's segment, which was then split: only the piece holding 9 descends from r9
    expect(s.descendants(r9)).toEqual([s.rootOf(9n)]);
    expect(s.descendants(sp.newRoots[1]!)).toEqual([s.rootOf(9n)]);
    expect(s.descendants(m.newRoots[0]!)).toEqual([s.rootOf(1n), s.rootOf(8n)].sort());
    expect(s.descendants(s.rootOf(1n))).toEqual([s.rootOf(1n)]);
    expect([...s.historicalSupervoxelsOf(r0)]).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
    expect([...s.historicalSupervoxelsOf(m.newRoots[0]!)]).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
    expect([...s.historicalSupervoxelsOf(sp.newRoots[1]!)]).toEqual([5n, 6n, 7n, 8n, 9n]);
    expect(() => s.descendants(42n)).toThrow(UnknownRootError);
  });
});

describe("[T7] JSON form: ids as decimal strings", () => {
  it("round-trips every operation of a log through JSON text", () => {
    const { s } = history();
    const text = JSON.stringify(s.log.all().map(operationToJson));
    expect(text).toContain(`"oldRoots":["${s.log.get(1)!.oldRoots[0]}"`);
    const back = (JSON.parse(text) as unknown[]).map((o, i) => operationFromJson(o, `log[${i}]`));
    expect(back).toEqual(s.log.all());
    expect(snapshot(replayOperations(s.graph, s.options, back))).toEqual(snapshot(s));
  });
  it("names the offending field", () => {
    const { s } = history();
    const good = operationToJson(s.log.get(2)!);
    const bad = (patch: object) => () => operationFromJson({ ...good, ...patch }, "op");
    expect(bad({ seq: 0 })).toThrow("op.seq: expected a sequence number ≥ 1, got 0");
    expect(bad({ type: "delete" })).toThrow(InvalidRequestError);
    expect(bad({ removedEdges: [["1", "x"]] })).toThrow(InvalidIdError);
    expect(bad({ removedEdges: [["1", "x"]] })).toThrow(/op\.removedEdges\[0\]\[1\]/);
    expect(bad({ points: [{ supervoxel: "1", position: [1, 2] }] })).toThrow(/op\.points\[0\]\.position/);
    expect(() => operationFromJson({ ...operationToJson(s.log.get(3)!), target: undefined })).toThrow(
      /target/,
    );
    const op: Operation = operationFromJson(good);
    expect(op.points[0]!.side).toBe("source");
  });
});
