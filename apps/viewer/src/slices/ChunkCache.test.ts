import { describe, expect, it } from "vitest";
import { ChunkCache } from "./ChunkCache";
import { type ChunkGrid, chunkRef } from "./chunkSelection";

const grid: ChunkGrid = { offset: [0, 0, 0], size: [64, 64, 64], chunkSize: [16, 16, 16] };
const ref = (x: number) => chunkRef(grid, [x, 0, 0]);

/** A loader whose loads finish when the test says so. */
function manualLoader() {
  const waiting = new Map<string, (v: Uint8Array | null) => void>();
  const failing = new Map<string, (e: Error) => void>();
  const order: string[] = [];
  return {
    order,
    waiting,
    load: (c: { key: string }) =>
      new Promise<Uint8Array | null>((resolve, reject) => {
        order.push(c.key);
        waiting.set(c.key, resolve);
        failing.set(c.key, reject);
      }),
    finish(key: string, v: Uint8Array | null) {
      waiting.get(key)!(v);
      waiting.delete(key);
    },
    fail(key: string) {
      failing.get(key)!(new Error("boom"));
      waiting.delete(key);
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("chunk cache", () => {
  it("loads each chunk once, a bounded number at a time, urgent first", async () => {
    const l = manualLoader();
    const cache = new ChunkCache<Uint8Array>(l.load, { maxInFlight: 2 });
    const seen: string[] = [];
    cache.onLoad((c, d) => seen.push(`${c.key}:${d ? d.length : "missing"}`));
    cache.request(ref(0));
    cache.request(ref(0));
    cache.request(ref(1));
    cache.request(ref(2), false);
    cache.request(ref(3), true);
    expect(l.order).toEqual(["0,0,0", "1,0,0"]);
    expect(cache.isPending("2,0,0")).toBe(true);
    l.finish("0,0,0", new Uint8Array(4));
    await tick();
    expect(l.order).toEqual(["0,0,0", "1,0,0", "3,0,0"]);
    l.finish("1,0,0", null);
    await tick();
    expect(l.order.at(-1)).toBe("2,0,0");
    expect(cache.get("0,0,0")).toHaveLength(4);
    expect(cache.get("1,0,0")).toBeNull();
    expect(cache.get("2,0,0")).toBeUndefined();
    expect(seen).toEqual(["0,0,0:4", "1,0,0:missing"]);
    cache.request(ref(0));
    expect(l.order.filter((k) => k === "0,0,0")).toHaveLength(1);
  });

  it("treats a failed load as missing and keeps the error", async () => {
    const l = manualLoader();
    const cache = new ChunkCache<Uint8Array>(l.load);
    let got: Uint8Array | null | undefined;
    cache.onLoad((_c, d) => {
      got = d;
    });
    cache.request(ref(1));
    l.fail("1,0,0");
    await tick();
    expect(got).toBeNull();
    expect(cache.lastError).toContain("boom");
  });

  it("evicts the least recently used chunks beyond its byte budget", async () => {
    const cache = new ChunkCache<Uint8Array>(async () => new Uint8Array(100), { maxBytes: 250 });
    for (const x of [0, 1]) cache.request(ref(x));
    await tick();
    cache.get("0,0,0"); // 0 is now more recent than 1
    cache.request(ref(2));
    await tick();
    expect(cache.get("1,0,0")).toBeUndefined();
    expect(cache.get("0,0,0")).toBeDefined();
    expect(cache.get("2,0,0")).toBeDefined();
    expect(cache.byteSize).toBe(200);
  });

  it("drops queued requests on prune and ignores loads after dispose", async () => {
    const l = manualLoader();
    const cache = new ChunkCache<Uint8Array>(l.load, { maxInFlight: 1 });
    cache.request(ref(0));
    cache.request(ref(1));
    cache.request(ref(2));
    cache.prune((c) => c.key !== "1,0,0");
    l.finish("0,0,0", new Uint8Array(1));
    await tick();
    expect(l.order).toEqual(["0,0,0", "2,0,0"]);
    cache.dispose();
    l.finish("2,0,0", new Uint8Array(1));
    await tick();
    expect(cache.size).toBe(0);
  });
});
