import { describe, expect, it } from "vitest";
import { decodeCompressedSegmentation, encodeCompressedSegmentation } from "./compressedSegmentation";
import type { Vec3 } from "./precomputedInfo";

const words = (...w: number[]) => new Uint8Array(Uint32Array.from(w).buffer);

/** The 4×2×2 volume of the hand-worked example: block x 0–1 holds 5 and 7, block x 2–3 only 9. */
const HAND = Uint32Array.of(7, 5, 9, 9, 5, 5, 9, 9, 5, 7, 9, 9, 7, 7, 9, 9);
// Worked out from the README by hand: channel header [1]; block headers (table offset | bits << 24,
// values offset); block 0 values: local voxels 0, 5, 6, 7 are 7 (index 1) → 0b11100001 = 225; block 0
// table [5, 7]; block 1 has 0 bits, no value words, table [9].
const HAND_BYTES = words(1, 5 | (1 << 24), 4, 7, 7, 225, 5, 7, 9);

/** A deterministic pseudo-random generator for test volumes. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomVolume(shape: Vec3, distinct: number, seed: number): Uint32Array {
  const r = lcg(seed);
  const v = new Uint32Array(shape[0] * shape[1] * shape[2]);
  for (let i = 0; i < v.length; i++) v[i] = 1000 + Math.floor(r() * distinct) * 7919;
  return v;
}

describe("compressed_segmentation", () => {
  it("[CS1] [CS2] decodes the hand-worked example and encodes to exactly its bytes", () => {
    expect(decodeCompressedSegmentation(HAND_BYTES, "uint32", [4, 2, 2], [2, 2, 2])).toEqual(HAND);
    expect(Array.from(encodeCompressedSegmentation(HAND, [4, 2, 2], [2, 2, 2]))).toEqual(
      Array.from(HAND_BYTES),
    );
  });

  it("[CS3] stores uint64 lookup entries as two little-endian words, low word first", () => {
    const big = (1n << 40n) + 7n;
    const vol = BigUint64Array.from(Array.from(HAND, (v) => (v === 7 ? big : BigInt(v))));
    const expected = words(1, 5 | (1 << 24), 4, 9, 9, 225, 5, 0, 7, 256, 9, 0);
    expect(Array.from(encodeCompressedSegmentation(vol, [4, 2, 2], [2, 2, 2]))).toEqual(Array.from(expected));
    const back = decodeCompressedSegmentation(expected, "uint64", [4, 2, 2], [2, 2, 2]);
    expect(back).toBeInstanceOf(BigUint64Array);
    expect(back).toEqual(vol);
  });

  it("[CS2] shares an identical lookup table between blocks", () => {
    const vol = Uint32Array.of(7, 5, 7, 5, 5, 5, 5, 5, 5, 7, 5, 7, 7, 7, 7, 7);
    const bytes = encodeCompressedSegmentation(vol, [4, 2, 2], [2, 2, 2]);
    expect(Array.from(new Uint32Array(bytes.buffer))).toEqual([
      1,
      5 | (1 << 24),
      4,
      5 | (1 << 24),
      7,
      225,
      5,
      7,
      225,
    ]);
    expect(decodeCompressedSegmentation(bytes, "uint32", [4, 2, 2], [2, 2, 2])).toEqual(vol);
  });

  it("[CS2] picks the smallest allowed bit width for the number of distinct values", () => {
    const cases: [number, number][] = [
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 2],
      [5, 4],
      [16, 4],
      [17, 8],
      [256, 8],
      [257, 16],
    ];
    for (const [distinct, bits] of cases) {
      const vol = Uint32Array.from({ length: 512 }, (_, i) => 100 + (i % distinct));
      const bytes = encodeCompressedSegmentation(vol, [8, 8, 8], [8, 8, 8]);
      const header = new Uint32Array(bytes.buffer);
      expect(header[1]! >>> 24, `${distinct} values`).toBe(bits);
      expect(decodeCompressedSegmentation(bytes, "uint32", [8, 8, 8], [8, 8, 8])).toEqual(vol);
    }
    const all = Uint32Array.from({ length: 64 * 64 * 32 }, (_, i) => i * 3 + 1);
    const bytes = encodeCompressedSegmentation(all, [64, 64, 32], [64, 64, 32]);
    expect(new Uint32Array(bytes.buffer)[1]! >>> 24).toBe(32);
    expect(decodeCompressedSegmentation(bytes, "uint32", [64, 64, 32], [64, 64, 32])).toEqual(all);
  });

  it("[CS4] round-trips volumes whose size is not a multiple of the block size", () => {
    for (const [shape, block, distinct] of [
      [[13, 7, 5], [8, 8, 8], 3],
      [[64, 33, 17], [8, 8, 8], 40],
      [[9, 9, 9], [4, 2, 8], 2],
      [[1, 1, 1], [8, 8, 8], 1],
    ] as [Vec3, Vec3, number][]) {
      const vol = randomVolume(shape, distinct, shape[0] * 31 + distinct);
      const bytes = encodeCompressedSegmentation(vol, shape, block);
      expect(decodeCompressedSegmentation(bytes, "uint32", shape, block)).toEqual(vol);
      const vol64 = BigUint64Array.from(vol, (v) => BigInt(v) * 0x1_0000_0001n);
      const bytes64 = encodeCompressedSegmentation(vol64, shape, block);
      expect(decodeCompressedSegmentation(bytes64, "uint64", shape, block)).toEqual(vol64);
    }
  });

  it("[CS5] writes and reads the multi-channel header (offsets in words, the first equal to num_channels)", () => {
    const shape: Vec3 = [6, 5, 4];
    const n = 6 * 5 * 4;
    const two = new Uint32Array(2 * n);
    two.set(randomVolume(shape, 3, 1), 0);
    two.set(randomVolume(shape, 9, 2), n);
    const bytes = encodeCompressedSegmentation(two, shape, [4, 4, 4], 2);
    const w = new Uint32Array(bytes.buffer);
    expect(w[0]).toBe(2);
    const one = encodeCompressedSegmentation(two.subarray(0, n), shape, [4, 4, 4]);
    expect(w[1]).toBe(2 + (one.length / 4 - 1));
    expect(decodeCompressedSegmentation(bytes, "uint32", shape, [4, 4, 4], 2)).toEqual(two);
  });

  it("[CS6] refuses corrupt data with an error naming the chunk", () => {
    expect(() =>
      decodeCompressedSegmentation(
        HAND_BYTES.subarray(0, 10),
        "uint32",
        [4, 2, 2],
        [2, 2, 2],
        1,
        "seg/0-4_0-2_0-2",
      ),
    ).toThrow(/seg\/0-4_0-2_0-2: compressed_segmentation data must be a whole number of 32-bit words/);
    expect(() =>
      decodeCompressedSegmentation(HAND_BYTES.subarray(0, 12), "uint32", [4, 2, 2], [2, 2, 2], 1, "c"),
    ).toThrow(/c: truncated: 2 block headers/);
    expect(() =>
      decodeCompressedSegmentation(
        words(1, 5 | (3 << 24), 4, 7, 7, 225, 5, 7, 9),
        "uint32",
        [4, 2, 2],
        [2, 2, 2],
        1,
        "c",
      ),
    ).toThrow(/encodedBits 3/);
    expect(() =>
      decodeCompressedSegmentation(
        words(1, 50 | (1 << 24), 4, 7, 7, 225, 5, 7, 9),
        "uint32",
        [4, 2, 2],
        [2, 2, 2],
        1,
        "c",
      ),
    ).toThrow(/points past the end/);
    expect(() =>
      decodeCompressedSegmentation(
        words(2, 5 | (1 << 24), 4, 7, 7, 225, 5, 7, 9),
        "uint32",
        [4, 2, 2],
        [2, 2, 2],
        1,
        "c",
      ),
    ).toThrow(/channel 0 offset 2 is invalid/);
    expect(() => encodeCompressedSegmentation(HAND, [4, 2, 3], [2, 2, 2])).toThrow(
      /16 labels given for shape 4x2x3/,
    );
  });
});
