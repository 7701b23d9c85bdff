/**
 * Coordinates of one slice view: screen (CSS pixels, origin top-left, y down) ↔ plane (continuous voxel
 * coordinates u, v of the plane) ↔ volume voxels (continuous; voxel i spans [i, i + 1), its centre is
 * i + 0.5) ↔ nm (continuous voxels × voxel size). Functions write into the `out` they are given and
 * allocate nothing, so pointer handlers and the draw call can use them freely.
 */
import { AXIS_DIMS, type SliceAxis } from "./sliceAxes";

/** What one slice view shows: a mutable object owned by its controller. */
export interface SliceViewport {
  /** Plane coordinates (continuous voxels) at the centre of the canvas. */
  centreU: number;
  centreV: number;
  /** Zoom: CSS pixels per nm (so anisotropic voxels keep their true proportions). */
  pixelsPerNm: number;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
}

export type Out = { [i: number]: number };
type Size3 = readonly [number, number, number];

export const MIN_PIXELS_PER_VOXEL = 0.05;
export const MAX_PIXELS_PER_VOXEL = 64;

/** Screen point → plane coordinates (u, v) in continuous voxels. */
export function screenToPlane(
  view: SliceViewport,
  sizeU: number,
  sizeV: number,
  x: number,
  y: number,
  out: Out,
): void {
  out[0] = view.centreU + (x - view.width / 2) / (view.pixelsPerNm * sizeU);
  out[1] = view.centreV + (y - view.height / 2) / (view.pixelsPerNm * sizeV);
}

/** Plane coordinates (u, v) → screen point (CSS pixels). */
export function planeToScreen(
  view: SliceViewport,
  sizeU: number,
  sizeV: number,
  u: number,
  v: number,
  out: Out,
): void {
  out[0] = view.width / 2 + (u - view.centreU) * view.pixelsPerNm * sizeU;
  out[1] = view.height / 2 + (v - view.centreV) * view.pixelsPerNm * sizeV;
}

/**
 * Screen point → continuous voxel coordinates in the volume: u and v from the view, w at the centre of
 * the current slice.
 */
export function screenToVoxel(
  view: SliceViewport,
  axis: SliceAxis,
  voxelSize: Size3,
  slice: Size3,
  x: number,
  y: number,
  out: Out,
): void {
  const { u, v, w } = AXIS_DIMS[axis];
  screenToPlane(view, voxelSize[u], voxelSize[v], x, y, out);
  const pu = out[0]!;
  const pv = out[1]!;
  out[u] = pu;
  out[v] = pv;
  out[w] = slice[w] + 0.5;
}

/** Continuous voxel coordinates → nm. */
export function voxelToNm(voxel: Size3 | Out, voxelSize: Size3, out: Out): void {
  out[0] = voxel[0]! * voxelSize[0];
  out[1] = voxel[1]! * voxelSize[1];
  out[2] = voxel[2]! * voxelSize[2];
}

/** nm → continuous voxel coordinates. */
export function nmToVoxel(nm: Size3 | Out, voxelSize: Size3, out: Out): void {
  out[0] = nm[0]! / voxelSize[0];
  out[1] = nm[1]! / voxelSize[1];
  out[2] = nm[2]! / voxelSize[2];
}

/**
 * The plane texel under a screen point: its index in a plane buffer of `planeWidth` × `planeHeight`
 * texels starting at plane coordinates (`originU`, `originV`), or -1 outside the plane.
 */
export function planeTexelAt(
  view: SliceViewport,
  sizeU: number,
  sizeV: number,
  originU: number,
  originV: number,
  planeWidth: number,
  planeHeight: number,
  x: number,
  y: number,
): number {
  const pu = view.centreU + (x - view.width / 2) / (view.pixelsPerNm * sizeU);
  const pv = view.centreV + (y - view.height / 2) / (view.pixelsPerNm * sizeV);
  const tu = Math.floor(pu - originU);
  const tv = Math.floor(pv - originV);
  if (tu < 0 || tv < 0 || tu >= planeWidth || tv >= planeHeight) return -1;
  return tv * planeWidth + tu;
}

