import { describe, expect, it } from "vitest";
import { chunkAt, chunkKey, compressedMortonCode, listChunks, parseChunkKey } from "./chunkGrid";
import type { PrecomputedScale } from "./precomputedInfo";

const scale: PrecomputedScale = {
  key: "s",
  size: [100, 64, 30],
  resolution: [4, 4, 40],
  voxelOffset: [10, -5, 0],
  chunkSizes: [[64, 64, 16]],
  encoding: "raw",
};

describe("chunk grid", () => {
  it("[PC4] offsets chunks by voxel_offset and truncates them at the volume's upper bound", () => {
    const chunks = listChunks(scale);
    expect(chunks.map((c) => c.key)).toEqual([
      "10-74_-5-59_0-16",
      "74-110_-5-59_0-16",
      "10-74_-5-59_16-30",
      "74-110_-5-59_16-30",
    ]);
    expect(chunkAt(scale, [1, 0, 1]).end).toEqual([110, 59, 30]);
  });

  it("[PC4] parses keys, with or without .gz, and refuses malformed ones", () => {
    expect(parseChunkKey("0-256_256-512_64-128.gz")).toEqual({ begin: [0, 256, 64], end: [256, 512, 128] });
    expect(parseChunkKey(chunkKey([1, 2, 3], [4, 5, 6]))).toEqual({ begin: [1, 2, 3], end: [4, 5, 6] });
    expect(() => parseChunkKey("0-256_0-256")).toThrow(/expected x0-x1_y0-y1_z0-z1/);
    expect(() => parseChunkKey("5-5_0-1_0-1")).toThrow(/each end must exceed its begin/);
  });

  it("[PC5] computes compressed Morton codes as the specification's bit-by-bit algorithm", () => {
    // Full 3-D interleave while all dims have bits left: x0 y0 z0 x1 y1 z1 ...
    expect(compressedMortonCode([1, 0, 0], [4, 4, 4])).toBe(1n);
    expect(compressedMortonCode([0, 1, 0], [4, 4, 4])).toBe(2n);
    expect(compressedMortonCode([0, 0, 1], [4, 4, 4])).toBe(4n);
    expect(compressedMortonCode([2, 0, 0], [4, 4, 4])).toBe(8n);
    expect(compressedMortonCode([3, 3, 3], [4, 4, 4])).toBe(63n);
    // y has a single cell, so it contributes no bits: x0 z0 x1 z1 x2 z2 ...
    expect(compressedMortonCode([1, 0, 1], [8, 1, 8])).toBe(0b11n);
    expect(compressedMortonCode([4, 0, 0], [8, 1, 8])).toBe(0b10000n);
    // Once x runs out of bits (size 2), only z continues: x0 z0 z1 z2
    expect(compressedMortonCode([1, 0, 7], [2, 1, 8])).toBe(0b1111n);
    expect(compressedMortonCode([0, 0, 4], [2, 1, 8])).toBe(0b1000n);
    expect(() => compressedMortonCode([2, 0, 0], [2, 1, 1])).toThrow(/outside/);
  });
});
