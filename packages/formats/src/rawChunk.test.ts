import { describe, expect, it } from "vitest";
import { copyBox } from "./copyBox";
import { createVoxelArray, decodeRawChunk, encodeRawChunk } from "./rawChunk";

describe("raw chunks", () => {
  it("[PC6] stores voxels little-endian, x fastest, with no header", () => {
    const v = Uint32Array.of(0x01020304, 0xa0b0c0d0);
    expect(Array.from(encodeRawChunk(v))).toEqual([4, 3, 2, 1, 0xd0, 0xc0, 0xb0, 0xa0]);
    const u64 = BigUint64Array.of(0x0102030405060708n);
    expect(Array.from(encodeRawChunk(u64))).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it("[PC6] round-trips every data type", () => {
    const shape: [number, number, number] = [3, 2, 2];
    const n = 12;
    const cases = [
      Uint8Array.from({ length: n }, (_, i) => i * 20),
      Uint16Array.from({ length: n }, (_, i) => i * 5000),
      Uint32Array.from({ length: n }, (_, i) => i * 300_000_000),
      BigUint64Array.from({ length: n }, (_, i) => BigInt(i) << 50n),
      Float32Array.from({ length: n }, (_, i) => i / 3 - 1),
    ] as const;
    const types = ["uint8", "uint16", "uint32", "uint64", "float32"] as const;
    cases.forEach((data, k) => {
      const back = decodeRawChunk(encodeRawChunk(data), types[k]!, shape);
      expect(back).toEqual(data);
      expect(createVoxelArray(types[k]!, 1)).toBeInstanceOf(data.constructor);
    });
  });

  it("[PC6] refuses a chunk of the wrong length, naming it", () => {
    expect(() => decodeRawChunk(new Uint8Array(10), "uint16", [2, 2, 2], 1, "img/0-2_0-2_0-2")).toThrow(
      /img\/0-2_0-2_0-2: raw uint16 chunk of 2x2x2x1 needs 16 bytes, got 10/,
    );
  });

  it("copies boxes between volumes and refuses boxes that do not fit", () => {
    const src = Uint8Array.from({ length: 4 * 3 * 2 }, (_, i) => i);
    const dst = new Uint8Array(2 * 2 * 2);
    copyBox(src, [4, 3, 2], [1, 1, 0], dst, [2, 2, 2], [0, 0, 0], [2, 2, 2]);
    expect(Array.from(dst)).toEqual([5, 6, 9, 10, 17, 18, 21, 22]);
    expect(() => copyBox(src, [4, 3, 2], [3, 0, 0], dst, [2, 2, 2], [0, 0, 0], [2, 1, 1])).toThrow(/exceeds/);
    expect(() =>
      copyBox(src, [4, 3, 2], [0, 0, 0], new Uint16Array(8), [2, 2, 2], [0, 0, 0], [1, 1, 1]),
    ).toThrow(/cannot copy Uint8Array into Uint16Array/);
  });
});
