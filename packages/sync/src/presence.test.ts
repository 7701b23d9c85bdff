import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { parseClientPresence, readPeers } from "./presence";

describe("presence", () => {
  it("[A1] accepts the schema, every field optional", () => {
    expect(parseClientPresence({})).toEqual({ ok: true, value: {} });
    const full = {
      user: { id: "u", name: "U", colour: "#fff" },
      cursor: { position: [1, 2, 3] },
      selection: ["10", "11"],
      tool: "split",
    };
    expect(parseClientPresence(full)).toEqual({ ok: true, value: full });
    expect(parseClientPresence({ cursor: null })).toEqual({ ok: true, value: { cursor: null } });
  });

  it("[A1] refuses unknown fields and malformed values, naming them", () => {
    expect(parseClientPresence({ name: "x" })).toEqual({
      ok: false,
      reason: 'presence: unknown field "name"',
    });
    expect(parseClientPresence({ cursor: { position: [1, 2] } })).toMatchObject({ ok: false });
    expect(parseClientPresence({ cursor: { position: [1, 2, 3], extra: 1 } })).toMatchObject({ ok: false });
    expect(parseClientPresence({ selection: Array(1001).fill("1") })).toMatchObject({ ok: false });
    expect(parseClientPresence({ tool: 5 })).toMatchObject({ ok: false });
    expect(parseClientPresence({ user: { id: "u", name: "U" } })).toMatchObject({ ok: false });
    expect(parseClientPresence([])).toMatchObject({ ok: false });
  });

  it("[A2] readPeers lists other clients whose state carries a stamped user", () => {
    const local = new Awareness(new Y.Doc());
    const remote = new Awareness(new Y.Doc());
    const unstamped = new Awareness(new Y.Doc());
    remote.setLocalState({ user: { id: "u2", name: "B", colour: "#0f0" }, tool: "merge" });
    unstamped.setLocalState({ tool: "merge" });
    applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), "test");
    applyAwarenessUpdate(local, encodeAwarenessUpdate(unstamped, [unstamped.clientID]), "test");
    local.setLocalState({ tool: "look" });
    expect(readPeers(local)).toEqual(
      new Map([
        [
          remote.clientID,
          { user: { id: "u2", name: "B", colour: "#0f0" }, cursor: null, selection: [], tool: "merge" },
        ],
      ]),
    );
    for (const a of [local, remote, unstamped]) a.destroy();
  });
});
