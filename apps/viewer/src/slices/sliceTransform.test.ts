import { describe, expect, it } from "vitest";
import {
  fitViewport,
  MAX_PIXELS_PER_VOXEL,
  panViewport,
  planeTexelAt,
  planeToScreen,
  type SliceViewport,
  screenToPlane,
  screenToVoxel,
  shaderMapping,
  voxelToNm,
  wheelPixels,
  wheelSteps,
  zoomViewportAt,
} from "./sliceTransform";

const view = (): SliceViewport => ({ centreU: 128, centreV: 64, pixelsPerNm: 0.05, width: 400, height: 300 });

describe("slice view coordinates", () => {
  it("screen and plane coordinates are inverse, with anisotropic voxels", () => {
    const v = view();
    const p = [0, 0];
    const s = [0, 0];
    for (const [x, y] of [
      [0, 0],
      [200, 150],
      [399, 17.5],
    ] as const) {
      screenToPlane(v, 8, 40, x, y, p);
      planeToScreen(v, 8, 40, p[0]!, p[1]!, s);
      expect(s[0]).toBeCloseTo(x, 9);
      expect(s[1]).toBeCloseTo(y, 9);
    }
    screenToPlane(v, 8, 40, 200, 150, p);
    expect(p).toEqual([128, 64]);
    // 0.05 px/nm: an 8 nm voxel is 0.4 px wide, a 40 nm one 2 px high.
    screenToPlane(v, 8, 40, 204, 152, p);
    expect(p[0]).toBeCloseTo(138, 9);
    expect(p[1]).toBeCloseTo(65, 9);
  });

  it("maps a screen point to volume voxels and nm for each axis (w at the slice's voxel centre)", () => {
    const v = view();
    const out = [0, 0, 0];
    screenToVoxel(v, "xy", [32, 32, 32], [10, 20, 30], 200, 150, out);
    expect(out).toEqual([128, 64, 30.5]);
    screenToVoxel(v, "xz", [32, 32, 32], [10, 20, 30], 200, 150, out);
    expect(out).toEqual([128, 20.5, 64]);
    screenToVoxel(v, "yz", [32, 32, 32], [10, 20, 30], 200, 150, out);
    expect(out).toEqual([10.5, 128, 64]);
    const nm = [0, 0, 0];
    voxelToNm(out, [32, 16, 8], nm);
    expect(nm).toEqual([336, 2048, 512]);
  });

  it("finds the plane texel under the pointer, -1 outside", () => {
    const v: SliceViewport = { centreU: 2, centreV: 1, pixelsPerNm: 1, width: 40, height: 20 };
    // 10 px per voxel: texel (0,0) spans screen x 0..10, y 0..10 when the plane starts at 0.
    expect(planeTexelAt(v, 10, 10, 0, 0, 4, 2, 5, 5)).toBe(0);
    expect(planeTexelAt(v, 10, 10, 0, 0, 4, 2, 35, 15)).toBe(1 * 4 + 3);
    expect(planeTexelAt(v, 10, 10, 0, 0, 4, 2, 41, 5)).toBe(-1);
    expect(planeTexelAt(v, 10, 10, 1, 0, 4, 2, 5, 5)).toBe(-1);
  });

  it("fits the plane, pans with the pointer and zooms about it", () => {
    const v = view();
    fitViewport(v, 32, 32, 0, 0, 256, 128, 0);
    expect(v.centreU).toBe(128);
    expect(v.centreV).toBe(64);
    // 256 voxels of 32 nm in 400 px; 128 in 300 px: the width limits.
    expect(v.pixelsPerNm).toBeCloseTo(400 / (256 * 32), 12);
    const before = [0, 0];
    screenToPlane(v, 32, 32, 300, 40, before);
    panViewport(v, 32, 32, 25, -10);
    const after = [0, 0];
    screenToPlane(v, 32, 32, 325, 30, after);
    expect(after[0]).toBeCloseTo(before[0]!, 9);
    expect(after[1]).toBeCloseTo(before[1]!, 9);
    screenToPlane(v, 32, 32, 50, 250, before);
    zoomViewportAt(v, 32, 32, 50, 250, 3);
    screenToPlane(v, 32, 32, 50, 250, after);
    expect(after[0]).toBeCloseTo(before[0]!, 9);
    expect(after[1]).toBeCloseTo(before[1]!, 9);
    zoomViewportAt(v, 32, 32, 0, 0, 1e9);
    expect(v.pixelsPerNm * 32).toBeCloseTo(MAX_PIXELS_PER_VOXEL, 9);
  });

  it("gives the shader the plane point of each device pixel", () => {
    const v = view();
    const m = [0, 0, 0, 0];
    shaderMapping(v, 8, 40, 2, m);
    const p = [0, 0];
    // Device pixel (x, y) is CSS pixel (x / 2, y / 2).
    screenToPlane(v, 8, 40, 123 / 2, 77 / 2, p);
    expect(m[0]! + 123 * m[2]!).toBeCloseTo(p[0]!, 9);
    expect(m[1]! + 77 * m[3]!).toBeCloseTo(p[1]!, 9);
  });

  it("moves one slice per wheel notch and lets small deltas add up", () => {
    expect(wheelSteps(wheelPixels(100, 0))).toBe(1);
    expect(wheelSteps(wheelPixels(-120, 0))).toBe(-1);
    expect(wheelSteps(wheelPixels(3, 1))).toBe(1);
    expect(wheelSteps(wheelPixels(300, 0))).toBe(3);
    expect(wheelSteps(4)).toBe(0);
    expect(wheelSteps(52)).toBe(1);
  });
});
