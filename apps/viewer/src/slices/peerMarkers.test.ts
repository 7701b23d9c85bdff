import { describe, expect, it } from "vitest";
import { PEER_NEAR_VOXELS, placePeerMarker } from "./peerMarkers";
import type { SliceViewport } from "./sliceTransform";

const view: SliceViewport = { centreU: 128, centreV: 64, pixelsPerNm: 0.05, width: 400, height: 300 };
const vs = [32, 32, 32] as const;

describe("peer cursor markers", () => {
  it("places a cursor on the slice at its in-plane position, fully visible", () => {
    const out = [0, 0];
    const near = placePeerMarker([128 * 32, 64 * 32, 10.5 * 32], "xy", vs, [0, 0, 10], view, out);
    expect(near).toBe(1);
    expect(out).toEqual([200, 150]);
    // In the xz view the same cursor is at (x, z).
    expect(placePeerMarker([128 * 32, 20.5 * 32, 64 * 32], "xz", vs, [0, 20, 0], view, out)).toBe(1);
    expect(out).toEqual([200, 150]);
  });

  it("fades with distance from the slice and hides far or off-screen cursors", () => {
    const out = [0, 0];
    const a = placePeerMarker([128 * 32, 64 * 32, 14.5 * 32], "xy", vs, [0, 0, 10], view, out);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(1);
    expect(
      placePeerMarker(
        [128 * 32, 64 * 32, (10.5 + PEER_NEAR_VOXELS + 1) * 32],
        "xy",
        vs,
        [0, 0, 10],
        view,
        out,
      ),
    ).toBe(0);
    expect(placePeerMarker([1e7, 64 * 32, 10.5 * 32], "xy", vs, [0, 0, 10], view, out)).toBe(0);
  });
});
