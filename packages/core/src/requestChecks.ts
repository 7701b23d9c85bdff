import { DuplicateOperationError, InvalidRequestError, StaleRootError } from "./errors";
import type { OperationPoint, PointInput, Vec3 } from "./Operation";
import type { ProofreadingState } from "./ProofreadingState";

/** Checks id, author and time of a request, and that the id is new (T2). */
export function checkRequestBase(
  state: ProofreadingState,
  request: { id: unknown; author: unknown; time: unknown },
  rule: string,
): void {
  if (typeof request.id !== "string" || request.id.length === 0 || request.id.length > 200) {
    throw new InvalidRequestError(
      rule,
      "id",
      `expected a non-empty operation id of at most 200 characters, got ${JSON.stringify(request.id)}`,
    );
  }
  if (typeof request.author !== "string" || request.author.length === 0) {
    throw new InvalidRequestError(
      rule,
      "author",
      `expected a non-empty user id, got ${JSON.stringify(request.author)}`,
    );
  }
  if (typeof request.time !== "number" || !Number.isFinite(request.time)) {
    throw new InvalidRequestError(
      rule,
      "time",
      `expected milliseconds since the epoch, got ${String(request.time)}`,
    );
  }
  const existing = state.log.seqOf(request.id);
  if (existing > 0) throw new DuplicateOperationError(request.id, existing);
}

/** Dense index of a point's supervoxel; UnknownSupervoxelError names `field`. Also checks the position. */
export function pointIndex(state: ProofreadingState, point: PointInput, field: string, rule: string): number {
  if (typeof point !== "object" || point === null || typeof point.supervoxel !== "bigint") {
    throw new InvalidRequestError(rule, `${field}.supervoxel`, "expected a supervoxel id (bigint)");
  }
  if (point.position !== undefined) checkVec3(point.position, `${field}.position`, rule);
  return state.graph.requireIndex(point.supervoxel, `${field}.supervoxel`);
}

/** Refuses with StaleRootError when the point names a root the user saw that is no longer current. */
export function checkSeenRoot(
  state: ProofreadingState,
  point: PointInput,
  index: number,
  rule: string,
): void {
  if (point.root === undefined) return;
  const current = state.agg.rootOfIndex(index);
  if (point.root !== current) throw new StaleRootError(rule, point.root, current, point.supervoxel);
}

/** The point's click position, else the supervoxel's representative position, else null. */
export function positionOf(state: ProofreadingState, point: PointInput, index: number): Vec3 | null {
  if (point.position !== undefined) return point.position;
  const p = state.graph.positions;
  if (p === null) return null;
  return [p[3 * index]!, p[3 * index + 1]!, p[3 * index + 2]!];
}

/** The point as logged. */
export function toOperationPoint(point: PointInput, side?: "source" | "sink"): OperationPoint {
  const position: Vec3 | null =
    point.position === undefined ? null : [point.position[0], point.position[1], point.position[2]];
  return side === undefined
    ? { supervoxel: point.supervoxel, position }
    : { supervoxel: point.supervoxel, position, side };
}

function checkVec3(v: unknown, field: string, rule: string): void {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new InvalidRequestError(rule, field, "expected [x, y, z] in nm, three finite numbers");
  }
}
