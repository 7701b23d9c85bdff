/**
 * Slice navigation as plain functions of the session, for keys, buttons and other views to call; the
 * slice views' wheel uses them too.
 */
import type { ViewerSession } from "../state/ViewerSession";
import { type SliceAxis, steppedSlice, voxelOfNm } from "./sliceAxes";

/** Moves the slice of `axis` by `delta` voxels along its normal (clamped to the dataset's bounds). */
export function stepSlice(session: ViewerSession, axis: SliceAxis, delta: number): void {
  const s = session.store.getState();
  if (!s.dataset || delta === 0) return;
  const next = steppedSlice(s.slice, axis, delta, s.dataset.manifest.bounds);
  if (next[0] !== s.slice[0] || next[1] !== s.slice[1] || next[2] !== s.slice[2]) session.setSlice(next);
}

/** Moves all three slice planes to the voxel holding a point given in nm (e.g. a synapse or a peer's cursor). */
export function moveSlicesToNm(session: ViewerSession, nm: readonly [number, number, number]): void {
  const s = session.store.getState();
  if (!s.dataset) return;
  session.setSlice(voxelOfNm(nm, s.dataset.manifest.voxelSize, s.dataset.manifest.bounds));
}
