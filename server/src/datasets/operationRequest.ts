import {
  type EditAccess,
  type MergeRequest,
  type PointInput,
  parseId,
  type SplitRequest,
  type UndoRequest,
  type Vec3,
} from "@danio/core";

/** A point as JSON: supervoxel id and optional root the user saw, as decimal strings; position in nm. */
export interface PointJson {
  supervoxel: string;
  position?: [number, number, number];
  root?: string;
}

export type OperationBody =
  | { type: "merge"; id: string; points: [PointJson, PointJson] }
  | { type: "split"; id: string; sources: PointJson[]; sinks: PointJson[]; box?: { padding: number } }
  | { type: "undo" | "redo"; id: string; target?: string };

export type SplitPreviewBody = { sources: PointJson[]; sinks: PointJson[]; box?: { padding: number } };

const point = {
  type: "object",
  required: ["supervoxel"],
  additionalProperties: false,
  properties: {
    supervoxel: { type: "string", pattern: "^[0-9]{1,20}$" },
    root: { type: "string", pattern: "^[0-9]{1,20}$" },
    position: { type: "array", items: { type: "number" }, minItems: 3, maxItems: 3 },
  },
} as const;
const opId = { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9_.:-]+$" } as const;
const box = {
  type: "object",
  required: ["padding"],
  additionalProperties: false,
  properties: { padding: { type: "number", minimum: 0 } },
} as const;

/** JSON schemas of the request bodies (fastify validates them before a handler runs). */
export const operationBodySchema = {
  oneOf: [
    {
      type: "object",
      required: ["type", "id", "points"],
      additionalProperties: false,
      properties: {
        type: { const: "merge" },
        id: opId,
        points: { type: "array", items: point, minItems: 2, maxItems: 2 },
      },
    },
    {
      type: "object",
      required: ["type", "id", "sources", "sinks"],
      additionalProperties: false,
      properties: {
        type: { const: "split" },
        id: opId,
        sources: { type: "array", items: point, maxItems: 64 },
        sinks: { type: "array", items: point, maxItems: 64 },
        box,
      },
    },
    {
      type: "object",
      required: ["type", "id"],
      additionalProperties: false,
      properties: { type: { enum: ["undo", "redo"] }, id: opId, target: opId },
    },
  ],
} as const;

export const splitPreviewBodySchema = {
  type: "object",
  required: ["sources", "sinks"],
  additionalProperties: false,
  properties: {
    sources: { type: "array", items: point, maxItems: 64 },
    sinks: { type: "array", items: point, maxItems: 64 },
    box,
  },
} as const;

function toPoint(p: PointJson, field: string): PointInput {
  // The body schema has already checked three numbers; JSON cannot carry NaN or Infinity.
  const position: Vec3 | undefined = p.position ? [p.position[0], p.position[1], p.position[2]] : undefined;
  return {
    supervoxel: parseId(p.supervoxel, `${field}.supervoxel`),
    position,
    root: p.root === undefined ? undefined : parseId(p.root, `${field}.root`),
  };
}

export function toMergeRequest(
  body: Extract<OperationBody, { type: "merge" }>,
  author: string,
  time: number,
  access: EditAccess,
): MergeRequest {
  return {
    id: body.id,
    author,
    time,
    access,
    points: [toPoint(body.points[0], "points[0]"), toPoint(body.points[1], "points[1]")],
  };
}

export function toSplitRequest(
  body: { id: string; sources: PointJson[]; sinks: PointJson[]; box?: { padding: number } },
  author: string,
  time: number,
  access: EditAccess,
): SplitRequest {
  return {
    id: body.id,
    author,
    time,
    access,
    sources: body.sources.map((p, i) => toPoint(p, `sources[${i}]`)),
    sinks: body.sinks.map((p, i) => toPoint(p, `sinks[${i}]`)),
    box: body.box,
  };
}

export function toUndoRequest(
  id: string,
  target: string,
  author: string,
  time: number,
  access: EditAccess,
): UndoRequest {
  return { id, target, author, time, access };
}
