import { afterEach, describe, expect, it } from "vitest";
import {
  type RawClient,
  rawClient,
  sleep,
  startTestSyncServer,
  type TestSyncServer,
  tokenOf,
  type UserKey,
  waitFor,
  type WrappedClient,
  wrappedClient,
} from "./syncTestHarness";

const N = 5;
const MOVES = 3;
const USERS_IN_ROOM: UserKey[] = ["admin", "reviewer", "annotator", "annotator2", "viewer"];
const cleanups: (() => void)[] = [];
let t: TestSyncServer;

afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await t.close();
});

const awarenessReceived = () => t.server.stats().received.awareness;

describe("awareness forwarding", () => {
  it(`[C2] with the wrapper, one cursor move costs the server exactly one awareness message (N = ${N})`, async () => {
    t = await startTestSyncServer();
    const clients: WrappedClient[] = USERS_IN_ROOM.map((u) => wrappedClient(t.url, "demo", u));
    cleanups.push(...clients.map((c) => () => c.connection.destroy()));
    await Promise.all(clients.map((c) => c.connection.whenSynced()));
    const [mover, ...others] = clients as [WrappedClient, ...WrappedClient[]];
    const moverId = mover.connection.awareness.clientID;
    await waitFor("everyone to see everyone", () =>
      clients.every((c) => c.connection.peers().size === N - 1),
    );
    await sleep(100);
    for (let move = 1; move <= MOVES; move++) {
      const before = awarenessReceived();
      mover.connection.setPresence({ cursor: { position: [move, 0, 0] } });
      await waitFor(`move ${move} to reach the others`, () =>
        others.every((o) => o.connection.peers().get(moverId)?.cursor?.position[0] === move),
      );
      await sleep(100); // room for echoes, if any were sent
      expect(awarenessReceived() - before).toBe(1);
    }
  });

  it(`[C2] raw y-websocket 3.1.0 echoes every received state: N messages per move (N = ${N})`, async () => {
    // This is the protocol issue the wrapper fixes: each of the N − 1 receivers re-sends the mover's
    // state to the server, so one move costs 1 + (N − 1) = N messages, and N movers cost N² per round.
    // The server drops those echoes (their clock is not newer), so they are only wasted traffic.
    t = await startTestSyncServer();
    const clients: RawClient[] = USERS_IN_ROOM.map((u) => rawClient(t.url, "demo", tokenOf(u)));
    cleanups.push(...clients.map((c) => () => c.destroy()));
    await waitFor("all synced", () => clients.every((c) => c.provider.synced));
    // An awareness state at clock 0 (the constructor's `{}`) is ignored by every peer (y-protocols applies
    // only newer clocks, and an unknown client counts as clock 0), so set something, as every app does.
    for (const c of clients) c.provider.awareness.setLocalStateField("tool", "look");
    const [mover, ...others] = clients as [RawClient, ...RawClient[]];
    const moverId = mover.doc.clientID;
    await waitFor("everyone to see everyone", () =>
      clients.every((c) => c.provider.awareness.getStates().size === N),
    );
    await sleep(150);
    for (let move = 1; move <= MOVES; move++) {
      const before = awarenessReceived();
      mover.provider.awareness.setLocalStateField("cursor", { position: [move, 0, 0] });
      await waitFor(`move ${move} to reach the others`, () =>
        others.every(
          (o) =>
            (o.provider.awareness.getStates().get(moverId)?.cursor as { position: number[] })?.position[0] ===
            move,
        ),
      );
      await waitFor("the echoes", () => awarenessReceived() - before >= N);
      await sleep(100);
      expect(awarenessReceived() - before).toBe(N);
    }
    expect(t.server.stats().refusals).toBe(0);
  });
});