/** Centres the plane [minU, maxU) × [minV, maxV) in the view and zooms it to fit with a margin. */
export function fitViewport(
  view: SliceViewport,
  sizeU: number,
  sizeV: number,
  minU: number,
  minV: number,
  maxU: number,
  maxV: number,
  margin = 0.04,
): void {
  view.centreU = (minU + maxU) / 2;
  view.centreV = (minV + maxV) / 2;
  const spanU = Math.max(1e-9, (maxU - minU) * sizeU);
  const spanV = Math.max(1e-9, (maxV - minV) * sizeV);
  const fit = Math.min(view.width / spanU, view.height / spanV) * (1 - 2 * margin);
  view.pixelsPerNm = fit > 0 && Number.isFinite(fit) ? fit : 1 / Math.max(sizeU, sizeV);
}

/** Moves the view by a drag of (dx, dy) CSS pixels: the content follows the pointer. */
export function panViewport(view: SliceViewport, sizeU: number, sizeV: number, dx: number, dy: number): void {
  view.centreU -= dx / (view.pixelsPerNm * sizeU);
  view.centreV -= dy / (view.pixelsPerNm * sizeV);
}

/**
 * Zooms by `factor` about the screen point (x, y), which keeps showing the same plane point. The zoom is
 * clamped so that a voxel spans between MIN_ and MAX_PIXELS_PER_VOXEL pixels (by its larger side).
 */
export function zoomViewportAt(
  view: SliceViewport,
  sizeU: number,
  sizeV: number,
  x: number,
  y: number,
  factor: number,
): void {
  const big = Math.max(sizeU, sizeV);
  const next = Math.min(
    MAX_PIXELS_PER_VOXEL / big,
    Math.max(MIN_PIXELS_PER_VOXEL / big, view.pixelsPerNm * factor),
  );
  const du = (x - view.width / 2) / sizeU;
  const dv = (y - view.height / 2) / sizeV;
  // The plane point under (x, y) before and after must agree.
  view.centreU += du / view.pixelsPerNm - du / next;
  view.centreV += dv / view.pixelsPerNm - dv / next;
  view.pixelsPerNm = next;
}

/**
 * The uniforms of the slice shader: plane coordinates of the top-left device pixel and voxels per device
 * pixel along u and v, written to `out` [originU, originV, stepU, stepV].
 */
export function shaderMapping(
  view: SliceViewport,
  sizeU: number,
  sizeV: number,
  devicePixelRatio: number,
  out: Out,
): void {
  const pu = view.pixelsPerNm * sizeU;
  const pv = view.pixelsPerNm * sizeV;
  out[0] = view.centreU - view.width / 2 / pu;
  out[1] = view.centreV - view.height / 2 / pv;
  out[2] = 1 / (pu * devicePixelRatio);
  out[3] = 1 / (pv * devicePixelRatio);
}

/** Wheel pixels of one mouse-wheel notch (Chromium, Firefox in pixel mode); one notch moves one slice. */
export const WHEEL_NOTCH_PIXELS = 100;

/** A wheel event's vertical delta in pixels, whatever its delta mode (0 pixels, 1 lines, 2 pages). */
export function wheelPixels(deltaY: number, deltaMode: number): number {
  if (deltaMode === 1) return deltaY * 40;
  if (deltaMode === 2) return deltaY * 800;
  return deltaY;
}

/**
 * Slice steps for an accumulated wheel delta: nothing below half a notch (a trackpad's small deltas add
 * up first), else one step per notch, at least one. The caller resets its accumulator after a step.
 */
export function wheelSteps(accumulatedPixels: number): number {
  const a = Math.abs(accumulatedPixels);
  if (a < WHEEL_NOTCH_PIXELS / 2) return 0;
  return Math.sign(accumulatedPixels) * Math.max(1, Math.round(a / WHEEL_NOTCH_PIXELS));
}
