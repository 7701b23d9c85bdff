import type { IndexEdge } from "./Agglomeration";
import {
  InvalidRequestError,
  InvalidUndoTargetError,
  UndoConflictError,
  UnknownOperationError,
} from "./errors";
import { assertCanEdit } from "./locks";
import { type EdgePair, inverseOf, type Operation, type UndoRequest } from "./Operation";
import type { EditPlan, ProofreadingState } from "./ProofreadingState";
import { checkRequestBase } from "./requestChecks";

/**
 * The first edge of `target` for which another operation in force is now responsible, or null (U2, U4):
 * undo and redo are refused when a later operation already changed those edges (and was not undone).
 */
export function conflictOf(
  state: ProofreadingState,
  target: Operation,
  type: "undo" | "redo",
): { edge: EdgePair; laterSeq: number } | null {
  for (const edge of [...target.addedEdges, ...target.removedEdges]) {
    const key = state.agg.edgeKey(state.graph.indexOf(edge[0]), state.graph.indexOf(edge[1]));
    if (state.history.lastChangeOf(key) !== state.history.expectedOwner(target, type, key)) {
      return { edge, laterSeq: state.history.lastTouchOf(key) };
    }
  }
  return null;
}

/**
 * Plans the undo of a merge or split (U1–U3, U5): a compensating operation that removes exactly the
 * edges the target added and re-adds exactly the edges it removed. Changes nothing.
 */
export function planUndo(state: ProofreadingState, request: UndoRequest): EditPlan {
  return planReversal(state, request, "undo");
}

/** Plans the redo of an undone merge or split (U4): the target's own edge change, applied again. */
export function planRedo(state: ProofreadingState, request: UndoRequest): EditPlan {
  return planReversal(state, request, "redo");
}

function planReversal(state: ProofreadingState, request: UndoRequest, type: "undo" | "redo"): EditPlan {
  const rule = type === "undo" ? "U3" : "U4";
  checkRequestBase(state, request, rule);
  if (typeof request.target !== "string" || request.target.length === 0) {
    throw new InvalidRequestError(rule, "target", `expected the id of the merge or split to ${type}`);
  }
  const target = state.log.byId(request.target);
  if (target === undefined) throw new UnknownOperationError(rule, request.target);
  if (target.type !== "merge" && target.type !== "split") {
    throw new InvalidUndoTargetError(
      rule,
      target.id,
      `is an ${target.type}; ${type} names the merge or split itself (operation ${JSON.stringify(target.target)})`,
    );
  }
  const undone = state.history.isUndone(target.id);
  if (type === "undo" && undone)
    throw new InvalidUndoTargetError(rule, target.id, "is already undone; redo it instead");
  if (type === "redo" && !undone)
    throw new InvalidUndoTargetError(rule, target.id, "is not undone; there is nothing to redo");
  const conflict = conflictOf(state, target, type);
  if (conflict !== null) {
    const later = state.log.get(conflict.laterSeq)!;
    throw new UndoConflictError(
      type === "undo" ? "U2" : "U4",
      target.id,
      conflict.edge,
      later.id,
      later.seq,
      type,
    );
  }
  const change = type === "undo" ? inverseOf(target) : target;
  const toIndex = ([a, b]: EdgePair): IndexEdge => ({ a: state.graph.indexOf(a), b: state.graph.indexOf(b) });
  const added = change.addedEdges.map(toIndex);
  const removed = change.removedEdges.map(toIndex);
  if (request.access !== undefined) {
    const roots = new Set<bigint>();
    for (const e of [...added, ...removed]) {
      roots.add(state.agg.rootOfIndex(e.a));
      roots.add(state.agg.rootOfIndex(e.b));
    }
    assertCanEdit(request.access, [...roots], request.id);
  }
  return {
    seq: state.seq + 1,
    type,
    id: request.id,
    author: request.author,
    time: request.time,
    points: target.points,
    added,
    removed,
    target: target.id,
  };
}
