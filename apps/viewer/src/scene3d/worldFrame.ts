/**
 * The 3D view's one world frame: **nanometres**, the dataset's global axes (x, y, z), origin at voxel
 * coordinate 0. Mesh vertices decode to nm, synapse positions and everybody's cursors are in nm, so only the
 * slice position (voxels, in the store) and the bounds (voxels, in the manifest) are converted here.
 * Continuous voxel coordinates put voxel i's centre at i + 0.5 (as the generator does), so slice i is drawn
 * through the middle of voxel layer i.
 */
export type Vec3 = [number, number, number];

export interface WorldFrame {
  /** Nanometres per voxel. */
  voxelSize: Vec3;
  /** The dataset's box in nm: [min, max). */
  min: Vec3;
  max: Vec3;
}

export function createWorldFrame(manifest: {
  voxelSize: readonly number[];
  bounds: { min: readonly number[]; max: readonly number[] };
}): WorldFrame {
  const v: Vec3 = [manifest.voxelSize[0] ?? 1, manifest.voxelSize[1] ?? 1, manifest.voxelSize[2] ?? 1];
  const b = manifest.bounds;
  return {
    voxelSize: v,
    min: [(b.min[0] ?? 0) * v[0], (b.min[1] ?? 0) * v[1], (b.min[2] ?? 0) * v[2]],
    max: [(b.max[0] ?? 0) * v[0], (b.max[1] ?? 0) * v[1], (b.max[2] ?? 0) * v[2]],
  };
}

/** Continuous voxel coordinates → nm. */
export function voxelToNm(frame: WorldFrame, p: readonly number[]): Vec3 {
  const v = frame.voxelSize;
  return [(p[0] ?? 0) * v[0], (p[1] ?? 0) * v[1], (p[2] ?? 0) * v[2]];
}

/** Where the three slice planes through voxel (i, j, k) lie, in nm: through the voxel centres. */
export function slicePlanesNm(frame: WorldFrame, slice: readonly number[]): Vec3 {
  return voxelToNm(frame, [(slice[0] ?? 0) + 0.5, (slice[1] ?? 0) + 0.5, (slice[2] ?? 0) + 0.5]);
}

/** The largest voxel edge: LOD errors given in voxels are at most this many nm per voxel. */
export function maxVoxelEdge(frame: WorldFrame): number {
  return Math.max(frame.voxelSize[0], frame.voxelSize[1], frame.voxelSize[2]);
}
