/**
 * Strict parsers for the JSON records of the dataset document (rules Y3, Y4). They never throw: a value
 * either parses into a fresh record or yields a reason naming the offending field. Unknown fields are
 * refused, so a record cannot smuggle data the schema does not describe.
 */
import { parseId } from "@danio/core";
import {
  ANNOTATION_KINDS,
  type Anchor,
  type Annotation,
  type AnnotationKind,
  NEURON_STATUSES,
  type NeuronRecord,
  type NeuronStatus,
  OP_TYPES,
  type OpSummary,
  type OpType,
  type Vec3,
} from "./schema";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Longest id (record key, user id, op id) in characters. */
export const MAX_ID_LENGTH = 128;
/** Longest free text (notes, annotation text) in characters. */
export const MAX_TEXT_LENGTH = 10_000;
/** Longest cell-type label in characters. */
export const MAX_CELL_TYPE_LENGTH = 200;

class FieldError extends Error {}

const fail = (field: string, expected: string, got: unknown): never => {
  throw new FieldError(`${field}: expected ${expected}, got ${describe(got)}`);
};

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : String(value);
}

/** A plain JSON object (prototype Object.prototype or null), not an array, a class instance or a Y type. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function object(
  value: unknown,
  field: string,
  required: readonly string[],
  optional: readonly string[] = [],
) {
  if (!isPlainObject(value)) return fail(field, "a JSON object", value);
  for (const key of required) if (!(key in value)) fail(`${field}.${key}`, "a value", undefined);
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw new FieldError(`${field}: unknown field ${JSON.stringify(key)}`);
    }
  }
  return value;
}

export function isValidId(value: unknown): value is string {
  return (
    typeof value === "string" && value.length > 0 && value.length <= MAX_ID_LENGTH && !/\p{Cc}/u.test(value)
  );
}

function id(value: unknown, field: string): string {
  if (!isValidId(value)) fail(field, `an id of 1–${MAX_ID_LENGTH} printable characters`, value);
  return value as string;
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== "string" || value.length > max)
    fail(field, `a string of at most ${max} characters`, value);
  return value as string;
}

function time(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    fail(field, "a time in milliseconds since the epoch", value);
  }
  return value as number;
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    fail(field, `one of ${allowed.join("|")}`, value);
  }
  return value as T;
}

function supervoxel(value: unknown, field: string): string {
  if (typeof value !== "string") return fail(field, "a uint64 id as a decimal string", value);
  try {
    parseId(value, field);
  } catch {
    fail(field, "a uint64 id as a decimal string", value);
  }
  return value;
}

function idList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) return fail(field, "an array of decimal ids", value);
  return value.map((v, i) => supervoxel(v, `${field}[${i}]`));
}

function vec3(value: unknown, field: string): Vec3 {
  if (!Array.isArray(value) || value.length !== 3) return fail(field, "[x, y, z]", value);
  const out = value.map((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) fail(`${field}[${i}]`, "a finite number", v);
    return v as number;
  });
  return [out[0]!, out[1]!, out[2]!];
}

function anchor(value: unknown, field: string): Anchor {
  const o = object(value, field, ["supervoxel", "position"]);
  return {
    supervoxel: supervoxel(o.supervoxel, `${field}.supervoxel`),
    position: vec3(o.position, `${field}.position`),
  };
}

function attempt<T>(build: () => T): Parsed<T> {
  try {
    return { ok: true, value: build() };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Parses an anchor `{supervoxel, position}` [Y4]. */
export function parseAnchor(value: unknown, field = "anchor"): Parsed<Anchor> {
  return attempt(() => anchor(value, field));
}

/** Parses a 3D position `[x, y, z]` of finite numbers. */
export function parseVec3(value: unknown, field = "position"): Parsed<Vec3> {
  return attempt(() => vec3(value, field));
}

/** Parses a neuron record [Y4]. `field` prefixes the reason, e.g. `neurons["12"]`. */
export function parseNeuronRecord(value: unknown, field = "neuron"): Parsed<NeuronRecord> {
  return attempt(() => {
    const o = object(
      value,
      field,
      ["status", "cellType", "notes", "reviewer", "anchor", "updatedBy", "updatedAt"],
      ["claimedBy", "flaggedForReview"],
    );
    const record: NeuronRecord = {
      status: oneOf<NeuronStatus>(o.status, `${field}.status`, NEURON_STATUSES),
      cellType: text(o.cellType, `${field}.cellType`, MAX_CELL_TYPE_LENGTH),
      notes: text(o.notes, `${field}.notes`, MAX_TEXT_LENGTH),
      reviewer: o.reviewer === null ? null : id(o.reviewer, `${field}.reviewer`),
      anchor: anchor(o.anchor, `${field}.anchor`),
      updatedBy: id(o.updatedBy, `${field}.updatedBy`),
      updatedAt: time(o.updatedAt, `${field}.updatedAt`),
    };
    if (o.claimedBy !== undefined) record.claimedBy = id(o.claimedBy, `${field}.claimedBy`);
    if (o.flaggedForReview !== undefined) {
      if (typeof o.flaggedForReview !== "boolean")
        fail(`${field}.flaggedForReview`, "a boolean", o.flaggedForReview);
      record.flaggedForReview = o.flaggedForReview as boolean;
    }
    return record;
  });
}

/** Parses an annotation [Y4]. */
export function parseAnnotation(value: unknown, field = "annotation"): Parsed<Annotation> {
  return attempt(() => {
    const o = object(value, field, ["kind", "author", "anchor", "text", "createdAt"]);
    return {
      kind: oneOf<AnnotationKind>(o.kind, `${field}.kind`, ANNOTATION_KINDS),
      author: id(o.author, `${field}.author`),
      anchor: anchor(o.anchor, `${field}.anchor`),
      text: text(o.text, `${field}.text`, MAX_TEXT_LENGTH),
      createdAt: time(o.createdAt, `${field}.createdAt`),
    };
  });
}

/** Parses an operation summary, including the membership invariant `members.length = newRoots.length − 1` [Y3]. */
export function parseOpSummary(value: unknown, field = "op"): Parsed<OpSummary> {
  return attempt(() => {
    const o = object(value, field, [
      "seq",
      "id",
      "type",
      "author",
      "time",
      "oldRoots",
      "newRoots",
      "members",
    ]);
    if (typeof o.seq !== "number" || !Number.isSafeInteger(o.seq) || o.seq < 0) {
      fail(`${field}.seq`, "a non-negative integer", o.seq);
    }
    const newRoots = idList(o.newRoots, `${field}.newRoots`);
    if (!Array.isArray(o.members)) fail(`${field}.members`, "an array of supervoxel id lists", o.members);
    const members = (o.members as unknown[]).map((m, i) => idList(m, `${field}.members[${i}]`));
    if (newRoots.length > 0 && members.length !== newRoots.length - 1) {
      throw new FieldError(
        `${field}.members: expected ${newRoots.length - 1} list(s), one per new root but the last, got ${members.length}`,
      );
    }
    if (newRoots.length === 0 && members.length !== 0) {
      throw new FieldError(`${field}.members: expected no lists when there are no new roots`);
    }
    return {
      seq: o.seq as number,
      id: id(o.id, `${field}.id`),
      type: oneOf<OpType>(o.type, `${field}.type`, OP_TYPES),
      author: id(o.author, `${field}.author`),
      time: time(o.time, `${field}.time`),
      oldRoots: idList(o.oldRoots, `${field}.oldRoots`),
      newRoots,
      members,
    };
  });
}
