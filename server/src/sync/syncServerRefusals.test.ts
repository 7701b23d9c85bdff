import { CloseCode, datasetTypes, readNeuron, setNeuronStatus, upsertNeuron } from "@danio/sync";
import { afterEach, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import type * as Y from "yjs";
import {
  awarenessStatesIn,
  docJson,
  rawClient,
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

/** A server with neuron n1 (complete) written by the annotator, a witness client, and the server doc. */
async function setUp() {
  t = await startTestSyncServer();
  const witness = wrappedClient(t.url, "demo", "reviewer");
  cleanups.push(() => witness.connection.destroy());
  await witness.connection.whenSynced();
  const serverDoc = await t.server.getDoc("demo");
  const author = rawClient(t.url, "demo", tokenOf("annotator"));
  await waitFor("author synced", () => author.provider.synced);
  upsertNeuron(author.doc, "n1", { anchor, status: "complete" }, USERS.annotator);
  await waitFor("witness sees n1", () => witness.connection.neurons().has("n1"));
  author.destroy();
  await waitFor("author gone", () => t.server.stats().connections === 1);
  return { witness, serverDoc };
}

/** Connects a raw client as `user`, lets `write` change its doc, and returns the close it got. */
async function refusedRawWrite(user: Parameters<typeof tokenOf>[0], write: (doc: Y.Doc) => void) {
  const c = rawClient(t.url, "demo", tokenOf(user));
  cleanups.push(() => c.destroy());
  await waitFor("client synced", () => c.provider.synced);
  write(c.doc);
  await waitFor("the refusal", () => c.closes.length > 0);
  return c.closes[0]!;
}

describe("refusals", () => {
  it("[V8][S3][S6] an annotator approving is refused; nothing changes on the server or the other client", async () => {
    const { witness, serverDoc } = await setUp();
    const serverBefore = docJson(serverDoc);
    const close = await refusedRawWrite("annotator", (doc) => {
      const before = readNeuron(doc, "n1")!;
      datasetTypes(doc).neurons.set("n1", { ...before, status: "approved", updatedBy: USERS.annotator.id });
    });
    expect(close.code).toBe(CloseCode.refused);
    expect(close.reason).toMatch(/update refused: neurons\["n1"\]: annotators may not set status "approved"/);
    await sleep(50);
    expect(docJson(serverDoc)).toEqual(serverBefore);
    expect(docJson(witness.connection.doc)).toEqual(serverBefore);
    expect(readNeuron(serverDoc, "n1")?.status).toBe("complete");
  });

  it("[V1][S3][S6] a viewer editing is refused", async () => {
    const { witness, serverDoc } = await setUp();
    const serverBefore = docJson(serverDoc);
    const close = await refusedRawWrite("viewer", (doc) => {
      datasetTypes(doc).annotations.set("a9", {
        kind: "note",
        author: USERS.viewer.id,
        anchor,
        text: "I should not",
        createdAt: 1,
      });
    });
    expect(close).toEqual({ code: CloseCode.refused, reason: "update refused: viewers write nothing" });
    await sleep(50);
    expect(docJson(serverDoc)).toEqual(serverBefore);
    expect(docJson(witness.connection.doc)).toEqual(serverBefore);
  });

  it("[V2][S3][S6] a client writing ops is refused, even an admin", async () => {
    const { witness, serverDoc } = await setUp();
    const serverBefore = docJson(serverDoc);
    const close = await refusedRawWrite("admin", (doc) => {
      datasetTypes(doc).ops.push([
        {
          seq: 1,
          id: "x",
          type: "merge",
          author: USERS.admin.id,
          time: 1,
          oldRoots: [],
          newRoots: [],
          members: [],
        },
      ]);
    });
    expect(close).toEqual({
      code: CloseCode.refused,
      reason: "update refused: ops is written by the server only",
    });
    await sleep(50);
    expect(docJson(serverDoc)).toEqual(serverBefore);
    expect(docJson(witness.connection.doc)).toEqual(serverBefore);
  });

  it("[V3][Y1] an unknown top-level type is refused", async () => {
    const { serverDoc } = await setUp();
    const close = await refusedRawWrite("admin", (doc) => doc.getMap("secrets").set("k", 1));
    expect(close.code).toBe(CloseCode.refused);
    expect(close.reason).toBe('update refused: unknown top-level type "secrets"');
    expect(serverDoc.share.has("secrets")).toBe(false);
  });

  it("[A3] a forged awareness identity is refused and never reaches the others", async () => {
    const { witness } = await setUp();
    const c = rawClient(t.url, "demo", tokenOf("annotator"));
    cleanups.push(() => c.destroy());
    await waitFor("client synced", () => c.provider.synced);
    c.provider.awareness.setLocalStateField("user", {
      id: USERS.admin.id,
      name: USERS.admin.name,
      colour: "#000",
    });
    await waitFor("the refusal", () => c.closes.length > 0);
    expect(c.closes[0]).toEqual({
      code: CloseCode.refused,
      reason: 'forged identity: presence claims user "u-admin"',
    });
    await sleep(50);
    for (const peer of witness.connection.peers().values()) expect(peer.user.id).not.toBe(USERS.admin.id);
  });

  it("[A4] an awareness state under another connection's client id is refused", async () => {
    const { witness } = await setUp();
    const s = rawSocket(t.url, "demo", tokenOf("annotator"));
    await s.opened;
    witness.connection.setPresence({ tool: "review" });
    const victim = witness.connection.awareness.clientID;
    await waitFor("the server to relay the witness's state", () => {
      const state = awarenessStatesIn(s.messages).get(victim) as { tool?: string } | undefined;
      return state?.tool === "review";
    });
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, victim);
    encoding.writeVarUint(update, 1000);
    encoding.writeVarString(update, JSON.stringify({ tool: "hijacked" }));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 1);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    s.ws.send(encoding.toUint8Array(message));
    expect(await s.closed).toEqual({
      code: CloseCode.refused,
      reason: `forged identity: awareness client ${victim} belongs to another connection`,
    });
    const other = rawSocket(t.url, "demo", tokenOf("viewer"));
    cleanups.push(() => other.ws.close());
    await other.opened;
    await waitFor("the awareness snapshot", () => awarenessStatesIn(other.messages).has(victim));
    expect(awarenessStatesIn(other.messages).get(victim)).toMatchObject({
      tool: "review",
      user: { id: USERS.reviewer.id },
    });
  });

  it("[S1] a bad token is refused with 4401 before any document data", async () => {
    await setUp();
    const s = rawSocket(t.url, "demo", "not-a-token");
    expect(await s.closed).toEqual({
      code: CloseCode.unauthorized,
      reason: "unauthorized: missing, invalid or expired token",
    });
    expect(s.messages).toEqual([]);
    const none = rawSocket(t.url, "demo", "");
    expect((await none.closed).code).toBe(CloseCode.unauthorized);
    expect(none.messages).toEqual([]);
  });

  it("[C4] through the wrapper a bad token is reported once and the client stops", async () => {
    t = await startTestSyncServer();
    const refusals: unknown[] = [];
    const { connectDataset } = await import("@danio/sync");
    const { WS } = await import("./syncTestHarness");
    const c = connectDataset({
      serverUrl: t.url,
      datasetId: "demo",
      token: "expired",
      WebSocketPolyfill: WS,
      onRefused: (r) => refusals.push(r),
    });
    cleanups.push(() => c.destroy());
    await waitFor("the refusal", () => refusals.length > 0);
    expect(refusals).toEqual([
      {
        code: CloseCode.unauthorized,
        reason: "unauthorized: missing, invalid or expired token",
        resyncing: false,
      },
    ]);
    expect(c.status).toBe("stopped");
    await sleep(300);
    expect(refusals).toHaveLength(1);
  });

  it("[C3][C5] after a refusal the wrapper discards its local state and resyncs to the server's", async () => {
    const { witness, serverDoc } = await setUp();
    const refused = wrappedClient(t.url, "demo", "annotator2");
    cleanups.push(() => refused.connection.destroy());
    await refused.connection.whenSynced();
    refused.connection.setPresence({ tool: "split", cursor: { position: [5, 5, 5] } });
    const firstDoc = refused.connection.doc;
    // A buggy or malicious client writes past the helpers: it approves n1 and adds a note in one go.
    firstDoc.transact(() => {
      const n1 = readNeuron(firstDoc, "n1")!;
      datasetTypes(firstDoc).neurons.set("n1", { ...n1, status: "approved", updatedBy: USERS.annotator2.id });
    });
    await waitFor("the refusal", () => refused.refusals.length > 0);
    expect(refused.refusals[0]).toMatchObject({ code: CloseCode.refused, resyncing: true });
    expect(refused.refusals[0]!.reason).toMatch(/annotators may not set status "approved"/);
    await refused.connection.whenSynced();
    expect(refused.connection.doc).not.toBe(firstDoc);
    await waitFor(
      "the resynced doc to match the server",
      () => JSON.stringify(docJson(refused.connection.doc)) === JSON.stringify(docJson(serverDoc)),
    );
    expect(readNeuron(refused.connection.doc, "n1")?.status).toBe("complete");
    // The resynced client works normally again, and kept its presence (minus anything refused).
    upsertNeuron(refused.connection.doc, "n2", { anchor }, USERS.annotator2);
    await waitFor("witness sees n2", () => witness.connection.neurons().has("n2"));
    const id = refused.connection.awareness.clientID;
    await waitFor("witness sees the presence", () => witness.connection.peers().get(id)?.tool === "split");
    setNeuronStatus(witness.connection.doc, "n2", "rejected", USERS.reviewer);
    await waitFor("the rejection", () => refused.connection.neurons().get("n2")?.status === "rejected");
    expect(refused.refusals).toHaveLength(1);
  });
});
