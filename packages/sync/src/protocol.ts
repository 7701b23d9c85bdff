/**
 * Protocol constants shared by the client wrapper and the server. The wire grammar is y-websocket's
 * (see ../../shared/data/y-protocols-spec): every WebSocket message is a varUint message type followed by
 * its payload.
 */
export const PROTOCOL_VERSION = 1;

/** y-websocket message types (first varUint of every message). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** y-protocols sync sub-messages (second varUint of a sync message). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

const DATASET_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class InvalidRoomError extends Error {
  override readonly name = "InvalidRoomError";
}

/** The Yjs room of a dataset: `dataset/<id>`. */
export function roomForDataset(datasetId: string): string {
  if (!DATASET_ID.test(datasetId)) {
    throw new InvalidRoomError(
      `dataset id ${JSON.stringify(datasetId)}: expected 1–64 lowercase letters, digits, '-' or '_'`,
    );
  }
  return `dataset/${datasetId}`;
}

/** The dataset id of a room name, or an error naming the room. */
export function datasetOfRoom(room: string): string {
  const m = /^dataset\/(.+)$/.exec(room);
  if (!m?.[1] || !DATASET_ID.test(m[1])) {
    throw new InvalidRoomError(`room ${JSON.stringify(room)}: expected dataset/<id>`);
  }
  return m[1];
}
