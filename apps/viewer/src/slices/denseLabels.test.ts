import { describe, expect, it } from "vitest";
import { createSupervoxelSearch, denseLabelOf, labelsToDense } from "./denseLabels";

const ids = new BigUint64Array([3n, 17n, 0xffffffffn, 0x100000000n, 0x1_0000_0005n, 0xfedc_ba98_7654_3210n]);
const search = createSupervoxelSearch(ids);

describe("dense labels", () => {
  it("are 1 + the index of the supervoxel id, 0 for background and unknown ids", () => {
    const labels = new BigUint64Array([
      0n,
      3n,
      3n,
      17n,
      0xffffffffn,
      0x100000000n,
      4n,
      0x1_0000_0005n,
      0xfedc_ba98_7654_3210n,
      0n,
    ]);
    const out = new Uint32Array(labels.length);
    expect(labelsToDense(labels, search, out)).toBe(1);
    expect([...out]).toEqual([0, 1, 1, 2, 3, 4, 0, 5, 6, 0]);
  });

  it("agree with a map on random labels, uint64 and uint32", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed;
    };
    const many = new BigUint64Array(500);
    let id = 0n;
    for (let i = 0; i < many.length; i++) {
      id += BigInt(1 + (rand() % 100000)) * (i % 2 ? 1n : 65536n);
      many[i] = id;
    }
    const s = createSupervoxelSearch(many);
    const index = new Map<bigint, number>();
    many.forEach((v, i) => {
      index.set(v, i + 1);
    });
    const labels = new BigUint64Array(4000);
    for (let i = 0; i < labels.length; i++) {
      const r = rand() % 10;
      labels[i] = r === 0 ? 0n : r === 1 ? 123456789n : (many[rand() % many.length] as bigint);
    }
    const out = new Uint32Array(labels.length);
    const unknown = labelsToDense(labels, s, out);
    let expectedUnknown = 0;
    for (let i = 0; i < labels.length; i++) {
      const want = index.get(labels[i]!) ?? 0;
      if (want === 0 && labels[i] !== 0n) expectedUnknown++;
      expect(out[i]).toBe(want);
    }
    expect(unknown).toBe(expectedUnknown);
    // uint32 labels (ids below 2^32), converted in place.
    const small = createSupervoxelSearch(new BigUint64Array([5n, 9n, 4000000000n]));
    const labels32 = new Uint32Array([9, 9, 0, 5, 4000000000, 6]);
    expect(labelsToDense(labels32, small, labels32)).toBe(1);
    expect([...labels32]).toEqual([2, 2, 0, 1, 3, 0]);
  });

  it("finds every id by its halves", () => {
    for (let i = 0; i < ids.length; i++) {
      const v = ids[i]!;
      expect(denseLabelOf(search, Number(v >> 32n), Number(v & 0xffffffffn))).toBe(i + 1);
    }
    expect(denseLabelOf(createSupervoxelSearch(new BigUint64Array(0)), 0, 1)).toBe(0);
  });
});
