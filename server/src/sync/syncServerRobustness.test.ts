import { CloseCode, MAX_MESSAGE_BYTES, upsertNeuron } from "@danio/sync";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import {
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

function bytes(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const MALFORMED: [string, Uint8Array | string, RegExp][] = [
  ["an unknown message type", Uint8Array.of(9), /malformed message: unknown message type 9/],
  ["a client-sent auth message", Uint8Array.of(2, 0), /malformed message: unknown message type 2/],
  ["an empty message", new Uint8Array(0), /malformed message: undecodable/],
  ["a truncated varUint", Uint8Array.of(0x80), /malformed message: undecodable/],
  ["a sync message without its sub-type", Uint8Array.of(0), /malformed message: undecodable/],
  ["an unknown sync sub-type", Uint8Array.of(0, 7, 0), /malformed message: unknown sync message type 7/],
  ["a truncated update", Uint8Array.of(0, 2, 10, 1, 2, 3), /malformed message: undecodable/],
  ["trailing bytes after step 1", Uint8Array.of(0, 0, 1, 0, 99), /trailing bytes/],
  [
    "an undecodable update",
    bytes((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, Uint8Array.of(5, 200, 1, 7, 7, 7, 7));
    }),
    /malformed update/,
  ],
  [
    "an awareness update with broken JSON",
    bytes((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(
        e,
        bytes((u) => {
          encoding.writeVarUint(u, 1);
          encoding.writeVarUint(u, 77);
          encoding.writeVarUint(u, 1);
          encoding.writeVarString(u, "{not json");
        }),
      );
    }),
    /malformed awareness update/,
  ],
  ["a text frame", "hello", /text frames are not part of the protocol/],
];

describe("robustness", () => {
  it.each(MALFORMED)(
    "[P3][S7] %s closes that socket with 4400; the server keeps serving",
    async (_what, message, reason) => {
      t = await startTestSyncServer();
      const a = wrappedClient(t.url, "demo", "annotator");
      const b = wrappedClient(t.url, "demo", "reviewer");
      cleanups.push(
        () => a.connection.destroy(),
        () => b.connection.destroy(),
      );
      await Promise.all([a.connection.whenSynced(), b.connection.whenSynced()]);
      const s = rawSocket(t.url, "demo", tokenOf("admin"));
      await s.opened;
      s.ws.send(message);
      const closed = await s.closed;
      expect(closed.code).toBe(CloseCode.malformed);
      expect(closed.reason).toMatch(reason);
      expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
      upsertNeuron(a.connection.doc, "n1", { anchor }, USERS.annotator);
      await waitFor("b to see n1", () => b.connection.neurons().has("n1"));
      expect(a.refusals).toEqual([]);
    },
  );

  it("[S8] a message over the size limit closes that socket with 1009; the server keeps serving", async () => {
    t = await startTestSyncServer({ maxMessageBytes: 64 * 1024 });
    const a = wrappedClient(t.url, "demo", "annotator");
    cleanups.push(() => a.connection.destroy());
    await a.connection.whenSynced();
    const s = rawSocket(t.url, "demo", tokenOf("admin"));
    await s.opened;
    s.ws.send(new Uint8Array(64 * 1024 + 1));
    expect((await s.closed).code).toBe(CloseCode.messageTooBig);
    const b = wrappedClient(t.url, "demo", "reviewer");
    cleanups.push(() => b.connection.destroy());
    await b.connection.whenSynced();
    upsertNeuron(a.connection.doc, "n1", { anchor }, USERS.annotator);
    await waitFor("b to see n1", () => b.connection.neurons().has("n1"));
  });

  it("[S8] the default limit is 1 MiB", () => {
    expect(MAX_MESSAGE_BYTES).toBe(1 << 20);
  });

  it("[P1] answers 404 to paths that are not a dataset room", async () => {
    t = await startTestSyncServer();
    for (const path of ["dataset/../etc", "dataset/UPPER", "other/demo", "dataset/"]) {
      const s = rawSocket(t.url, "demo", tokenOf("admin"), path);
      await expect(s.opened).rejects.toThrow("HTTP 404");
    }
  });
});
