/**
 * Every refusal of the proofreading engine is one of these classes. Each carries a stable `code` (for the
 * server's responses and the viewer's messages), the SPEC.md `rule` it enforces, and a message that names
 * the offending id and what was expected. A refused operation leaves the state unchanged.
 */
export abstract class CoreError extends Error {
  abstract readonly code: string;
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** Formats an edge for messages as `a–b`. */
export function edgeLabel(a: bigint, b: bigint): string {
  return `${a}–${b}`;
}

// ---------------------------------------------------------------- graph and ids

/** The supervoxel graph input is malformed (G* rules). `where` names the array and index. */
export class InvalidGraphError extends CoreError {
  override readonly name = "InvalidGraphError";
  readonly code = "graph.invalid";
  constructor(
    rule: string,
    readonly where: string,
    expected: string,
  ) {
    super(rule, `supervoxel graph, ${where}: ${expected}`);
  }
}

/** A supervoxel id that the dataset does not have. */
export class UnknownSupervoxelError extends CoreError {
  override readonly name = "UnknownSupervoxelError";
  readonly code = "supervoxel.unknown";
  constructor(
    readonly supervoxel: bigint,
    readonly field: string,
  ) {
    super("A5", `${field}: supervoxel ${supervoxel} is not in this dataset`);
  }
}

/** A root id that was never minted in this dataset. */
export class UnknownRootError extends CoreError {
  override readonly name = "UnknownRootError";
  readonly code = "root.unknown";
  constructor(readonly root: bigint) {
    super("A3", `root ${root} was never a segment of this dataset`);
  }
}

/** A root id that an edit retired; asked for as if it were alive. */
export class RetiredRootError extends CoreError {
  override readonly name = "RetiredRootError";
  readonly code = "root.retired";
  constructor(
    readonly root: bigint,
    readonly retiredBy: number,
    readonly descendants: readonly bigint[],
  ) {
    super(
      "A4",
      `root ${root} was retired by operation #${retiredBy}; its supervoxels are now in ${rootList(descendants)}`,
    );
  }
}

/** The user's view is out of date: a root they saw is no longer the segment of the supervoxel they clicked. */
export class StaleRootError extends CoreError {
  override readonly name = "StaleRootError";
  readonly code = "root.stale";
  constructor(
    rule: string,
    readonly seen: bigint,
    readonly current: bigint,
    readonly supervoxel: bigint,
  ) {
    super(
      rule,
      `root ${seen} is out of date: supervoxel ${supervoxel} now belongs to root ${current}; reload the segment and try again`,
    );
  }
}

/** A request field is missing or malformed (an empty id, a time that is not a number, a bad position…). */
export class InvalidRequestError extends CoreError {
  override readonly name = "InvalidRequestError";
  readonly code = "request.invalid";
  constructor(
    rule: string,
    readonly field: string,
    expected: string,
  ) {
    super(rule, `${field}: ${expected}`);
  }
}

// ---------------------------------------------------------------- merge

export class SameSegmentError extends CoreError {
  override readonly name = "SameSegmentError";
  readonly code = "merge.same-segment";
  constructor(
    readonly a: bigint,
    readonly b: bigint,
    readonly root: bigint,
  ) {
    super("M2", `supervoxels ${a} and ${b} are already in one segment (root ${root}); nothing to merge`);
  }
}

export class MergeTooFarError extends CoreError {
  override readonly name = "MergeTooFarError";
  readonly code = "merge.too-far";
  constructor(
    readonly a: bigint,
    readonly b: bigint,
    readonly distance: number,
    readonly maxDistance: number,
  ) {
    super(
      "M5",
      `the merge points on supervoxels ${a} and ${b} are ${distance.toFixed(1)} nm apart; ` +
        `this dataset allows at most ${maxDistance} nm — click two points closer together`,
    );
  }
}

/** A rule needs a position (max merge distance, split box) that neither the request nor the graph has. */
export class MissingPositionError extends CoreError {
  override readonly name = "MissingPositionError";
  readonly code = "position.missing";
  constructor(
    rule: string,
    readonly supervoxel: bigint,
    why: string,
  ) {
    super(rule, `supervoxel ${supervoxel} has no position, which ${why}`);
  }
}

// ---------------------------------------------------------------- split

export class EmptySeedsError extends CoreError {
  override readonly name = "EmptySeedsError";
  readonly code = "split.empty-seeds";
  constructor(readonly side: "sources" | "sinks") {
    super("S2", `a split needs at least one source and one sink; ${side} is empty`);
  }
}

export class SourceIsSinkError extends CoreError {
  override readonly name = "SourceIsSinkError";
  readonly code = "split.source-is-sink";
  constructor(readonly supervoxel: bigint) {
    super("S2", `supervoxel ${supervoxel} is both a source and a sink; pick it on one side only`);
  }
}

export class SeedsInDifferentSegmentsError extends CoreError {
  override readonly name = "SeedsInDifferentSegmentsError";
  readonly code = "split.seeds-in-different-segments";
  constructor(
    readonly supervoxel: bigint,
    readonly root: bigint,
    readonly expectedRoot: bigint,
  ) {
    super(
      "S2",
      `split seed ${supervoxel} is in segment ${root}, but the other seeds are in segment ${expectedRoot}; ` +
        "all seeds of a split must be in one segment",
    );
  }
}

export class SeedsAlreadyApartError extends CoreError {
  override readonly name = "SeedsAlreadyApartError";
  readonly code = "split.already-apart";
  constructor(
    readonly sourceRoot: bigint,
    readonly sinkRoot: bigint,
  ) {
    super(
      "S3",
      `the sources are in segment ${sourceRoot} and the sinks in segment ${sinkRoot}: they are already apart`,
    );
  }
}

export class CutLeavesSeedsConnectedError extends CoreError {
  override readonly name = "CutLeavesSeedsConnectedError";
  readonly code = "split.still-connected";
  constructor(
    readonly source: bigint,
    readonly sink: bigint,
    hint: string,
  ) {
    super("S6", `the cut would leave source ${source} connected to sink ${sink}; ${hint}`);
  }
}

export class SeedsCannotStayTogetherError extends CoreError {
  override readonly name = "SeedsCannotStayTogetherError";
  readonly code = "split.seeds-cannot-stay-together";
  constructor(
    readonly side: "sources" | "sinks",
    readonly a: bigint,
    readonly b: bigint,
    hint: string,
  ) {
    super("S4", `${side} ${a} and ${b} cannot be kept together: ${hint}`);
  }
}

export class SplitIsolatesSupervoxelError extends CoreError {
  override readonly name = "SplitIsolatesSupervoxelError";
  readonly code = "split.isolates-seed";
  constructor(
    readonly supervoxel: bigint,
    readonly side: "sources" | "sinks",
  ) {
    super(
      "S7",
      `the cheapest cut only isolates the clicked supervoxel ${supervoxel} (${side} side); ` +
        "place the seed deeper inside the piece, or add more seeds",
    );
  }
}

// ---------------------------------------------------------------- undo / redo and the log

export class UnknownOperationError extends CoreError {
  override readonly name = "UnknownOperationError";
  readonly code = "operation.unknown";
  constructor(
    rule: string,
    readonly operationId: string,
  ) {
    super(rule, `operation ${JSON.stringify(operationId)} is not in the log`);
  }
}

export class DuplicateOperationError extends CoreError {
  override readonly name = "DuplicateOperationError";
  readonly code = "operation.duplicate";
  constructor(
    readonly operationId: string,
    readonly existingSeq: number,
  ) {
    super(
      "T2",
      `operation id ${JSON.stringify(operationId)} is already operation #${existingSeq} of the log`,
    );
  }
}

/** Undo of something that is not undoable now, redo of something that is not undone… */
export class InvalidUndoTargetError extends CoreError {
  override readonly name = "InvalidUndoTargetError";
  readonly code = "undo.invalid-target";
  constructor(
    rule: string,
    readonly operationId: string,
    expected: string,
  ) {
    super(rule, `operation ${JSON.stringify(operationId)}: ${expected}`);
  }
}

export class UndoConflictError extends CoreError {
  override readonly name = "UndoConflictError";
  readonly code = "undo.conflict";
  constructor(
    rule: string,
    readonly operationId: string,
    readonly edge: readonly [bigint, bigint],
    readonly laterOperationId: string,
    readonly laterSeq: number,
    verb: string,
  ) {
    super(
      rule,
      `cannot ${verb} operation ${JSON.stringify(operationId)}: edge ${edgeLabel(edge[0], edge[1])} was changed ` +
        `later by operation ${JSON.stringify(laterOperationId)} (#${laterSeq}); undo that one first`,
    );
  }
}

export class SequenceError extends CoreError {
  override readonly name = "SequenceError";
  readonly code = "log.sequence";
  constructor(
    readonly expected: number,
    readonly got: number,
    readonly operationId: string,
  ) {
    super(
      "T1",
      `operation ${JSON.stringify(operationId)} has sequence number ${got}; the log expects ${expected} next`,
    );
  }
}

export class ReplayMismatchError extends CoreError {
  override readonly name = "ReplayMismatchError";
  readonly code = "log.replay-mismatch";
  constructor(
    readonly seq: number,
    readonly operationId: string,
    what: string,
  ) {
    super("T3", `operation #${seq} (${JSON.stringify(operationId)}) does not fit the state: ${what}`);
  }
}

export class InvalidSequenceNumberError extends CoreError {
  override readonly name = "InvalidSequenceNumberError";
  readonly code = "log.invalid-seq";
  constructor(
    readonly seq: number,
    readonly last: number,
  ) {
    super("T5", `sequence number ${seq} is not in the log: expected an integer from 0 to ${last}`);
  }
}

// ---------------------------------------------------------------- locks and claims

export class EditNotAllowedError extends CoreError {
  override readonly name = "EditNotAllowedError";
  readonly code = "access.role";
  constructor(
    readonly user: string,
    readonly role: string,
  ) {
    super("L1", `user ${JSON.stringify(user)} has role ${role}, which may not edit segments`);
  }
}

export class SegmentLockedError extends CoreError {
  override readonly name = "SegmentLockedError";
  readonly code = "access.locked";
  constructor(
    readonly root: bigint,
    readonly holder: string,
    readonly operationId: string,
  ) {
    super(
      "L2",
      `segment ${root} is being edited by ${JSON.stringify(holder)} (operation ${JSON.stringify(operationId)}); ` +
        "try again when it finishes",
    );
  }
}

export class SegmentClaimedError extends CoreError {
  override readonly name = "SegmentClaimedError";
  readonly code = "access.claimed";
  constructor(
    readonly root: bigint,
    readonly claimant: string,
    readonly expiresAt: number,
  ) {
    super(
      "L3",
      `segment ${root} is claimed by ${JSON.stringify(claimant)} until ${new Date(expiresAt).toISOString()}; ` +
        "ask them, or wait until the claim expires",
    );
  }
}

function rootList(roots: readonly bigint[]): string {
  if (roots.length === 0) return "no segment";
  if (roots.length <= 5) return `root${roots.length > 1 ? "s" : ""} ${roots.join(", ")}`;
  return `roots ${roots.slice(0, 5).join(", ")} and ${roots.length - 5} more`;
}
