export {
  datasetOfRoom,
  InvalidRoomError,
  MessageType,
  PROTOCOL_VERSION,
  roomForDataset,
  SyncMessageType,
} from "./protocol";
