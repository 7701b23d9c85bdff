import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./throttle";

describe("throttle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("passes the first call, then at most one per interval, delivering the latest", () => {
    const seen: number[] = [];
    const t = throttle(
      (x: number) => seen.push(x),
      50,
      () => Date.now(),
    );
    t(1);
    t(2);
    t(3);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(49);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([1, 3]);
    // 20 calls over one second at 100 Hz: about 20 delivered (20 Hz), the last one included.
    for (let i = 0; i < 100; i++) {
      t(100 + i);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(100);
    expect(seen.length - 2).toBeGreaterThanOrEqual(19);
    expect(seen.length - 2).toBeLessThanOrEqual(21);
    expect(seen.at(-1)).toBe(199);
  });

  it("cancel drops a held call", () => {
    const seen: number[] = [];
    const t = throttle(
      (x: number) => seen.push(x),
      50,
      () => Date.now(),
    );
    t(1);
    t(2);
    t.cancel();
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([1]);
  });
});
