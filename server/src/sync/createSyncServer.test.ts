import {
  type OpSummary,
  readAnnotations,
  readNeuron,
  readOps,
  SegmentMapping,
  setNeuronStatus,
  upsertAnnotation,
  upsertNeuron,
} from "@danio/sync";
import * as decoding from "lib0/decoding";
import { afterEach, describe, expect, it } from "vitest";
import {
  docJson,
  rawClient,
  rawSocket,
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

describe("createSyncServer with real y-websocket clients", () => {
  it("[S2][S4][C1] two clients see each other's document changes", async () => {
    t = await startTestSyncServer();
    const a = wrappedClient(t.url, "demo", "annotator");
    const b = wrappedClient(t.url, "demo", "reviewer");
    cleanups.push(
      () => a.connection.destroy(),
      () => b.connection.destroy(),
    );
    await Promise.all([a.connection.whenSynced(), b.connection.whenSynced()]);

    upsertNeuron(a.connection.doc, "n1", { anchor, notes: "soma at z=3" }, USERS.annotator);
    upsertAnnotation(a.connection.doc, "a1", { kind: "note", anchor, text: "merge here?" }, USERS.annotator);
    await waitFor(
      "b to see n1 and a1",
      () => b.connection.neurons().has("n1") && b.connection.annotations().has("a1"),
    );
    setNeuronStatus(b.connection.doc, "n1", "approved", USERS.reviewer);
    await waitFor("a to see the approval", () => a.connection.neurons().get("n1")?.status === "approved");

    const serverDoc = await t.server.getDoc("demo");
    expect(docJson(a.connection.doc)).toEqual(docJson(serverDoc));
    expect(docJson(b.connection.doc)).toEqual(docJson(serverDoc));
    expect(readNeuron(serverDoc, "n1")).toMatchObject({ status: "approved", reviewer: USERS.reviewer.id });
    expect(readAnnotations(serverDoc).get("a1")?.author).toBe(USERS.annotator.id);
    expect(t.server.stats().refusals).toBe(0);
  });

  it("[S2] a client that joins later receives the whole document", async () => {
    t = await startTestSyncServer();
    const a = rawClient(t.url, "demo", tokenOf("annotator"));
    cleanups.push(() => a.destroy());
    await waitFor("a synced", () => a.provider.synced);
    upsertNeuron(a.doc, "n7", { anchor }, USERS.annotator);
    const serverDoc = await t.server.getDoc("demo");
    await waitFor("server to hold n7", () => readNeuron(serverDoc, "n7") !== undefined);
    const late = wrappedClient(t.url, "demo", "viewer");
    cleanups.push(() => late.connection.destroy());
    await late.connection.whenSynced();
    await waitFor("late client to see n7", () => late.connection.neurons().has("n7"));
  });

  it("[A1][A2] presence: cursor, selection and tool reach the others with the server's identity stamped", async () => {
    t = await startTestSyncServer();
    const a = wrappedClient(t.url, "demo", "annotator");
    const b = wrappedClient(t.url, "demo", "viewer");
    cleanups.push(
      () => a.connection.destroy(),
      () => b.connection.destroy(),
    );
    await Promise.all([a.connection.whenSynced(), b.connection.whenSynced()]);

    a.connection.setPresence({ cursor: { position: [10, 20, 30] }, selection: ["900"], tool: "split" });
    const aId = a.connection.awareness.clientID;
    await waitFor("b to see a's cursor", () => b.connection.peers().get(aId)?.cursor?.position[0] === 10);
    expect(b.connection.peers().get(aId)).toEqual({
      user: { id: USERS.annotator.id, name: USERS.annotator.name, colour: USERS.annotator.colour },
      cursor: { position: [10, 20, 30] },
      selection: ["900"],
      tool: "split",
    });
    b.connection.setPresence({ cursor: null, tool: "look" });
    const bId = b.connection.awareness.clientID;
    await waitFor("a to see b", () => a.connection.peers().get(bId)?.tool === "look");
    expect(a.connection.peers().get(bId)?.user.id).toBe(USERS.viewer.id);
  });

  it("[A5] a disconnected client's presence is removed at the others", async () => {
    t = await startTestSyncServer();
    const a = wrappedClient(t.url, "demo", "annotator");
    const b = wrappedClient(t.url, "demo", "reviewer");
    cleanups.push(() => b.connection.destroy());
    await Promise.all([a.connection.whenSynced(), b.connection.whenSynced()]);
    a.connection.setPresence({ tool: "merge" });
    const aId = a.connection.awareness.clientID;
    await waitFor("b to see a", () => b.connection.peers().has(aId));
    a.connection.destroy();
    await waitFor("a's presence to go", () => !b.connection.peers().has(aId));
  });

  it("[S5] answers query-awareness with every known state", async () => {
    t = await startTestSyncServer();
    const a = wrappedClient(t.url, "demo", "annotator");
    cleanups.push(() => a.connection.destroy());
    await a.connection.whenSynced();
    a.connection.setPresence({ tool: "paint" });
    await waitFor("server awareness", () => t.server.stats().received.awareness >= 1);
    const s = rawSocket(t.url, "demo", tokenOf("viewer"));
    cleanups.push(() => s.ws.close());
    await s.opened;
    const before = s.messages.length;
    s.ws.send(Uint8Array.of(3));
    await waitFor("the reply", () => s.messages.length > before);
    const reply = s.messages.at(-1)!;
    const d = decoding.createDecoder(reply);
    expect(decoding.readVarUint(d)).toBe(1);
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    expect(decoding.readVarUint(u)).toBe(1);
    expect(decoding.readVarUint(u)).toBe(a.connection.awareness.clientID);
    decoding.readVarUint(u);
    expect(JSON.parse(decoding.readVarString(u))).toMatchObject({
      tool: "paint",
      user: { id: USERS.annotator.id },
    });
  });

  it("[S9][M1] server-published ops reach a second client's document and its SegmentMapping", async () => {
    t = await startTestSyncServer();
    const a = wrappedClient(t.url, "demo", "annotator");
    const b = wrappedClient(t.url, "demo", "viewer");
    cleanups.push(
      () => a.connection.destroy(),
      () => b.connection.destroy(),
    );
    await Promise.all([a.connection.whenSynced(), b.connection.whenSynced()]);
    // Two segments: root 100 = {1,2,3}, root 200 = {4,5}.
    const mapping = new SegmentMapping([
      ["1", "100"],
      ["2", "100"],
      ["3", "100"],
      ["4", "200"],
      ["5", "200"],
    ]);
    b.connection.onOps((summaries) => mapping.apply(summaries));
    const merge: OpSummary = {
      seq: 1,
      id: "op-1",
      type: "merge",
      author: USERS.annotator.id,
      time: 1_700_000_000_000,
      oldRoots: ["100", "200"],
      newRoots: ["300"],
      members: [],
    };
    const split: OpSummary = {
      seq: 2,
      id: "op-2",
      type: "split",
      author: USERS.annotator.id,
      time: 1_700_000_001_000,
      oldRoots: ["300"],
      newRoots: ["401", "400"],
      members: [["5"]],
    };
    await t.server.publishOps("demo", [merge]);
    await waitFor("b to apply op 1", () => mapping.lastSeq === 1);
    expect(mapping.rootOf("4")).toBe("300");
    expect(mapping.rootOf("1")).toBe("300");
    await t.server.publishOps("demo", [split]);
    await waitFor("b to apply op 2", () => mapping.lastSeq === 2);
    expect([..."12345"].map((sv) => mapping.rootOf(sv))).toEqual(["400", "400", "400", "400", "401"]);
    expect(readOps(b.connection.doc)).toEqual([merge, split]);
    expect(readOps(a.connection.doc)).toEqual([merge, split]);
  });
});
