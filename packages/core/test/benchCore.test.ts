import { describe, expect, it } from "vitest";
import { benchCore } from "../bench/benchCore";

describe("the core benchmark (a small run, not timed)", () => {
  it("runs end to end and its replayed log matches the live state", async () => {
    const messages: string[] = [];
    const figures = await benchCore({
      supervoxels: 27_000,
      replayOperations: 600,
      onProgress: (m) => messages.push(m),
    });
    expect(figures.supervoxels).toBe(27_000);
    expect(figures.edges).toBe(3 * 30 * 30 * 29);
    expect(figures.bytesPerSupervoxel).toBeLessThanOrEqual(64);
    expect(figures.bytesPerEdge).toBeLessThanOrEqual(24);
    for (const key of ["split1k", "split10k", "split100k", "mergeMs"]) {
      expect((figures[key] as Record<string, number>).count, key).toBeGreaterThan(0);
    }
    expect(figures.replay).toMatchObject({ operations: 600, matchesLive: 1 });
    expect(messages.at(-1)).toBe("done");
  }, 60_000);
});
