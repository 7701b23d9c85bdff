import { describe, expect, it } from "vitest";
import { FragmentCache, fragmentKey } from "./FragmentCache";

describe("FragmentCache", () => {
  it("keys fragments by supervoxel and LOD", () => {
    expect(fragmentKey("123", 2)).toBe("123:2");
  });

  it("evicts least recently used entries past maxBytes, never protected ones", () => {
    const cache = new FragmentCache<number>(30, (v) => v);
    cache.set("a", 10);
    cache.set("b", 10);
    cache.set("c", 10);
    expect(cache.get("a")).toBe(10); // a is now the most recent
    cache.set("d", 10, (k) => k === "b");
    expect([cache.has("a"), cache.has("b"), cache.has("c"), cache.has("d")]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(cache.bytes).toBe(30);
  });

  it("keeps everything protected even when that is over budget, and replaces a key's value", () => {
    const cache = new FragmentCache<number>(10, (v) => v);
    cache.set("a", 8);
    cache.set("b", 8, () => true);
    expect(cache.size).toBe(2);
    cache.set("b", 2);
    expect(cache.bytes).toBe(10);
    expect(cache.get("b")).toBe(2);
  });
});
