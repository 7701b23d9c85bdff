import { describe, expect, it } from "vitest";
import { AXIS_DIMS, steppedSlice, voxelOfNm } from "./sliceAxes";

const bounds = { min: [0, 0, 0], max: [256, 256, 128] } as const;

describe("slice axes", () => {
  it("each plane shows two dimensions and moves along the third", () => {
    for (const d of Object.values(AXIS_DIMS)) expect([d.u, d.v, d.w].sort()).toEqual([0, 1, 2]);
    expect(AXIS_DIMS.xy.w).toBe(2);
    expect(AXIS_DIMS.xz.w).toBe(1);
    expect(AXIS_DIMS.yz.w).toBe(0);
  });

  it("steps along the normal only, clamped to the bounds", () => {
    expect(steppedSlice([10, 20, 30], "xy", 5, bounds)).toEqual([10, 20, 35]);
    expect(steppedSlice([10, 20, 30], "xz", -3, bounds)).toEqual([10, 17, 30]);
    expect(steppedSlice([10, 20, 30], "yz", 1, bounds)).toEqual([11, 20, 30]);
    expect(steppedSlice([10, 20, 126], "xy", 10, bounds)).toEqual([10, 20, 127]);
    expect(steppedSlice([3, 20, 30], "yz", -10, bounds)).toEqual([0, 20, 30]);
  });

  it("finds the voxel of a point in nm (voxel i spans [i, i + 1) voxel sizes)", () => {
    expect(voxelOfNm([0, 31.9, 32], [32, 32, 40], bounds)).toEqual([0, 0, 0]);
    expect(voxelOfNm([64, 64, 80], [32, 32, 40], bounds)).toEqual([2, 2, 2]);
    expect(voxelOfNm([-5, 1e9, 100], [32, 32, 40], bounds)).toEqual([0, 255, 2]);
  });
});
