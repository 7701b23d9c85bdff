import { InvalidRequestError, MergeTooFarError, MissingPositionError, SameSegmentError } from "./errors";
import { assertCanEdit } from "./locks";
import type { MergeRequest } from "./Operation";
import type { EditPlan, ProofreadingState } from "./ProofreadingState";
import { checkRequestBase, checkSeenRoot, pointIndex, positionOf, toOperationPoint } from "./requestChecks";

/**
 * Validates a merge and returns its plan without changing anything (SPEC.md M1–M6). The plan adds one
 * edge between the two clicked supervoxels: their graph edge when they are adjacent, else an extra edge.
 */
export function planMerge(state: ProofreadingState, request: MergeRequest): EditPlan {
  checkRequestBase(state, request, "M1");
  if (!Array.isArray(request.points) || request.points.length !== 2) {
    throw new InvalidRequestError("M1", "points", "a merge takes exactly two points");
  }
  const [pa, pb] = request.points;
  const a = pointIndex(state, pa, "points[0]", "M1");
  const b = pointIndex(state, pb, "points[1]", "M1");
  checkSeenRoot(state, pa, a, "M3");
  checkSeenRoot(state, pb, b, "M3");
  const ra = state.agg.rootOfIndex(a);
  const rb = state.agg.rootOfIndex(b);
  if (ra === rb) throw new SameSegmentError(pa.supervoxel, pb.supervoxel, ra);
  if (request.access !== undefined) assertCanEdit(request.access, [ra, rb], request.id);
  const max = state.options.maxMergeDistance;
  if (max !== undefined) {
    const xa = positionOf(state, pa, a);
    const xb = positionOf(state, pb, b);
    if (xa === null) throw new MissingPositionError("M5", pa.supervoxel, "the maximum merge distance needs");
    if (xb === null) throw new MissingPositionError("M5", pb.supervoxel, "the maximum merge distance needs");
    const d = Math.hypot(xa[0] - xb[0], xa[1] - xb[1], xa[2] - xb[2]);
    if (d > max) throw new MergeTooFarError(pa.supervoxel, pb.supervoxel, d, max);
  }
  return {
    seq: state.seq + 1,
    type: "merge",
    id: request.id,
    author: request.author,
    time: request.time,
    points: [toOperationPoint(pa), toOperationPoint(pb)],
    added: [{ a, b }],
    removed: [],
  };
}
