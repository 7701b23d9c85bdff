export type { IndexEdge, MembershipGroup } from "./Agglomeration";
export {
  CoreError,
  CutLeavesSeedsConnectedError,
  DuplicateOperationError,
  EditNotAllowedError,
  EmptySeedsError,
  InvalidGraphError,
  InvalidRequestError,
  InvalidSequenceNumberError,
  InvalidUndoTargetError,
  MergeTooFarError,
  MissingPositionError,
  ReplayMismatchError,
  RetiredRootError,
  SameSegmentError,
  SeedsAlreadyApartError,
  SeedsCannotStayTogetherError,
  SeedsInDifferentSegmentsError,
  SegmentClaimedError,
  SegmentLockedError,
  SequenceError,
  SourceIsSinkError,
  SplitIsolatesSupervoxelError,
  StaleRootError,
  UndoConflictError,
  UnknownOperationError,
  UnknownRootError,
  UnknownSupervoxelError,
} from "./errors";
export { formatId, InvalidIdError, MAX_UINT64, parseId } from "./ids";
export type { RootLineage } from "./Lineage";
export {
  acquireLocks,
  assertCanEdit,
  claimSegment,
  claimsByRoot,
  type EditAccess,
  editRefusal,
  releaseClaim,
  releaseLocks,
  type Role,
  type SegmentClaim,
  type SegmentLock,
} from "./locks";
export {
  CAPACITY_SCALE,
  capacityOf,
  createFlowNetwork,
  type FlowNetwork,
  maxFlow,
  sourceSide,
  UNCUTTABLE,
} from "./minCut";
export {
  type EdgePair,
  edgePair,
  inverseOf,
  type MergeRequest,
  type Operation,
  type OperationPoint,
  type OperationType,
  type PointInput,
  type SplitRequest,
  type UndoRequest,
  type Vec3,
} from "./Operation";
export { type OperationJson, operationFromJson, operationToJson } from "./operationJson";
export { OperationLog } from "./OperationLog";
export { planMerge } from "./planMerge";
export { planSplit, previewSplit, type SplitPreview } from "./planSplit";
export { planRedo, planUndo } from "./planUndo";
export {
  createProofreadingState,
  type EditPlan,
  type ProofreadingOptions,
  ProofreadingState,
  replayOperations,
  type SegmentQueries,
} from "./ProofreadingState";
export { DEFAULT_ROOT_ID_BASE } from "./rootIds";
export {
  createSupervoxelGraph,
  createSupervoxelGraphFromIndices,
  SupervoxelGraph,
  type SupervoxelGraphIndexInput,
  type SupervoxelGraphInput,
} from "./SupervoxelGraph";
export {
  type MaterializeInput,
  MaterializeInputError,
  type Materialized,
  materialize,
  rootIdsOf,
} from "./materialize";
export {
  checkMaterializeInput,
  chunkRange,
  classThresholds,
  concatEdges,
  countChunk,
  MAX_MATERIALIZE_PARTS,
  MAX_PARTS_SYNAPSES,
  materializeInParts,
  type PartsContext,
  type PartsLayout,
  planRegions,
  prefixParts,
  scatterChunk,
  sortRegion,
} from "./materializeParts";
export { neuronTable } from "./neuronTable";
