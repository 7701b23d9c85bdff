import { describe, expect, it } from "vitest";
import { appendOps, OpsAppendError, observeOps, readOps } from "./ops";
import type { OpSummary } from "./schema";
import { clientOf, serverDoc } from "./testDocs";
import * as Y from "yjs";

const op = (seq: number): OpSummary => ({
  seq,
  id: `op-${seq}`,
  type: "merge",
  author: "u-ann",
  time: 1000 + seq,
  oldRoots: [`${seq}0`, `${seq}1`],
  newRoots: [`${seq}2`],
  members: [],
});

describe("ops", () => {
  it("[Y2] appends summaries in order and keeps only the most recent `retain`", () => {
    const doc = serverDoc();
    appendOps(doc, [op(1), op(2)], { retain: 3 });
    appendOps(doc, [op(3), op(4), op(5)], { retain: 3 });
    expect(readOps(doc).map((o) => o.seq)).toEqual([3, 4, 5]);
  });

  it("[Y2] appends a batch in one transaction", () => {
    const doc = serverDoc();
    let updates = 0;
    doc.on("update", () => updates++);
    appendOps(doc, [op(1), op(2), op(3)], { retain: 2 });
    expect(updates).toBe(1);
  });

  it("[Y3] refuses a batch whose seq does not increase, or a malformed summary, appending nothing", () => {
    const doc = serverDoc();
    appendOps(doc, [op(5)]);
    expect(() => appendOps(doc, [op(6), op(5)])).toThrow(
      new OpsAppendError("appendOps: summaries[1].seq 5 must be greater than 6"),
    );
    expect(() => appendOps(doc, [{ ...op(7), members: [["1"]] }])).toThrow(/summaries\[0\]\.members/);
    expect(readOps(doc).map((o) => o.seq)).toEqual([5]);
  });

  it("[Y2] observeOps reports inserted summaries, the retained log on first sync, not deletions", () => {
    const server = serverDoc();
    appendOps(server, [op(1), op(2)]);
    const client = new Y.Doc();
    const seen: number[][] = [];
    const stop = observeOps(client, (s) => seen.push(s.map((o) => o.seq)));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(client);
    appendOps(server, [op(3)], { retain: 2 });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, sv));
    expect(seen).toEqual([[1, 2], [3]]);
    stop();
    appendOps(server, [op(4)]);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(seen).toHaveLength(2);
    expect(readOps(clientOf(server)).map((o) => o.seq)).toEqual([2, 3, 4]);
  });
});
