import { readNeurons, roomForDataset, setNeuronStatus, upsertAnnotation, upsertNeuron } from "@danio/sync";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemorySyncPersistence } from "./MemorySyncPersistence";
import {
  docJson,
  sleep,
  startTestSyncServer,
  type TestSyncServer,
  USERS,
  waitFor,
  wrappedClient,
} from "./syncTestHarness";

const anchor = { supervoxel: "42", position: [1, 2, 3] as [number, number, number] };
const room = roomForDataset("demo");
const cleanups: (() => void)[] = [];
let servers: TestSyncServer[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  for (const s of servers) await s.close();
  servers = [];
});

async function start(persistence: MemorySyncPersistence, compactEvery = 1000) {
  const t = await startTestSyncServer({ persistence, compactEvery });
  servers.push(t);
  return t;
}

describe("persistence", () => {
  it("[S10] appends one update per accepted change and none for a refused one", async () => {
    const persistence = new MemorySyncPersistence();
    const t = await start(persistence);
    const a = wrappedClient(t.url, "demo", "annotator");
    cleanups.push(() => a.connection.destroy());
    await a.connection.whenSynced();
    for (let i = 0; i < 3; i++) {
      upsertNeuron(a.connection.doc, `n${i}`, { anchor }, USERS.annotator);
      await waitFor(`update ${i + 1} stored`, () => persistence.count(room) === i + 1);
    }
    a.connection.doc
      .getMap("neurons")
      .set("n0", { ...readNeurons(a.connection.doc).get("n0"), status: "approved" });
    await waitFor("the refusal", () => a.refusals.length === 1);
    await a.connection.whenSynced();
    await sleep(50);
    expect(persistence.count(room)).toBe(3);
  });

  it("[S11] a restarted server reloads the same document from persistence", async () => {
    const persistence = new MemorySyncPersistence();
    const first = await start(persistence);
    const a = wrappedClient(first.url, "demo", "reviewer");
    cleanups.push(() => a.connection.destroy());
    await a.connection.whenSynced();
    upsertNeuron(a.connection.doc, "n1", { anchor, cellType: "Mi1" }, USERS.reviewer);
    setNeuronStatus(a.connection.doc, "n1", "approved", USERS.reviewer);
    upsertAnnotation(a.connection.doc, "a1", { kind: "point", anchor, text: "" }, USERS.reviewer);
    await first.server.publishOps("demo", [
      {
        seq: 1,
        id: "op1",
        type: "merge",
        author: "u-ann",
        time: 5,
        oldRoots: ["1", "2"],
        newRoots: ["3"],
        members: [],
      },
    ]);
    await waitFor("all stored", () => persistence.count(room) === 4);
    const expected = docJson(await first.server.getDoc("demo"));
    expect(expected).toMatchObject({
      neurons: { n1: { status: "approved" } },
      annotations: { a1: { kind: "point" } },
    });
    a.connection.destroy();
    await first.close();
    servers = [];

    const second = await start(persistence);
    expect(docJson(await second.server.getDoc("demo"))).toEqual(expected);
    const b = wrappedClient(second.url, "demo", "viewer");
    cleanups.push(() => b.connection.destroy());
    await b.connection.whenSynced();
    expect(docJson(b.connection.doc)).toEqual(expected);
  });

  it("[S12] compaction replaces the appended updates by one snapshot", async () => {
    const persistence = new MemorySyncPersistence();
    const t = await start(persistence, 5);
    const a = wrappedClient(t.url, "demo", "annotator");
    cleanups.push(() => a.connection.destroy());
    await a.connection.whenSynced();
    // 1, 2, 3, 4 stored updates, then the 5th append triggers a snapshot: 1, and so on.
    const expected = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
    for (const [i, count] of expected.entries()) {
      upsertNeuron(a.connection.doc, `n${i}`, { anchor, notes: `note ${i}` }, USERS.annotator);
      await waitFor(`${count} stored update(s) after change ${i}`, () => persistence.count(room) === count);
    }
    const stored = await persistence.loadUpdates(room);
    const reloaded = new Y.Doc();
    for (const update of stored) Y.applyUpdate(reloaded, update);
    expect(docJson(reloaded)).toEqual(docJson(await t.server.getDoc("demo")));
    expect(reloaded.getMap("neurons").size).toBe(12);
  });

  it("[S10] a failed append is logged and healed by a snapshot on the next write", async () => {
    class FlakyPersistence extends MemorySyncPersistence {
      failNext = false;
      snapshots = 0;
      override async appendUpdate(r: string, update: Uint8Array): Promise<void> {
        if (this.failNext) {
          this.failNext = false;
          throw new Error("disk full");
        }
        return super.appendUpdate(r, update);
      }
      override async replaceWithSnapshot(r: string, snapshot: Uint8Array, upToCount: number): Promise<void> {
        this.snapshots += 1;
        return super.replaceWithSnapshot(r, snapshot, upToCount);
      }
    }
    const persistence = new FlakyPersistence();
    const t = await start(persistence);
    const a = wrappedClient(t.url, "demo", "annotator");
    cleanups.push(() => a.connection.destroy());
    await a.connection.whenSynced();
    upsertNeuron(a.connection.doc, "n1", { anchor }, USERS.annotator);
    await waitFor("n1 stored", () => persistence.count(room) === 1);
    persistence.failNext = true;
    upsertNeuron(a.connection.doc, "n2", { anchor }, USERS.annotator);
    await waitFor("the failure logged", () => t.logs.some((l) => l.event === "persistence-failed"));
    expect(persistence.count(room)).toBe(1);
    upsertNeuron(a.connection.doc, "n3", { anchor }, USERS.annotator);
    await waitFor("the healing snapshot", () => persistence.snapshots === 1);
    const reloaded = new Y.Doc();
    for (const update of await persistence.loadUpdates(room)) Y.applyUpdate(reloaded, update);
    expect([...readNeurons(reloaded).keys()].sort()).toEqual(["n1", "n2", "n3"]);
  });
});
