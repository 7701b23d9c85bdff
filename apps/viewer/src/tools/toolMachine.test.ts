import { describe, expect, it } from "vitest";
import { INITIAL_TOOL, type PickedPoint, type ToolState, toolReducer } from "./toolMachine";

const pt = (supervoxel: string, root: string): PickedPoint => ({ supervoxel, root, position: [0, 0, 0] });

function run(state: ToolState, ...events: Parameters<typeof toolReducer>[1][]) {
  let s = state;
  const requests = [];
  for (const e of events) {
    const r = toolReducer(s, e);
    s = r.state;
    if (r.request) requests.push(r.request);
  }
  return { state: s, requests };
}

describe("tool state machine", () => {
  it("select picks a segment", () => {
    expect(run(INITIAL_TOOL, { type: "pick", point: pt("1", "r1") }).requests).toEqual([
      { kind: "select", root: "r1" },
    ]);
  });

  it("merge waits for two points of different segments, then asks to confirm", () => {
    const r = run(
      INITIAL_TOOL,
      { type: "choose", tool: "merge" },
      { type: "pick", point: pt("1", "r1") },
      { type: "pick", point: pt("2", "r2") },
    );
    expect(r.requests).toEqual([{ kind: "confirm-merge", points: [pt("1", "r1"), pt("2", "r2")] }]);
    const same = run(
      INITIAL_TOOL,
      { type: "choose", tool: "merge" },
      { type: "pick", point: pt("1", "r1") },
      { type: "pick", point: pt("3", "r1") },
    );
    expect(same.requests[0]).toMatchObject({ kind: "refuse" });
    expect(run(r.state, { type: "done" }).state).toEqual({ tool: "merge", first: null, second: null });
  });

  it("split collects sources and sinks on one segment and previews once both sides have a point", () => {
    const r = run(
      INITIAL_TOOL,
      { type: "choose", tool: "split" },
      { type: "pick", point: pt("1", "r") },
      { type: "side", side: "sink" },
      { type: "pick", point: pt("2", "r") },
      { type: "pick", point: pt("5", "other") },
      { type: "pick", point: pt("2", "r") },
      { type: "pick", point: pt("3", "r") },
    );
    expect(r.requests.map((q) => q.kind)).toEqual(["preview-split", "refuse", "refuse", "preview-split"]);
    expect(r.state).toMatchObject({
      tool: "split",
      sources: [pt("1", "r")],
      sinks: [pt("2", "r"), pt("3", "r")],
      root: "r",
    });
    expect(run(r.state, { type: "cancel" }).state).toMatchObject({
      sources: [],
      sinks: [],
      root: null,
      side: "source",
    });
  });
});
