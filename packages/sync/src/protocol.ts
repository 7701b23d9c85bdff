/**
 * Protocol constants shared by the client wrapper and the server. The wire grammar is y-websocket's
 * (see ../SPEC.md, rules P*, and ../../shared/data/y-protocols-spec): every WebSocket message is a varUint
 * message type followed by its payload.
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

/** The server's URL path prefix: a dataset's socket is `<SYNC_PATH>/dataset/<id>?token=…` [P1]. */
export const SYNC_PATH = "/sync";

/** The query parameter that carries the bearer token (y-websocket's `params` option sends it) [P1]. */
export const TOKEN_PARAM = "token";

/** Largest message the server accepts, in bytes; larger ones close the socket with code 1009 [P6]. */
export const MAX_MESSAGE_BYTES = 1 << 20;

/**
 * Close codes. 4400–4499 mirror HTTP 4xx: the server refused something on purpose and the same request
 * would be refused again, so y-websocket does not reconnect on its own [P5].
 */
export const CloseCode = {
  /** A message could not be decoded (unknown type, truncated, trailing bytes, undecodable update). */
  malformed: 4400,
  /** The token is missing, invalid or expired. Sent before any document data. */
  unauthorized: 4401,
  /** A document update or an awareness state was refused by the rules (role, server-owned type, identity). */
  refused: 4403,
  /** The dataset does not exist. */
  unknownDataset: 4404,
  /** Set by `ws` itself when a message exceeds MAX_MESSAGE_BYTES. */
  messageTooBig: 1009,
  /** The server is shutting down; clients reconnect. */
  goingAway: 1001,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** First and last close code of the refusal range. */
export const REFUSAL_CLOSE_CODES = { first: 4400, last: 4499 } as const;

/**
 * True for a close that refused what this client sent: the 4400–4499 range, and 1009 (message too big,
 * chosen by `ws`), which would repeat forever if the client reconnected with the same state.
 */
export function isRefusalClose(code: number): boolean {
  return (
    (code >= REFUSAL_CLOSE_CODES.first && code <= REFUSAL_CLOSE_CODES.last) ||
    code === CloseCode.messageTooBig
  );
}

/** A WebSocket close reason holds at most 123 UTF-8 bytes. */
export const MAX_CLOSE_REASON_BYTES = 123;

/** `reason` cut to fit a WebSocket close frame, on a character boundary, with "…" when cut. */
export function closeReason(reason: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).length <= MAX_CLOSE_REASON_BYTES) return reason;
  const chars = Array.from(reason);
  let out = "";
  let bytes = 3; // the ellipsis
  for (const c of chars) {
    const n = encoder.encode(c).length;
    if (bytes + n > MAX_CLOSE_REASON_BYTES) break;
    out += c;
    bytes += n;
  }
  return `${out}…`;
}

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
