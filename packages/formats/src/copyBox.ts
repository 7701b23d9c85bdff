/**
 * Copies an axis-aligned box of voxels between two x-fastest 3-D arrays of the same element type.
 * `srcShape`/`dstShape` are the arrays' [x, y, z] sizes, `srcOrigin`/`dstOrigin` the box's corner in
 * each, `size` the box's extent. Allocates nothing; boxes that do not fit, or arrays of different
 * element types, throw.
 */
import type { Vec3 } from "./precomputedInfo";
import type { VoxelArray } from "./rawChunk";

export function copyBox(
  src: VoxelArray,
  srcShape: Vec3,
  srcOrigin: Vec3,
  dst: VoxelArray,
  dstShape: Vec3,
  dstOrigin: Vec3,
  size: Vec3,
): void {
  if (src.constructor !== dst.constructor) {
    throw new TypeError(`copyBox: cannot copy ${src.constructor.name} into ${dst.constructor.name}`);
  }
  for (let d = 0; d < 3; d++) {
    if (
      srcOrigin[d]! < 0 ||
      dstOrigin[d]! < 0 ||
      srcOrigin[d]! + size[d]! > srcShape[d]! ||
      dstOrigin[d]! + size[d]! > dstShape[d]!
    ) {
      throw new RangeError(
        `copyBox: box ${JSON.stringify(size)} at ${JSON.stringify(srcOrigin)} -> ${JSON.stringify(dstOrigin)} exceeds ${JSON.stringify(srcShape)} / ${JSON.stringify(dstShape)}`,
      );
    }
  }
  const rowLen = size[0];
  for (let z = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      const s = srcOrigin[0] + srcShape[0] * (srcOrigin[1] + y + srcShape[1] * (srcOrigin[2] + z));
      const t = dstOrigin[0] + dstShape[0] * (dstOrigin[1] + y + dstShape[1] * (dstOrigin[2] + z));
      (dst as Uint8Array).set((src as Uint8Array).subarray(s, s + rowLen), t); // same element type, checked above
    }
  }
}
