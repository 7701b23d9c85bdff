import type { Presence } from "@danio/sync";
import { describe, expect, it } from "vitest";
import { peerMarkers, peerTints, shortId } from "./peerMarkers";

const peer = (
  id: string,
  name: string,
  colour: string,
  selection: string[],
  cursor: [number, number, number] | null,
) =>
  ({
    user: { id, name, colour },
    cursor: cursor ? { position: cursor } : null,
    selection,
    tool: "split",
  }) as Presence;

describe("peerMarkers", () => {
  it("labels each peer with name, tool and selected segments, and keys a second tab apart", () => {
    const m = peerMarkers([
      peer("u1", "ana", "#f00", ["1", "123456789012", "3", "4", "5"], [1, 2, 3]),
      peer("u2", "ben", "#0f0", [], null),
      peer("u1", "ana", "#f00", [], null),
    ]);
    expect(m.map((x) => x.key)).toEqual(["u1", "u2", "u1#2"]);
    expect(m[0]!.label).toBe("ana · split · 1, …56789012, 3 +2");
    expect(m[0]!.position).toEqual([1, 2, 3]);
    expect(m[1]!.label).toBe("ben · split");
    expect(m[1]!.position).toBeNull();
    expect(shortId("42")).toBe("42");
  });

  it("tints a segment in the colour of the first peer who selected it", () => {
    const t = peerTints([
      peer("u1", "ana", "#f00", ["1", "2"], null),
      peer("u2", "ben", "#0f0", ["2", "3"], null),
    ]);
    expect([...t]).toEqual([
      ["1", "#f00"],
      ["2", "#f00"],
      ["3", "#0f0"],
    ]);
  });
});
