import type { EditAccess } from "./locks";

/** The four kinds of logged operation. */
export type OperationType = "merge" | "split" | "undo" | "redo";

/** A point in nm: x, y, z. */
export type Vec3 = readonly [number, number, number];

/** An edge by supervoxel ids, the smaller id first. */
export type EdgePair = readonly [bigint, bigint];

/** A clicked point of an operation: the supervoxel, where it was clicked, and for splits its side. */
export interface OperationPoint {
  readonly supervoxel: bigint;
  readonly position: Vec3 | null;
  readonly side?: "source" | "sink";
}

/**
 * One entry of the append-only operation log (SPEC.md T1), as in DESIGN.md's data model. `target` is the
 * id of the merge or split that an undo or redo reverses or re-applies.
 */
export interface Operation {
  readonly seq: number;
  readonly id: string;
  readonly type: OperationType;
  readonly author: string;
  /** Milliseconds since the epoch, as given by the caller. */
  readonly time: number;
  readonly points: readonly OperationPoint[];
  readonly addedEdges: readonly EdgePair[];
  readonly removedEdges: readonly EdgePair[];
  /** Roots retired by this operation (empty when membership did not change). */
  readonly oldRoots: readonly bigint[];
  /** Roots minted by this operation; for a split the source side first. */
  readonly newRoots: readonly bigint[];
  readonly target?: string;
}

/** A point as a client sends it. */
export interface PointInput {
  readonly supervoxel: bigint;
  /** Where the user clicked, nm. Needed for the max merge distance and the split box when the graph has no positions. */
  readonly position?: Vec3 | undefined;
  /** The root the user saw at this point; the edit is refused as stale when it is no longer current (M3, S8). */
  readonly root?: bigint | undefined;
}

interface RequestBase {
  /** Unique operation id chosen by the client (a UUID); a repeated id is refused (T2). */
  readonly id: string;
  readonly author: string;
  readonly time: number;
  /** When given, the lock and claim rules (L*) are checked against the segments the edit touches. */
  readonly access?: EditAccess | undefined;
}

export interface MergeRequest extends RequestBase {
  readonly points: readonly [PointInput, PointInput];
}

export interface SplitRequest extends RequestBase {
  readonly sources: readonly PointInput[];
  readonly sinks: readonly PointInput[];
  /** Restrict the cut to supervoxels within the seeds' bounding box grown by `padding` nm (S5). */
  readonly box?: { readonly padding: number } | undefined;
}

export interface UndoRequest extends RequestBase {
  /** Id of the merge or split to undo (or redo). */
  readonly target: string;
}

/** The edge change that reverses an operation's edge change (U1): added and removed swap. */
export function inverseOf(op: Pick<Operation, "addedEdges" | "removedEdges">): {
  addedEdges: readonly EdgePair[];
  removedEdges: readonly EdgePair[];
} {
  return { addedEdges: op.removedEdges, removedEdges: op.addedEdges };
}

/** An edge pair with the smaller id first. */
export function edgePair(a: bigint, b: bigint): EdgePair {
  return a < b ? [a, b] : [b, a];
}
