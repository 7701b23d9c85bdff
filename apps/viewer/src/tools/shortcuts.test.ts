import { describe, expect, it } from "vitest";
import { SHORTCUTS, shortcutFor } from "./shortcuts";

describe("keyboard shortcuts", () => {
  it("maps keys to actions, case-insensitively, and never while typing in a field", () => {
    expect(shortcutFor("M", { tagName: "DIV" })).toBe("tool-merge");
    expect(shortcutFor("Enter", null)).toBe("confirm");
    expect(shortcutFor("m", { tagName: "INPUT" })).toBeUndefined();
    expect(shortcutFor("q", null)).toBeUndefined();
  });

  it("has one action per key", () => {
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
  });
});
