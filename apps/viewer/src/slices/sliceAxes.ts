/**
 * The three orthogonal slice planes. A plane shows voxel dimension `u` to the right and `v` downwards;
 * `w` is its normal, the dimension the slice index moves along.
 */
export type SliceAxis = "xy" | "xz" | "yz";
export type Dim = 0 | 1 | 2;
export type Vec3 = [number, number, number];

export interface AxisDims {
  readonly u: Dim;
  readonly v: Dim;
  readonly w: Dim;
}

export const AXIS_DIMS: Readonly<Record<SliceAxis, AxisDims>> = {
  xy: { u: 0, v: 1, w: 2 },
  xz: { u: 0, v: 2, w: 1 },
  yz: { u: 1, v: 2, w: 0 },
};

export const SLICE_AXES: readonly SliceAxis[] = ["xy", "xz", "yz"];

/** Voxel bounds [min, max) of a volume, as in the dataset manifest. */
export interface VoxelBounds {
  readonly min: readonly [number, number, number];
  readonly max: readonly [number, number, number];
}

/** The slice moved `delta` voxels along the normal of `axis`, clamped to the bounds (a new array). */
export function steppedSlice(
  slice: readonly [number, number, number],
  axis: SliceAxis,
  delta: number,
  bounds: VoxelBounds,
): Vec3 {
  const w = AXIS_DIMS[axis].w;
  const out: Vec3 = [slice[0], slice[1], slice[2]];
  out[w] = clampIndex(Math.round(slice[w] + delta), bounds.min[w], bounds.max[w]);
  return out;
}

/** The voxel containing a position in nm (voxel i spans [i, i + 1) × voxel size), clamped to the bounds. */
export function voxelOfNm(
  nm: readonly [number, number, number],
  voxelSize: readonly [number, number, number],
  bounds: VoxelBounds,
): Vec3 {
  return [
    clampIndex(Math.floor(nm[0] / voxelSize[0]), bounds.min[0], bounds.max[0]),
    clampIndex(Math.floor(nm[1] / voxelSize[1]), bounds.min[1], bounds.max[1]),
    clampIndex(Math.floor(nm[2] / voxelSize[2]), bounds.min[2], bounds.max[2]),
  ];
}

function clampIndex(i: number, min: number, max: number): number {
  return Math.max(min, Math.min(max - 1, i));
}
