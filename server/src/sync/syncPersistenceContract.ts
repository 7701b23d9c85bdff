/**
 * The contract every SyncPersistence implementation must pass (STYLE 5), SPEC rule S10. Call it from the
 * implementation's test file: `describeSyncPersistenceContract("SQLite", () => createSqlite…())`.
 */
import { describe, expect, it } from "vitest";
import type { SyncPersistence } from "./syncTypes";

const u = (...bytes: number[]) => Uint8Array.from(bytes);

export function describeSyncPersistenceContract(
  name: string,
  create: () => SyncPersistence | Promise<SyncPersistence>,
): void {
  describe(`SyncPersistence contract: ${name}`, () => {
    it("[S10] an unknown room loads as no updates", async () => {
      const p = await create();
      expect(await p.loadUpdates("dataset/none")).toEqual([]);
    });

    it("[S10] appends keep their order and rooms stay apart", async () => {
      const p = await create();
      await p.appendUpdate("dataset/a", u(1));
      await p.appendUpdate("dataset/b", u(9));
      await p.appendUpdate("dataset/a", u(2, 3));
      expect(await p.loadUpdates("dataset/a")).toEqual([u(1), u(2, 3)]);
      expect(await p.loadUpdates("dataset/b")).toEqual([u(9)]);
    });

    it("[S10] stores the bytes, not the caller's buffer", async () => {
      const p = await create();
      const buf = u(1, 2, 3);
      await p.appendUpdate("dataset/a", buf);
      buf[0] = 99;
      expect(await p.loadUpdates("dataset/a")).toEqual([u(1, 2, 3)]);
    });

    it("[S12] a snapshot replaces the first upToCount updates and keeps later ones", async () => {
      const p = await create();
      for (let i = 1; i <= 4; i++) await p.appendUpdate("dataset/a", u(i));
      await p.replaceWithSnapshot("dataset/a", u(100), 3);
      expect(await p.loadUpdates("dataset/a")).toEqual([u(100), u(4)]);
      await p.appendUpdate("dataset/a", u(5));
      await p.replaceWithSnapshot("dataset/a", u(200), 3);
      expect(await p.loadUpdates("dataset/a")).toEqual([u(200)]);
    });

    it("[S12] a snapshot over more updates than stored is refused and stores nothing", async () => {
      const p = await create();
      await p.appendUpdate("dataset/a", u(1));
      await expect(p.replaceWithSnapshot("dataset/a", u(100), 2)).rejects.toThrow();
      expect(await p.loadUpdates("dataset/a")).toEqual([u(1)]);
    });
  });
}
