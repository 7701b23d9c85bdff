/**
 * Where other users' 3D cursors appear in a slice view: a cursor within PEER_NEAR_VOXELS of the slice
 * (along the plane's normal) is drawn at its in-plane position, fading with distance.
 */
import type { Presence } from "@danio/sync";
import { AXIS_DIMS, type SliceAxis } from "./sliceAxes";
import { planeToScreen, type SliceViewport } from "./sliceTransform";

/** How far from the slice, in voxels along its normal, a cursor is still shown. */
export const PEER_NEAR_VOXELS = 12;
/** Off-screen margin (CSS pixels) within which a marker is still drawn (its label may show). */
const MARGIN = 24;

type V3 = readonly [number, number, number];

/**
 * Writes the screen position (CSS pixels) of a cursor at `nm` to `out` [x, y] and returns its closeness:
 * 1 on the slice, falling linearly to just above 0 at PEER_NEAR_VOXELS, and 0 when it is farther or off
 * screen (then `out` is meaningless).
 */
export function placePeerMarker(
  nm: V3,
  axis: SliceAxis,
  voxelSize: V3,
  slice: V3,
  view: SliceViewport,
  out: { [i: number]: number },
): number {
  const d = AXIS_DIMS[axis];
  const distance = Math.abs(nm[d.w] / voxelSize[d.w] - (slice[d.w] + 0.5));
  if (!(distance <= PEER_NEAR_VOXELS)) return 0;
  planeToScreen(
    view,
    voxelSize[d.u],
    voxelSize[d.v],
    nm[d.u] / voxelSize[d.u],
    nm[d.v] / voxelSize[d.v],
    out,
  );
  const x = out[0]!;
  const y = out[1]!;
  if (x < -MARGIN || y < -MARGIN || x > view.width + MARGIN || y > view.height + MARGIN) return 0;
  return Math.max(0.05, 1 - Math.max(0, distance - 0.5) / PEER_NEAR_VOXELS);
}

/**
 * Draws the markers of the peers' cursors near the slice on a 2D canvas (CSS pixel coordinates): a ring
 * in the peer's colour, sized and faded by closeness, with the peer's name. `scratch` holds two numbers.
 */
export function drawPeerMarkers(
  ctx: CanvasRenderingContext2D,
  peers: readonly Presence[],
  axis: SliceAxis,
  voxelSize: V3,
  slice: V3,
  view: SliceViewport,
  scratch: { [i: number]: number },
): void {
  ctx.font = "11px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  for (const peer of peers) {
    if (!peer.cursor) continue;
    const near = placePeerMarker(peer.cursor.position, axis, voxelSize, slice, view, scratch);
    if (near <= 0) continue;
    const x = scratch[0]!;
    const y = scratch[1]!;
    ctx.globalAlpha = 0.35 + 0.65 * near;
    ctx.strokeStyle = peer.user.colour;
    ctx.fillStyle = peer.user.colour;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 3 + 4 * near, 0, Math.PI * 2);
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x, y, 1.5, 0, Math.PI * 2);
    ctx.fill();
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(0, 0, 0, 0.75)";
    ctx.strokeText(peer.user.name, x + 10, y - 8);
    ctx.fillText(peer.user.name, x + 10, y - 8);
  }
  ctx.globalAlpha = 1;
}
