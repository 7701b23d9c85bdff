import type { SyncPersistence } from "../sync/syncTypes";
import type { Store } from "./Store";

/** Persists Yjs documents in a Store: appended updates, compacted by the sync server now and then. */
export class StoreSyncPersistence implements SyncPersistence {
  constructor(private readonly store: Store) {}

  async loadUpdates(room: string): Promise<Uint8Array[]> {
    return (await this.store.loadUpdates(room)).map((u) => u.update);
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    await this.store.appendUpdate(room, update);
  }

  async replaceWithSnapshot(room: string, snapshot: Uint8Array, upToCount: number): Promise<void> {
    const stored = await this.store.loadUpdates(room);
    const last = stored[upToCount - 1];
    if (upToCount < 1 || !last) {
      throw new Error(`${room}: cannot compact ${upToCount} updates, only ${stored.length} are stored`);
    }
    await this.store.compactUpdates(room, snapshot, last.id);
  }
}
