/**
 * The proofreading tools as a pure state machine: every user gesture is an event, every state says what
 * the tool is waiting for. No DOM, no network: the session turns `request`s into server commands.
 */
export interface PickedPoint {
  supervoxel: string;
  root: string;
  position: [number, number, number];
}

export type ToolState =
  | { tool: "select" }
  | { tool: "merge"; first: PickedPoint | null; second: PickedPoint | null }
  | {
      tool: "split";
      side: "source" | "sink";
      sources: PickedPoint[];
      sinks: PickedPoint[];
      root: string | null;
    }
  | { tool: "annotate" };

export type ToolEvent =
  | { type: "choose"; tool: ToolState["tool"] }
  | { type: "pick"; point: PickedPoint }
  | { type: "side"; side: "source" | "sink" }
  | { type: "cancel" }
  | { type: "done" };

/** What the tool asks the session to do after an event, if anything. */
export type ToolRequest =
  | { kind: "select"; root: string }
  | { kind: "confirm-merge"; points: [PickedPoint, PickedPoint] }
  | { kind: "preview-split"; sources: PickedPoint[]; sinks: PickedPoint[] }
  | { kind: "annotate"; point: PickedPoint }
  | { kind: "refuse"; message: string };

export const INITIAL_TOOL: ToolState = { tool: "select" };

function fresh(tool: ToolState["tool"]): ToolState {
  if (tool === "merge") return { tool, first: null, second: null };
  if (tool === "split") return { tool, side: "source", sources: [], sinks: [], root: null };
  return { tool };
}

/** The next tool state and the request it makes. */
export function toolReducer(state: ToolState, event: ToolEvent): { state: ToolState; request?: ToolRequest } {
  if (event.type === "choose") return { state: fresh(event.tool) };
  if (event.type === "cancel" || event.type === "done") return { state: fresh(state.tool) };
  if (event.type === "side") {
    return state.tool === "split" ? { state: { ...state, side: event.side } } : { state };
  }
  const p = event.point;
  switch (state.tool) {
    case "select":
      return { state, request: { kind: "select", root: p.root } };
    case "annotate":
      return { state, request: { kind: "annotate", point: p } };
    case "merge": {
      if (!state.first) return { state: { ...state, first: p } };
      if (state.first.supervoxel === p.supervoxel) {
        return {
          state,
          request: { kind: "refuse", message: "pick a supervoxel of another segment to merge with" },
        };
      }
      if (state.first.root === p.root) {
        return { state, request: { kind: "refuse", message: "both points are already in one segment" } };
      }
      const next = { ...state, second: p };
      return { state: next, request: { kind: "confirm-merge", points: [state.first, p] } };
    }
    case "split": {
      if (state.root !== null && p.root !== state.root) {
        return {
          state,
          request: { kind: "refuse", message: "all split points must be on the segment being split" },
        };
      }
      const all = [...state.sources, ...state.sinks];
      if (all.some((q) => q.supervoxel === p.supervoxel)) {
        return { state, request: { kind: "refuse", message: "this supervoxel is already marked" } };
      }
      const next =
        state.side === "source"
          ? { ...state, root: p.root, sources: [...state.sources, p] }
          : { ...state, root: p.root, sinks: [...state.sinks, p] };
      if (next.sources.length > 0 && next.sinks.length > 0) {
        return { state: next, request: { kind: "preview-split", sources: next.sources, sinks: next.sinks } };
      }
      return { state: next };
    }
  }
}
