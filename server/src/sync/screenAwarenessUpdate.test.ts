import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { type AwarenessContext, screenAwarenessUpdate } from "./screenAwarenessUpdate";

const me = { id: "u-ann", name: "Anna", colour: "#00f" };

function update(...entries: [client: number, clock: number, state: unknown][]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [client, clock, state] of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

function decode(u: Uint8Array): [number, number, unknown][] {
  const d = decoding.createDecoder(u);
  const n = decoding.readVarUint(d);
  return Array.from({ length: n }, () => [
    decoding.readVarUint(d),
    decoding.readVarUint(d),
    JSON.parse(decoding.readVarString(d)),
  ]);
}

/** Client 7 belongs to another connection at clock 4; client 9 left at clock 2. */
const ctx = (ownClient?: number): AwarenessContext => ({
  identity: me,
  ownClient,
  ownedByOther: (c) => c === 7,
  knownClock: (c) => (c === 7 ? 4 : c === 9 ? 2 : c === 5 ? 3 : undefined),
});

describe("screenAwarenessUpdate", () => {
  it("[A2] claims the first client id and stamps the server's identity", () => {
    const r = screenAwarenessUpdate(update([5, 4, { tool: "split" }]), ctx());
    expect(r.ok && r.claimed).toBe(5);
    if (!r.ok || r.update === undefined) throw new Error("expected an accepted update");
    expect(decode(r.update)).toEqual([[5, 4, { tool: "split", user: me }]]);
  });

  it("[A3] a client repeating its own identity is accepted; another identity is forged", () => {
    expect(screenAwarenessUpdate(update([5, 4, { user: me }]), ctx(5))).toMatchObject({ ok: true });
    expect(screenAwarenessUpdate(update([5, 4, { user: { ...me, colour: "#f00" } }]), ctx(5))).toEqual({
      ok: false,
      malformed: false,
      reason: 'forged identity: presence claims user "u-ann"',
    });
  });

  it("[A4] drops stale echoes of other clients' states, refuses newer ones", () => {
    const echo = screenAwarenessUpdate(
      update([5, 4, { tool: "x" }], [7, 4, { tool: "theirs" }], [9, 2, null]),
      ctx(5),
    );
    if (!echo.ok || echo.update === undefined) throw new Error("expected an accepted update");
    expect(decode(echo.update).map(([c]) => c)).toEqual([5]);
    expect(screenAwarenessUpdate(update([7, 5, { tool: "mine now" }]), ctx(5))).toEqual({
      ok: false,
      malformed: false,
      reason: "forged identity: awareness client 7 belongs to another connection",
    });
    expect(screenAwarenessUpdate(update([11, 1, {}]), ctx(5))).toMatchObject({ ok: false });
  });

  it("[A4] keeps its own removal (null at the known clock) and drops its own stale state", () => {
    const r = screenAwarenessUpdate(update([5, 3, null]), ctx(5));
    if (!r.ok || r.update === undefined) throw new Error("expected an accepted update");
    expect(decode(r.update)).toEqual([[5, 3, null]]);
    expect(screenAwarenessUpdate(update([5, 2, { tool: "old" }]), ctx(5))).toEqual({
      ok: true,
      update: undefined,
      claimed: 5,
    });
  });

  it("[A1] refuses an invalid presence and reports malformed bytes as malformed", () => {
    expect(screenAwarenessUpdate(update([5, 9, { cursor: "here" }]), ctx(5))).toMatchObject({
      ok: false,
      malformed: false,
      reason: expect.stringMatching(/^invalid presence: presence.cursor/),
    });
    expect(screenAwarenessUpdate(Uint8Array.of(1, 5), ctx())).toMatchObject({ ok: false, malformed: true });
    expect(screenAwarenessUpdate(Uint8Array.of(0, 0), ctx())).toMatchObject({ ok: false, malformed: true });
  });
});
