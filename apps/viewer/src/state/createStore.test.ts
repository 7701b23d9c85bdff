import { describe, expect, it } from "vitest";
import { createStore } from "./createStore";

describe("createStore", () => {
  it("merges partial updates, tells listeners with the previous state, and unsubscribes", () => {
    const store = createStore({ a: 1, b: "x" });
    const seen: [number, number][] = [];
    const off = store.subscribe((s, p) => seen.push([s.a, p.a]));
    store.set({ a: 2 });
    store.set((s) => ({ a: s.a + 1 }));
    off();
    store.set({ a: 10 });
    expect(seen).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(store.getState()).toEqual({ a: 10, b: "x" });
  });
});
