/**
 * The storage interface of the server. One contract suite (storeContract.ts) runs against every
 * implementation (SQLite today). All methods are async so that a networked database fits the same shape.
 */
export type Role = "admin" | "reviewer" | "annotator" | "viewer";
export const ROLES: readonly Role[] = ["admin", "reviewer", "annotator", "viewer"];

export interface UserRecord {
  id: string;
  name: string;
  role: Role;
  colour: string;
  passwordHash: string;
  createdAt: string;
}

export interface DatasetRecord {
  id: string;
  name: string;
  /** Absolute path of the dataset directory (with its danio.json). */
  dir: string;
  createdAt: string;
}

/** One entry of a dataset's append-only operation log. `body` is the operation as JSON (owned by core). */
export interface OperationRecord {
  datasetId: string;
  seq: number;
  id: string;
  body: string;
}

export interface StoredUpdate {
  /** Position in the room's update log; compaction keeps ids increasing. */
  id: number;
  update: Uint8Array;
}

/** Thrown for conflicts the caller must handle: a duplicate id or name, a sequence number already taken. */
export class StoreConflictError extends Error {
  override readonly name = "StoreConflictError";
}

/** Thrown when a referenced user, dataset or record does not exist. */
export class StoreNotFoundError extends Error {
  override readonly name = "StoreNotFoundError";
}

export interface Store {
  /** Applies pending schema migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** A persistent setting (for example the token-signing secret); undefined when absent. */
  getSetting(key: string): Promise<string | undefined>;
  /** Sets the value only if the key is absent; returns the value now stored. */
  initSetting(key: string, value: string): Promise<string>;

  createUser(user: Omit<UserRecord, "createdAt">): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByName(name: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  setUserRole(id: string, role: Role): Promise<UserRecord>;

  registerDataset(dataset: Omit<DatasetRecord, "createdAt">): Promise<DatasetRecord>;
  getDataset(id: string): Promise<DatasetRecord | undefined>;
  listDatasets(): Promise<DatasetRecord[]>;

  /**
   * Appends an operation with sequence number `seq`, which must be exactly one more than the last one of
   * the dataset (sequence numbers have no gaps), in one durable transaction. Refuses a duplicate operation
   * id or a taken sequence number with StoreConflictError; nothing is written then.
   */
  appendOperation(op: OperationRecord): Promise<void>;
  /** Operations with seq > afterSeq, in order, at most `limit`. */
  listOperations(datasetId: string, afterSeq: number, limit: number): Promise<OperationRecord[]>;
  getOperation(datasetId: string, id: string): Promise<OperationRecord | undefined>;
  lastSeq(datasetId: string): Promise<number>;

  /** Appends one Yjs update to a room's log. */
  appendUpdate(room: string, update: Uint8Array): Promise<void>;
  loadUpdates(room: string): Promise<StoredUpdate[]>;
  /** Replaces the updates with id ≤ upToId by one snapshot update, in one transaction. */
  compactUpdates(room: string, snapshot: Uint8Array, upToId: number): Promise<void>;
}
