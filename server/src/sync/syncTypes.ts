/**
 * The interfaces the sync server is given (STYLE 5: storage and auth are injected, never module-global).
 * The store and the auth module implement them; MemorySyncPersistence is the in-memory version for tests,
 * and describeSyncPersistenceContract is the suite every implementation must pass.
 */
import type { Role } from "@danio/sync";

/** Who a token belongs to. `colour` is the presence colour stamped onto the user's awareness state. */
export interface SyncIdentity {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly colour: string;
}

/** Resolves a bearer token; undefined for a missing, invalid or expired token. May reject on a server error. */
export type Authenticate = (token: string) => Promise<SyncIdentity | undefined>;

/**
 * Where the Yjs document of each room lives: a list of updates, appended one per accepted change, and
 * periodically compacted into one snapshot. Never a full rewrite per change.
 */
export interface SyncPersistence {
  /** Every stored update of `room`, oldest first (after a compaction the first is the snapshot). */
  loadUpdates(room: string): Promise<Uint8Array[]>;
  /** Appends one update to `room`. Resolves once stored. */
  appendUpdate(room: string, update: Uint8Array): Promise<void>;
  /**
   * Replaces the first `upToCount` stored updates of `room` by `snapshot` (which contains them), keeping
   * any stored after them. Rejects, storing nothing, when fewer than `upToCount` are stored.
   */
  replaceWithSnapshot(room: string, snapshot: Uint8Array, upToCount: number): Promise<void>;
}

export interface SyncLogEntry {
  readonly level: "info" | "warn" | "error";
  /** A stable event name: `connected`, `disconnected`, `refused`, `unauthorized`, `persistence-failed`, … */
  readonly event: string;
  readonly message: string;
  readonly datasetId?: string;
  readonly userId?: string;
}
