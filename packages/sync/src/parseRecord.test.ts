import { describe, expect, it } from "vitest";
import { parseAnnotation, parseNeuronRecord, parseOpSummary } from "./parseRecord";
import { anchor, neuron } from "./testDocs";

const op = {
  seq: 3,
  id: "op-3",
  type: "split",
  author: "u",
  time: 9,
  oldRoots: ["10"],
  newRoots: ["11", "12"],
  members: [["5"]],
};

describe("parseRecord", () => {
  it("[Y4] accepts a well-formed neuron record and returns a copy", () => {
    const value = neuron({ claimedBy: "u-ann", flaggedForReview: true });
    const parsed = parseNeuronRecord(value);
    expect(parsed).toEqual({ ok: true, value });
    if (parsed.ok) expect(parsed.value).not.toBe(value);
  });

  it("[Y4] names the offending field", () => {
    expect(parseNeuronRecord({ ...neuron(), status: "done" }, "n")).toEqual({
      ok: false,
      reason: 'n.status: expected one of draft|complete|approved|rejected, got "done"',
    });
    expect(
      parseNeuronRecord({ ...neuron(), anchor: { supervoxel: "-1", position: [0, 0, 0] } }, "n"),
    ).toMatchObject({
      ok: false,
      reason: 'n.anchor.supervoxel: expected a uint64 id as a decimal string, got "-1"',
    });
    expect(
      parseNeuronRecord({ ...neuron(), anchor: { supervoxel: "18446744073709551616", position: [0, 0, 0] } }),
    ).toMatchObject({
      ok: false,
    });
    expect(
      parseNeuronRecord({ ...neuron(), anchor: { ...anchor, position: [0, Number.NaN, 0] } }, "n"),
    ).toEqual({
      ok: false,
      reason: "n.anchor.position[1]: expected a finite number, got NaN",
    });
    const { notes: _notes, ...withoutNotes } = neuron();
    expect(parseNeuronRecord(withoutNotes, "n")).toEqual({
      ok: false,
      reason: "n.notes: expected a value, got nothing",
    });
    expect(parseNeuronRecord({ ...neuron(), notes: "x".repeat(10_001) })).toMatchObject({ ok: false });
  });

  it("[Y4] annotations: kind, author, anchor, text, createdAt and nothing else", () => {
    const a = { kind: "cellType", author: "u", anchor, text: "Mi1", createdAt: 3 };
    expect(parseAnnotation(a)).toEqual({ ok: true, value: a });
    expect(parseAnnotation({ ...a, kind: "arrow" })).toMatchObject({ ok: false });
    expect(parseAnnotation({ ...a, colour: "red" })).toMatchObject({
      ok: false,
      reason: 'annotation: unknown field "colour"',
    });
  });

  it("[Y3] op summaries carry one member list per new root but the last", () => {
    expect(parseOpSummary(op)).toEqual({ ok: true, value: op });
    expect(parseOpSummary({ ...op, type: "merge", newRoots: ["11"], members: [] })).toMatchObject({
      ok: true,
    });
    expect(parseOpSummary({ ...op, members: [] }, "op")).toEqual({
      ok: false,
      reason: "op.members: expected 1 list(s), one per new root but the last, got 0",
    });
    expect(parseOpSummary({ ...op, members: [["x"]] })).toMatchObject({ ok: false });
    expect(parseOpSummary({ ...op, seq: 1.5 })).toMatchObject({ ok: false });
  });
});
