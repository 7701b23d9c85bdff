import { CloseCode, readOps, roomForDataset, upsertNeuron } from "@danio/sync";
import { afterEach, describe, expect, it } from "vitest";
import { MemorySyncPersistence } from "./MemorySyncPersistence";
import {
  rawSocket,
  sleep,
  startTestSyncServer,
  type TestSyncServer,
  tokenOf,
  USERS,
  waitFor,
  wrappedClient,
} from "./syncTestHarness";

const anchor = { supervoxel: "42", position: [1, 2, 3] as [number, number, number] };
const cleanups: (() => void)[] = [];
let t: TestSyncServer;

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await t.close();
});

const op = {
  seq: 1,
  id: "op1",
  type: "merge" as const,
  author: "u-ann",
  time: 5,
  oldRoots: ["1", "2"],
  newRoots: ["3"],
  members: [],
};

describe("server lifecycle", () => {
  it("[C6] a reconnecting client's presence reappears at the others (its awareness clock is bumped)", async () => {
    t = await startTestSyncServer();
    const a = wrappedClient(t.url, "demo", "annotator");
    const b = wrappedClient(t.url, "demo", "reviewer");
    cleanups.push(
      () => a.connection.destroy(),
      () => b.connection.destroy(),
    );
    await Promise.all([a.connection.whenSynced(), b.connection.whenSynced()]);
    a.connection.setPresence({ tool: "merge" });
    const aId = a.connection.awareness.clientID;
    await waitFor("b to see a", () => b.connection.peers().get(aId)?.tool === "merge");
    // Record the removal as an event: polling can miss it when the reconnect is quick.
    let removed = false;
    b.connection.awareness.on("change", (change: { removed: number[] }) => {
      if (change.removed.includes(aId)) removed = true;
    });
    a.connection.setToken(tokenOf("annotator")); // a refreshed token: drops the socket and reconnects
    await waitFor("a's presence to go", () => removed);
    await waitFor("a's presence to come back", () => b.connection.peers().get(aId)?.tool === "merge");
    expect(a.connection.doc.clientID).toBe(aId);
  });

  it("[C4] after a stop for a bad token, setToken starts over with the new token", async () => {
    t = await startTestSyncServer();
    const { connectDataset } = await import("@danio/sync");
    const { WS } = await import("./syncTestHarness");
    const refusals: number[] = [];
    const c = connectDataset({
      serverUrl: t.url,
      datasetId: "demo",
      token: "stale",
      WebSocketPolyfill: WS,
      onRefused: (r) => refusals.push(r.code),
    });
    cleanups.push(() => c.destroy());
    await waitFor("the stop", () => c.status === "stopped");
    c.setToken(tokenOf("annotator"));
    await c.whenSynced();
    upsertNeuron(c.doc, "n1", { anchor }, USERS.annotator);
    const serverDoc = await t.server.getDoc("demo");
    await waitFor("the server to hold n1", () => serverDoc.getMap("neurons").has("n1"));
    expect(refusals).toEqual([CloseCode.unauthorized]);
  });

  it("[S1] an unknown dataset is refused with 4404 when datasetExists says so", async () => {
    t = await startTestSyncServer({ datasetExists: (id) => id === "demo" });
    const s = rawSocket(t.url, "nope", tokenOf("admin"));
    expect(await s.closed).toEqual({ code: CloseCode.unknownDataset, reason: 'unknown dataset "nope"' });
    expect(s.messages).toEqual([]);
    const ok = rawSocket(t.url, "demo", tokenOf("admin"));
    cleanups.push(() => ok.ws.close());
    await ok.opened;
  });

  it("[S1] an authentication error refuses the upgrade with 503 and is logged", async () => {
    t = await startTestSyncServer({
      authenticate: async () => {
        throw new Error("token store unreachable");
      },
    });
    const s = rawSocket(t.url, "demo", tokenOf("admin"));
    await expect(s.opened).rejects.toThrow("HTTP 503");
    expect(t.logs).toContainEqual(
      expect.objectContaining({ event: "auth-failed", message: "token store unreachable" }),
    );
  });

  it("[S9][S11][S13] ops published to an idle room are stored, survive unloading, and reach the next client", async () => {
    const persistence = new MemorySyncPersistence();
    t = await startTestSyncServer({ persistence, idleUnloadMs: 0 });
    await t.server.publishOps("demo", [op]);
    await waitFor("the room to unload", () => t.server.stats().rooms === 0);
    expect(persistence.count(roomForDataset("demo"))).toBe(1);
    const c = wrappedClient(t.url, "demo", "viewer");
    cleanups.push(() => c.connection.destroy());
    await c.connection.whenSynced();
    expect(readOps(c.connection.doc)).toEqual([op]);
  });

  it("[S12] close() closes clients with 1001 and stores pending updates", async () => {
    const persistence = new MemorySyncPersistence();
    t = await startTestSyncServer({ persistence });
    const s = rawSocket(t.url, "demo", tokenOf("admin"));
    await s.opened;
    await t.server.publishOps("demo", [op]);
    await t.server.close();
    expect((await s.closed).code).toBe(CloseCode.goingAway);
    expect(persistence.count(roomForDataset("demo"))).toBe(1);
    await sleep(10);
  });
});
