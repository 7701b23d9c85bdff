import { describe, expect, it } from "vitest";
import { formatId, InvalidIdError, MAX_UINT64, parseId } from "./ids";

describe("[I1] ids are uint64, decimal strings in JSON", () => {
  it("round-trips ids beyond 2^53 without loss", () => {
    const big = "18446744073709551615";
    expect(parseId(big)).toBe(MAX_UINT64);
    expect(formatId(parseId(big))).toBe(big);
    expect(parseId("9007199254740993")).toBe(9007199254740993n);
  });

  it("refuses negative, fractional, oversized and non-decimal ids, naming the field", () => {
    for (const bad of ["-1", "1.5", "18446744073709551616", "0x10", "01", "", " 1", 1.5, -3, null]) {
      expect(() => parseId(bad, "points[0].supervoxel")).toThrow(InvalidIdError);
    }
    expect(() => parseId("abc", "points[0].supervoxel")).toThrow(
      /points\[0\]\.supervoxel: expected a uint64 id/,
    );
  });
});
