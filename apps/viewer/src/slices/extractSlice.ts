/**
 * Copies the cross-section of a chunk (x fastest, then y, then z) at one slice into a plane buffer (u
 * fastest, then v). Allocates nothing.
 */
import { AXIS_DIMS, type SliceAxis } from "./sliceAxes";

/** Where a plane buffer sits: plane coordinates of its first texel and its size in texels. */
export interface PlaneLayout {
  readonly minU: number;
  readonly minV: number;
  readonly width: number;
  readonly height: number;
}

type Box = readonly [number, number, number];

/**
 * The part of chunk [begin, end) the plane of `axis` at `w` shows, as [u0, v0, width, height] in plane
 * texels, written to `out`; false (and nothing written) when the chunk does not meet the plane.
 */
export function chunkPlaneRect(
  begin: Box,
  end: Box,
  axis: SliceAxis,
  w: number,
  plane: PlaneLayout,
  out: { [i: number]: number },
): boolean {
  const d = AXIS_DIMS[axis];
  if (w < begin[d.w] || w >= end[d.w]) return false;
  const u0 = Math.max(begin[d.u], plane.minU);
  const u1 = Math.min(end[d.u], plane.minU + plane.width);
  const v0 = Math.max(begin[d.v], plane.minV);
  const v1 = Math.min(end[d.v], plane.minV + plane.height);
  if (u1 <= u0 || v1 <= v0) return false;
  out[0] = u0 - plane.minU;
  out[1] = v0 - plane.minV;
  out[2] = u1 - u0;
  out[3] = v1 - v0;
  return true;
}

/**
 * Copies the voxels of chunk `src` (covering [begin, end), x fastest) on the plane of `axis` at `w` into
 * `dst` (the plane buffer laid out as `plane`). Writes the texel rectangle it filled to `rect` and returns
 * false when the chunk does not meet the plane.
 */
export function extractChunkSlice(
  src: Uint8Array | Uint32Array,
  begin: Box,
  end: Box,
  axis: SliceAxis,
  w: number,
  dst: Uint8Array | Uint32Array,
  plane: PlaneLayout,
  rect: { [i: number]: number },
): boolean {
  if (!chunkPlaneRect(begin, end, axis, w, plane, rect)) return false;
  const d = AXIS_DIMS[axis];
  const sx = end[0] - begin[0];
  const sy = end[1] - begin[1];
  if (src.length !== sx * sy * (end[2] - begin[2])) {
    throw new RangeError(
      `extractChunkSlice: chunk holds ${src.length} voxels, its box ${sx}x${sy}x${end[2] - begin[2]}`,
    );
  }
  const su = strideOf(d.u, sx, sy);
  const sv = strideOf(d.v, sx, sy);
  const tu = rect[0]!;
  const tv = rect[1]!;
  const width = rect[2]!;
  const height = rect[3]!;
  const lu = plane.minU + tu - begin[d.u];
  const lv = plane.minV + tv - begin[d.v];
  const base = (w - begin[d.w]) * strideOf(d.w, sx, sy) + lu * su;
  for (let j = 0; j < height; j++) {
    let s = base + (lv + j) * sv;
    let t = (tv + j) * plane.width + tu;
    if (su === 1) {
      dst.set(src.subarray(s, s + width), t);
      continue;
    }
    for (let i = 0; i < width; i++) {
      dst[t++] = src[s]!;
      s += su;
    }
  }
  return true;
}

/** Element stride of dimension `dim` in an x-fastest box of sx × sy × … voxels. */
function strideOf(dim: number, sx: number, sy: number): number {
  return dim === 0 ? 1 : dim === 1 ? sx : sx * sy;
}
