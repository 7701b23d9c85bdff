/**
 * The shared Yjs document of a dataset (room `dataset/<id>`), see ../SPEC.md rules Y*. Three top-level types,
 * no others: `ops` (server-owned log of recent operation summaries), `neurons` and `annotations` (records
 * keyed by id). Every value is a plain JSON record, replaced whole on each change: there are no nested
 * shared types, so a change is always "key k of type t now holds record r" — easy to validate, and
 * concurrent edits of one record resolve last-writer-wins per record [Y5].
 */
import type * as Y from "yjs";

export const TopLevel = {
  ops: "ops",
  neurons: "neurons",
  annotations: "annotations",
} as const;
export type TopLevel = (typeof TopLevel)[keyof typeof TopLevel];

/** The only top-level names a dataset document may hold [Y1]. */
export const TOP_LEVEL_NAMES: readonly TopLevel[] = [TopLevel.ops, TopLevel.neurons, TopLevel.annotations];

/** How many op summaries the server keeps in `ops`; older ones are deleted as new ones arrive [Y2]. */
export const MAX_RETAINED_OPS = 1000;

export type Role = "admin" | "reviewer" | "annotator" | "viewer";
export const ROLES: readonly Role[] = ["admin", "reviewer", "annotator", "viewer"];

/** The writer of a change, as the server knows it after authentication. */
export interface SyncUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

export type Vec3 = [number, number, number];

/** Where a record is bound: a supervoxel (uint64 as a decimal string) and a position in nanometres [Y4]. */
export interface Anchor {
  supervoxel: string;
  position: Vec3;
}

export type OpType = "merge" | "split" | "undo" | "redo";
export const OP_TYPES: readonly OpType[] = ["merge", "split", "undo", "redo"];

/**
 * One operation as clients need it to update their supervoxel→segment mapping [Y3]. Membership is
 * compact: the supervoxels of `oldRoots` are exactly those of `newRoots`; `members[i]` lists the
 * supervoxels of `newRoots[i]` for every new root but the last, and the last new root takes all the
 * rest. A merge therefore carries no supervoxel ids at all (`members: []`), and a split lists only the
 * smaller piece(s) when the server puts the largest piece last.
 */
export interface OpSummary {
  seq: number;
  id: string;
  type: OpType;
  author: string;
  /** Milliseconds since the Unix epoch. */
  time: number;
  oldRoots: string[];
  newRoots: string[];
  members: string[][];
}

export type NeuronStatus = "draft" | "complete" | "approved" | "rejected";
export const NEURON_STATUSES: readonly NeuronStatus[] = ["draft", "complete", "approved", "rejected"];
/** Statuses only reviewers and admins set or leave [V8]. */
export const REVIEW_STATUSES: readonly NeuronStatus[] = ["approved", "rejected"];

export interface NeuronRecord {
  status: NeuronStatus;
  cellType: string;
  notes: string;
  /** User id of the reviewer who approved or rejected it, or null. */
  reviewer: string | null;
  anchor: Anchor;
  /** User id of the proofreader working on it, shown to everyone. */
  claimedBy?: string;
  /** Set (by the server after a split, or by anyone) when a reviewer should look at it. */
  flaggedForReview?: boolean;
  updatedBy: string;
  /** Milliseconds since the Unix epoch. */
  updatedAt: number;
}

export type AnnotationKind = "point" | "note" | "cellType";
export const ANNOTATION_KINDS: readonly AnnotationKind[] = ["point", "note", "cellType"];

export interface Annotation {
  kind: AnnotationKind;
  author: string;
  anchor: Anchor;
  /** The note, or the cell-type label for kind `cellType`; may be empty for a point. */
  text: string;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
}

/** Record values as Yjs stores them: plain JSON. */
export type RecordValue = NeuronRecord | Annotation | OpSummary;

/** The typed top-level types of a dataset document; creates them on first use (no update is emitted). */
export function datasetTypes(doc: Y.Doc): {
  ops: Y.Array<OpSummary>;
  neurons: Y.Map<NeuronRecord>;
  annotations: Y.Map<Annotation>;
} {
  return {
    ops: doc.getArray<OpSummary>(TopLevel.ops),
    neurons: doc.getMap<NeuronRecord>(TopLevel.neurons),
    annotations: doc.getMap<Annotation>(TopLevel.annotations),
  };
}
