/**
 * A volume's chunk grid, format-neutral, and which chunks a slice plane cuts. Coordinates are global
 * voxels; chunks at the upper edge are truncated to the volume.
 */
import { AXIS_DIMS, type SliceAxis, type Vec3 } from "./sliceAxes";

export interface ChunkGrid {
  /** Global voxel coordinates of the volume's first voxel. */
  readonly offset: readonly [number, number, number];
  /** Volume size in voxels. */
  readonly size: readonly [number, number, number];
  /** Chunk size in voxels. */
  readonly chunkSize: readonly [number, number, number];
}

export interface ChunkRef {
  /** Grid position. */
  readonly grid: Vec3;
  /** Global voxel begin (inclusive) and end (exclusive). */
  readonly begin: Vec3;
  readonly end: Vec3;
  /** "gx,gy,gz": the cache key. */
  readonly key: string;
}

/** A rectangle of a plane in plane coordinates (u, v), [min, max). */
export interface PlaneRect {
  minU: number;
  minV: number;
  maxU: number;
  maxV: number;
}

/** Number of chunks along each dimension. */
export function gridShape(grid: ChunkGrid): Vec3 {
  return [
    Math.ceil(grid.size[0] / grid.chunkSize[0]),
    Math.ceil(grid.size[1] / grid.chunkSize[1]),
    Math.ceil(grid.size[2] / grid.chunkSize[2]),
  ];
}

/** The chunk at grid position `g`. */
export function chunkRef(grid: ChunkGrid, g: readonly [number, number, number]): ChunkRef {
  const begin: Vec3 = [0, 0, 0];
  const end: Vec3 = [0, 0, 0];
  for (let d = 0; d < 3; d++) {
    begin[d] = grid.offset[d]! + g[d]! * grid.chunkSize[d]!;
    end[d] = grid.offset[d]! + Math.min((g[d]! + 1) * grid.chunkSize[d]!, grid.size[d]!);
  }
  return { grid: [g[0], g[1], g[2]], begin, end, key: `${g[0]},${g[1]},${g[2]}` };
}

/**
 * The chunks that the plane of `axis` at voxel index `w` cuts, limited to those meeting `rect` (plane
 * coordinates) when given; empty when `w` is outside the volume. Ordered from the rectangle's centre
 * outwards, so that what is in view loads first.
 */
export function chunksForSlice(grid: ChunkGrid, axis: SliceAxis, w: number, rect?: PlaneRect): ChunkRef[] {
  const d = AXIS_DIMS[axis];
  const shape = gridShape(grid);
  const lw = w - grid.offset[d.w];
  if (!(lw >= 0 && lw < grid.size[d.w])) return [];
  const gw = Math.floor(lw / grid.chunkSize[d.w]);
  let u0 = 0;
  let u1 = shape[d.u] - 1;
  let v0 = 0;
  let v1 = shape[d.v] - 1;
  if (rect) {
    u0 = Math.max(u0, Math.floor((rect.minU - grid.offset[d.u]) / grid.chunkSize[d.u]));
    u1 = Math.min(u1, Math.ceil((rect.maxU - grid.offset[d.u]) / grid.chunkSize[d.u]) - 1);
    v0 = Math.max(v0, Math.floor((rect.minV - grid.offset[d.v]) / grid.chunkSize[d.v]));
    v1 = Math.min(v1, Math.ceil((rect.maxV - grid.offset[d.v]) / grid.chunkSize[d.v]) - 1);
  }
  const out: ChunkRef[] = [];
  const g: Vec3 = [0, 0, 0];
  for (let gv = v0; gv <= v1; gv++) {
    for (let gu = u0; gu <= u1; gu++) {
      g[d.u] = gu;
      g[d.v] = gv;
      g[d.w] = gw;
      out.push(chunkRef(grid, g));
    }
  }
  const cu = (u0 + u1) / 2;
  const cv = (v0 + v1) / 2;
  const dist = (c: ChunkRef) => Math.abs(c.grid[d.u] - cu) + Math.abs(c.grid[d.v] - cv);
  return out.sort((a, b) => dist(a) - dist(b));
}

/** True when the slice planes at `a` and `b` along the normal of `axis` cut the same layer of chunks. */
export function sameChunkLayer(grid: ChunkGrid, axis: SliceAxis, a: number, b: number): boolean {
  const w = AXIS_DIMS[axis].w;
  const cs = grid.chunkSize[w];
  return Math.floor((a - grid.offset[w]) / cs) === Math.floor((b - grid.offset[w]) / cs);
}
