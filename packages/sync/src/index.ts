export { deleteAnnotation, readAnnotation, readAnnotations, upsertAnnotation } from "./annotations";
export { checkAnnotationWrite, checkNeuronWrite, type Writer } from "./checkRecordWrite";
export {
  type ConnectDatasetOptions,
  type ConnectionStatus,
  connectDataset,
  type DatasetConnection,
  type Refusal,
  type WebSocketConstructor,
} from "./connectDataset";
export {
  claimNeuron,
  type NeuronFields,
  readNeuron,
  readNeurons,
  releaseNeuron,
  setNeuronStatus,
  upsertNeuron,
} from "./neurons";
export { appendOps, OpsAppendError, observeOps, readOps } from "./ops";
export {
  isPlainObject,
  isValidId,
  MAX_CELL_TYPE_LENGTH,
  MAX_ID_LENGTH,
  MAX_TEXT_LENGTH,
  type Parsed,
  parseAnchor,
  parseAnnotation,
  parseNeuronRecord,
  parseOpSummary,
  parseVec3,
} from "./parseRecord";
export {
  type ClientPresence,
  type Cursor,
  MAX_SELECTION,
  MAX_TOOL_LENGTH,
  type Presence,
  type PresenceUser,
  parseClientPresence,
  readPeers,
} from "./presence";
export {
  CloseCode,
  closeReason,
  datasetOfRoom,
  InvalidRoomError,
  isRefusalClose,
  MAX_CLOSE_REASON_BYTES,
  MAX_MESSAGE_BYTES,
  MessageType,
  PROTOCOL_VERSION,
  REFUSAL_CLOSE_CODES,
  roomForDataset,
  SYNC_PATH,
  SyncMessageType,
  TOKEN_PARAM,
} from "./protocol";
export {
  type Anchor,
  ANNOTATION_KINDS,
  type Annotation,
  type AnnotationKind,
  datasetTypes,
  MAX_RETAINED_OPS,
  NEURON_STATUSES,
  type NeuronRecord,
  type NeuronStatus,
  OP_TYPES,
  type OpSummary,
  type OpType,
  REVIEW_STATUSES,
  ROLES,
  type Role,
  type SyncUser,
  TOP_LEVEL_NAMES,
  TopLevel,
  type Vec3,
} from "./schema";
export { type MappingChange, OpsGapError, SegmentMapping } from "./SegmentMapping";
export { UpdateGate } from "./UpdateGate";
export { cloneDoc, type ValidateOptions, type Verdict, validateUpdate } from "./validateUpdate";
export { WriteRefusedError } from "./WriteRefusedError";
export {
  decodeMembership,
  encodeMembership,
  MEMBERSHIP_MAGIC,
  MEMBERSHIP_VERSION,
  type Membership,
  MembershipFormatError,
} from "./membership";
