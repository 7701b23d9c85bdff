import { InvalidRequestError } from "./errors";
import { formatId, parseId } from "./ids";
import type { EdgePair, Operation, OperationPoint, OperationType, Vec3 } from "./Operation";

/** The JSON form of an operation (SPEC.md T7): every id a decimal string. */
export interface OperationJson {
  seq: number;
  id: string;
  type: OperationType;
  author: string;
  time: number;
  points: { supervoxel: string; position: [number, number, number] | null; side?: "source" | "sink" }[];
  addedEdges: [string, string][];
  removedEdges: [string, string][];
  oldRoots: string[];
  newRoots: string[];
  target?: string;
}

export function operationToJson(op: Operation): OperationJson {
  const pair = (e: EdgePair): [string, string] => [formatId(e[0]), formatId(e[1])];
  const out: OperationJson = {
    seq: op.seq,
    id: op.id,
    type: op.type,
    author: op.author,
    time: op.time,
    points: op.points.map((p) => {
      const position: [number, number, number] | null =
        p.position === null ? null : [p.position[0], p.position[1], p.position[2]];
      return p.side === undefined
        ? { supervoxel: formatId(p.supervoxel), position }
        : { supervoxel: formatId(p.supervoxel), position, side: p.side };
    }),
    addedEdges: op.addedEdges.map(pair),
    removedEdges: op.removedEdges.map(pair),
    oldRoots: op.oldRoots.map(formatId),
    newRoots: op.newRoots.map(formatId),
  };
  if (op.target !== undefined) out.target = op.target;
  return out;
}

const TYPES: readonly OperationType[] = ["merge", "split", "undo", "redo"];

/**
 * Reads an operation from parsed JSON, checking every field. Errors name the field path under `where`
 * (InvalidRequestError, rule T7; InvalidIdError for malformed ids).
 */
export function operationFromJson(value: unknown, where = "operation"): Operation {
  const o = record(value, where);
  const seq = o.seq;
  if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 1)
    fail(`${where}.seq`, "a sequence number ≥ 1", seq);
  const id = str(o.id, `${where}.id`);
  const type = o.type;
  if (typeof type !== "string" || !TYPES.includes(type as OperationType))
    fail(`${where}.type`, "merge, split, undo or redo", type);
  const author = str(o.author, `${where}.author`);
  const time = o.time;
  if (typeof time !== "number" || !Number.isFinite(time))
    fail(`${where}.time`, "milliseconds since the epoch", time);
  const points = list(o.points, `${where}.points`).map((p, i) => point(p, `${where}.points[${i}]`));
  const edges = (v: unknown, field: string): EdgePair[] =>
    list(v, field).map((e, i) => {
      const pair = list(e, `${field}[${i}]`);
      if (pair.length !== 2) fail(`${field}[${i}]`, "a pair of supervoxel ids", e);
      const a = parseId(pair[0], `${field}[${i}][0]`);
      const b = parseId(pair[1], `${field}[${i}][1]`);
      return a < b ? [a, b] : [b, a];
    });
  const roots = (v: unknown, field: string): bigint[] =>
    list(v, field).map((r, i) => parseId(r, `${field}[${i}]`));
  const op: Operation = {
    seq,
    id,
    type: type as OperationType,
    author,
    time,
    points,
    addedEdges: edges(o.addedEdges, `${where}.addedEdges`),
    removedEdges: edges(o.removedEdges, `${where}.removedEdges`),
    oldRoots: roots(o.oldRoots, `${where}.oldRoots`),
    newRoots: roots(o.newRoots, `${where}.newRoots`),
  };
  if (o.target !== undefined) return { ...op, target: str(o.target, `${where}.target`) };
  if (type === "undo" || type === "redo")
    fail(`${where}.target`, `the id of the operation to ${type}`, undefined);
  return op;
}

function point(value: unknown, where: string): OperationPoint {
  const o = record(value, where);
  const supervoxel = parseId(o.supervoxel, `${where}.supervoxel`);
  let position: Vec3 | null = null;
  if (o.position !== null && o.position !== undefined) {
    const p = list(o.position, `${where}.position`);
    if (p.length !== 3 || !p.every((x) => typeof x === "number" && Number.isFinite(x))) {
      fail(`${where}.position`, "[x, y, z], three finite numbers in nm", o.position);
    }
    position = [p[0] as number, p[1] as number, p[2] as number];
  }
  if (o.side === undefined) return { supervoxel, position };
  if (o.side !== "source" && o.side !== "sink") fail(`${where}.side`, '"source" or "sink"', o.side);
  return { supervoxel, position, side: o.side };
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(where, "an object", value);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(where, "an array", value);
  return value;
}

function str(value: unknown, where: string): string {
  if (typeof value !== "string" || value.length === 0) fail(where, "a non-empty string", value);
  return value;
}

function fail(field: string, expected: string, got: unknown): never {
  throw new InvalidRequestError(
    "T7",
    field,
    `expected ${expected}, got ${JSON.stringify(got) ?? String(got)}`,
  );
}
