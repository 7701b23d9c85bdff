import { describe, expect, it } from "vitest";
import { type ChunkGrid, chunkRef, chunksForSlice, gridShape, sameChunkLayer } from "./chunkSelection";

const demo: ChunkGrid = { offset: [0, 0, 0], size: [256, 256, 128], chunkSize: [64, 64, 64] };

describe("chunks of a slice", () => {
  it("an xy slice cuts one layer of 4 × 4 chunks of the demo volume", () => {
    const chunks = chunksForSlice(demo, "xy", 64);
    expect(chunks).toHaveLength(16);
    expect(new Set(chunks.map((c) => c.grid[2]))).toEqual(new Set([1]));
    expect(new Set(chunks.map((c) => c.key)).size).toBe(16);
    expect(chunksForSlice(demo, "xy", 63).every((c) => c.grid[2] === 0)).toBe(true);
  });

  it("xz and yz slices cut 4 × 2 chunks", () => {
    const xz = chunksForSlice(demo, "xz", 200);
    expect(xz).toHaveLength(8);
    expect(xz.every((c) => c.grid[1] === 3)).toBe(true);
    const yz = chunksForSlice(demo, "yz", 0);
    expect(yz).toHaveLength(8);
    expect(yz.every((c) => c.grid[0] === 0 && c.begin[0] === 0 && c.end[0] === 64)).toBe(true);
  });

  it("nothing outside the volume", () => {
    expect(chunksForSlice(demo, "xy", -1)).toEqual([]);
    expect(chunksForSlice(demo, "xy", 128)).toEqual([]);
  });

  it("truncates edge chunks and honours the voxel offset", () => {
    const g: ChunkGrid = { offset: [10, -5, 0], size: [100, 70, 30], chunkSize: [64, 64, 16] };
    expect(gridShape(g)).toEqual([2, 2, 2]);
    const c = chunkRef(g, [1, 1, 1]);
    expect(c.begin).toEqual([74, 59, 16]);
    expect(c.end).toEqual([110, 65, 30]);
    expect(chunksForSlice(g, "xy", 29).map((x) => x.grid[2])).toEqual([1, 1, 1, 1]);
    expect(chunksForSlice(g, "yz", 9)).toEqual([]);
    expect(chunksForSlice(g, "yz", 10).every((x) => x.grid[0] === 0)).toBe(true);
  });

  it("keeps to the rectangle in view, nearest its centre first", () => {
    const chunks = chunksForSlice(demo, "xy", 10, { minU: 70, minV: 0, maxU: 129, maxV: 60 });
    expect(chunks.map((c) => c.key).sort()).toEqual(["1,0,0", "2,0,0"]);
    const all = chunksForSlice(demo, "xy", 10, { minU: -1000, minV: -1000, maxU: 1000, maxV: 1000 });
    expect(all).toHaveLength(16);
    const centre = chunksForSlice(demo, "xy", 10);
    const first = centre[0]!.grid;
    expect(first[0] === 1 || first[0] === 2).toBe(true);
    expect(first[1] === 1 || first[1] === 2).toBe(true);
    expect(centre.at(-1)!.grid[0] % 3).toBe(0);
  });

  it("tells whether two slices cut the same layer", () => {
    expect(sameChunkLayer(demo, "xy", 0, 63)).toBe(true);
    expect(sameChunkLayer(demo, "xy", 63, 64)).toBe(false);
  });
});
