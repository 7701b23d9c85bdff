import { beforeEach, describe, expect, it } from "vitest";
import { type Store, StoreConflictError, StoreNotFoundError } from "./Store";

/**
 * The contract every Store implementation passes (tldraw's storageContractSuite pattern). `makeStore`
 * returns a fresh, empty, migrated store.
 */
export function runStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });

    const user = (n: string, role: "admin" | "reviewer" | "annotator" | "viewer" = "annotator") => ({
      id: `u-${n}`,
      name: n,
      role,
      colour: "#ff8800",
      passwordHash: "scrypt$x",
    });

    it("[ST1] creates users, finds them by id and name, refuses a duplicate name", async () => {
      await store.createUser(user("ana"));
      expect((await store.getUserByName("ana"))?.id).toBe("u-ana");
      expect((await store.getUser("u-ana"))?.role).toBe("annotator");
      await expect(store.createUser({ ...user("ana"), id: "u-other" })).rejects.toThrow(StoreConflictError);
      expect((await store.listUsers()).map((u) => u.name)).toEqual(["ana"]);
    });

    it("[ST2] changes a role; an unknown user is a not-found error", async () => {
      await store.createUser(user("rev"));
      expect((await store.setUserRole("u-rev", "reviewer")).role).toBe("reviewer");
      await expect(store.setUserRole("u-nobody", "admin")).rejects.toThrow(StoreNotFoundError);
    });

    it("[ST3] registers and lists datasets, refusing a duplicate id", async () => {
      await store.registerDataset({ id: "demo", name: "Demo", dir: "/tmp/demo" });
      await expect(store.registerDataset({ id: "demo", name: "Again", dir: "/x" })).rejects.toThrow(
        StoreConflictError,
      );
      expect((await store.listDatasets()).map((d) => d.id)).toEqual(["demo"]);
      expect((await store.getDataset("demo"))?.dir).toBe("/tmp/demo");
    });

    it("[ST4] appends operations with gapless sequence numbers and refuses gaps, reuse and duplicate ids", async () => {
      await store.registerDataset({ id: "d", name: "D", dir: "/d" });
      await store.appendOperation({ datasetId: "d", seq: 1, id: "op-a", body: '{"a":1}' });
      await store.appendOperation({ datasetId: "d", seq: 2, id: "op-b", body: '{"b":2}' });
      await expect(store.appendOperation({ datasetId: "d", seq: 4, id: "op-c", body: "{}" })).rejects.toThrow(
        /sequence number 4 is not next/,
      );
      await expect(store.appendOperation({ datasetId: "d", seq: 2, id: "op-c", body: "{}" })).rejects.toThrow(
        StoreConflictError,
      );
      await expect(store.appendOperation({ datasetId: "d", seq: 3, id: "op-a", body: "{}" })).rejects.toThrow(
        /operation id op-a already exists/,
      );
      await expect(store.appendOperation({ datasetId: "nope", seq: 1, id: "x", body: "{}" })).rejects.toThrow(
        StoreNotFoundError,
      );
      expect(await store.lastSeq("d")).toBe(2);
      expect((await store.listOperations("d", 0, 10)).map((o) => o.id)).toEqual(["op-a", "op-b"]);
      expect((await store.listOperations("d", 1, 10)).map((o) => o.seq)).toEqual([2]);
      expect((await store.getOperation("d", "op-b"))?.body).toBe('{"b":2}');
    });

    it("[ST5] appends Yjs updates per room and compacts them into a snapshot", async () => {
      await store.appendUpdate("dataset/a", Uint8Array.of(1, 2));
      await store.appendUpdate("dataset/a", Uint8Array.of(3));
      await store.appendUpdate("dataset/b", Uint8Array.of(9));
      await store.appendUpdate("dataset/a", Uint8Array.of(4));
      const a = await store.loadUpdates("dataset/a");
      expect(a.map((u) => Array.from(u.update))).toEqual([[1, 2], [3], [4]]);
      await store.compactUpdates("dataset/a", Uint8Array.of(7, 7), a[1]!.id);
      const after = await store.loadUpdates("dataset/a");
      expect(after.map((u) => Array.from(u.update))).toEqual([[7, 7], [4]]);
      await store.appendUpdate("dataset/a", Uint8Array.of(5));
      expect((await store.loadUpdates("dataset/a")).map((u) => Array.from(u.update))).toEqual([
        [7, 7],
        [4],
        [5],
      ]);
      expect((await store.loadUpdates("dataset/b")).length).toBe(1);
    });

    it("[ST6] keeps a setting once initialised", async () => {
      expect(await store.getSetting("secret")).toBeUndefined();
      expect(await store.initSetting("secret", "one")).toBe("one");
      expect(await store.initSetting("secret", "two")).toBe("one");
    });

    it("[ST7] migrating twice is harmless", async () => {
      await store.migrate();
      await store.migrate();
      await store.createUser(user("after"));
      expect((await store.listUsers()).length).toBe(1);
    });
  });
}
