import { describe, expect, it } from "vitest";
import { batchRanges } from "./batchRanges";

describe("batchRanges", () => {
  it("merges ranges separated by small gaps, in offset order, and remembers which input went where", () => {
    const ranges = [
      { offset: 1000, length: 10 },
      { offset: 0, length: 100 },
      { offset: 110, length: 50 },
      { offset: 5000, length: 10 },
    ];
    const batches = batchRanges(ranges, { maxGap: 20, maxLength: 10_000 });
    expect(batches).toEqual([
      { offset: 0, length: 160, members: [1, 2] },
      { offset: 1000, length: 10, members: [0] },
      { offset: 5000, length: 10, members: [3] },
    ]);
  });

  it("never grows a batch past maxLength, but keeps an oversized single range whole", () => {
    const ranges = [
      { offset: 0, length: 60 },
      { offset: 60, length: 60 },
      { offset: 120, length: 500 },
    ];
    const batches = batchRanges(ranges, { maxGap: 100, maxLength: 128 });
    expect(batches.map((b) => [b.offset, b.length, b.members])).toEqual([
      [0, 120, [0, 1]],
      [120, 500, [2]],
    ]);
  });

  it("lets duplicate and overlapping ranges share a batch, and skips empty ones", () => {
    const batches = batchRanges(
      [
        { offset: 10, length: 20 },
        { offset: 10, length: 20 },
        { offset: 15, length: 30 },
        { offset: 99, length: 0 },
      ],
      { maxGap: 0, maxLength: 1000 },
    );
    expect(batches).toEqual([{ offset: 10, length: 35, members: [0, 1, 2] }]);
  });
});
