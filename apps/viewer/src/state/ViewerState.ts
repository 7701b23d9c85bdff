import type { Annotation, NeuronRecord, OpSummary, Presence } from "@danio/sync";
import type { DatasetInfo, PublicUser, SplitPreviewJson, SynapseJson } from "../api/ApiClient";
import { INITIAL_TOOL, type PickedPoint, type ToolState } from "../tools/toolMachine";

export interface Message {
  id: number;
  kind: "error" | "info";
  text: string;
  time: number;
}

export interface PendingConfirm {
  kind: "merge";
  points: [PickedPoint, PickedPoint];
}

/** Everything the viewer shows. Components subscribe to slices; the session is the only writer. */
export interface ViewerState {
  user: PublicUser | null;
  datasets: { id: string; name: string }[];
  dataset: DatasetInfo | null;
  /** Bumped whenever the supervoxel → segment mapping changes (the mapping itself lives in the session). */
  mappingVersion: number;
  /** Sequence number the mapping reflects. */
  seq: number;
  /** Selected segments (root ids), in selection order. */
  selected: string[];
  tool: ToolState;
  confirm: PendingConfirm | null;
  /** A point picked with the annotate tool, waiting for its note. */
  annotating: PickedPoint | null;
  /** User names by id, for history and records. */
  people: Record<string, { name: string; colour: string }>;
  preview: SplitPreviewJson | null;
  /** The crosshair / slice planes, in voxels. */
  slice: [number, number, number];
  peers: Presence[];
  history: OpSummary[];
  neurons: [string, NeuronRecord][];
  annotations: [string, Annotation][];
  synapses: SynapseJson[];
  messages: Message[];
  connection: "offline" | "connecting" | "connected";
  busy: boolean;
}

export const INITIAL_VIEWER_STATE: ViewerState = {
  user: null,
  datasets: [],
  dataset: null,
  mappingVersion: 0,
  seq: 0,
  selected: [],
  tool: INITIAL_TOOL,
  confirm: null,
  annotating: null,
  people: {},
  preview: null,
  slice: [0, 0, 0],
  peers: [],
  history: [],
  neurons: [],
  annotations: [],
  synapses: [],
  messages: [],
  connection: "offline",
  busy: false,
};
