import type { SyncPersistence } from "./syncTypes";

/** SyncPersistence in memory, for tests and `danio demo`. Stores copies, so callers may reuse their buffers. */
export class MemorySyncPersistence implements SyncPersistence {
  private readonly rooms = new Map<string, Uint8Array[]>();

  async loadUpdates(room: string): Promise<Uint8Array[]> {
    return (this.rooms.get(room) ?? []).map((u) => u.slice());
  }

  async appendUpdate(room: string, update: Uint8Array): Promise<void> {
    const list = this.rooms.get(room) ?? [];
    list.push(update.slice());
    this.rooms.set(room, list);
  }

  async replaceWithSnapshot(room: string, snapshot: Uint8Array, upToCount: number): Promise<void> {
    const list = this.rooms.get(room) ?? [];
    if (!Number.isSafeInteger(upToCount) || upToCount < 0 || upToCount > list.length) {
      throw new RangeError(
        `replaceWithSnapshot(${JSON.stringify(room)}): upToCount ${upToCount} but ${list.length} update(s) stored`,
      );
    }
    this.rooms.set(room, [snapshot.slice(), ...list.slice(upToCount)]);
  }

  /** How many updates `room` holds (a snapshot counts as one). */
  count(room: string): number {
    return this.rooms.get(room)?.length ?? 0;
  }
}
