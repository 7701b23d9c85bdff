import { describe, expect, it } from "vitest";
import { planDrawing } from "./planDrawing";

const mapping = (pairs: Record<string, string>) => (sv: string) => pairs[sv];

describe("planDrawing", () => {
  it("keeps a split segment drawn until both pieces are ready, hiding the pieces meanwhile", () => {
    const input = {
      targets: ["r1", "r2"],
      drawn: new Map([["r", ["a", "b", "c", "d"]]]),
      rootOf: mapping({ a: "r1", b: "r1", c: "r2", d: "r2" }),
    };
    expect(planDrawing({ ...input, ready: (r) => r === "r1" })).toEqual({ show: [], keep: ["r"], drop: [] });
    expect(planDrawing({ ...input, ready: () => true })).toEqual({
      show: ["r1", "r2"],
      keep: [],
      drop: ["r"],
    });
  });

  it("keeps both halves of a merge until the merged segment is ready", () => {
    const plan = planDrawing({
      targets: ["m", "other"],
      drawn: new Map([
        ["x", ["a", "b"]],
        ["y", ["c"]],
        ["other", ["z"]],
      ]),
      rootOf: mapping({ a: "m", b: "m", c: "m", z: "other" }),
      ready: (r) => r === "other",
    });
    expect(plan).toEqual({ show: ["other"], keep: ["x", "y"], drop: [] });
  });

  it("drops a deselected segment at once and shows new ready ones", () => {
    const plan = planDrawing({
      targets: ["b"],
      drawn: new Map([["a", ["1", "2"]]]),
      rootOf: mapping({ "1": "a", "2": "a", "3": "b" }),
      ready: () => true,
    });
    expect(plan).toEqual({ show: ["b"], keep: [], drop: ["a"] });
  });
});
