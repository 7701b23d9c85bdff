/**
 * The chunk grid of one scale of a precomputed volume and the unsharded chunk file names
 * `<xBegin>-<xEnd>_<yBegin>-<yEnd>_<zBegin>-<zEnd>` (volume.md, "Unsharded chunk storage"), plus the
 * compressed Morton code that names chunks in sharded storage.
 */
import { PrecomputedFormatError, type PrecomputedScale, type Vec3 } from "./precomputedInfo";

export interface ChunkBox {
  /** Grid coordinates of the chunk. */
  grid: Vec3;
  /** Voxel-space begin (inclusive), including the scale's voxel offset. */
  begin: Vec3;
  /** Voxel-space end (exclusive); truncated at the volume's upper bound. */
  end: Vec3;
  /** The unsharded file name. */
  key: string;
}

/** The unsharded file name of the chunk covering `[begin, end)`. */
export function chunkKey(begin: Vec3, end: Vec3): string {
  return `${begin[0]}-${end[0]}_${begin[1]}-${end[1]}_${begin[2]}-${end[2]}`;
}

const KEY_RE = /^(-?\d+)-(-?\d+)_(-?\d+)-(-?\d+)_(-?\d+)-(-?\d+)$/;

/** Parses an unsharded chunk file name (a trailing `.gz` is allowed). */
export function parseChunkKey(key: string): { begin: Vec3; end: Vec3 } {
  const m = KEY_RE.exec(key.endsWith(".gz") ? key.slice(0, -3) : key);
  if (!m) throw new PrecomputedFormatError(`chunk key ${JSON.stringify(key)}: expected x0-x1_y0-y1_z0-z1`);
  const v = m.slice(1).map(Number);
  const begin: Vec3 = [v[0]!, v[2]!, v[4]!];
  const end: Vec3 = [v[1]!, v[3]!, v[5]!];
  if (end[0] <= begin[0] || end[1] <= begin[1] || end[2] <= begin[2]) {
    throw new PrecomputedFormatError(`chunk key ${JSON.stringify(key)}: each end must exceed its begin`);
  }
  return { begin, end };
}

/** Number of chunks along each axis: ceil(size / chunkSize). */
export function chunkGridSize(size: Vec3, chunkSize: Vec3): Vec3 {
  return [
    Math.ceil(size[0] / chunkSize[0]),
    Math.ceil(size[1] / chunkSize[1]),
    Math.ceil(size[2] / chunkSize[2]),
  ];
}

/** The chunk at grid position `g` of a scale. */
export function chunkAt(scale: PrecomputedScale, g: Vec3, chunkSizeIndex = 0): ChunkBox {
  const cs = scale.chunkSizes[chunkSizeIndex];
  if (!cs) throw new PrecomputedFormatError(`scale ${scale.key}: no chunk size at index ${chunkSizeIndex}`);
  const o = scale.voxelOffset;
  const begin: Vec3 = [o[0] + g[0] * cs[0], o[1] + g[1] * cs[1], o[2] + g[2] * cs[2]];
  const end: Vec3 = [
    o[0] + Math.min((g[0] + 1) * cs[0], scale.size[0]),
    o[1] + Math.min((g[1] + 1) * cs[1], scale.size[1]),
    o[2] + Math.min((g[2] + 1) * cs[2], scale.size[2]),
  ];
  return { grid: g, begin, end, key: chunkKey(begin, end) };
}

/** Every chunk of a scale, x fastest. */
export function listChunks(scale: PrecomputedScale, chunkSizeIndex = 0): ChunkBox[] {
  const cs = scale.chunkSizes[chunkSizeIndex];
  if (!cs) throw new PrecomputedFormatError(`scale ${scale.key}: no chunk size at index ${chunkSizeIndex}`);
  const gs = chunkGridSize(scale.size, cs);
  const out: ChunkBox[] = [];
  for (let z = 0; z < gs[2]; z++) {
    for (let y = 0; y < gs[1]; y++) {
      for (let x = 0; x < gs[0]; x++) out.push(chunkAt(scale, [x, y, z], chunkSizeIndex));
    }
  }
  return out;
}

/**
 * The compressed Morton code of grid cell `g` in a grid of `gridSize` (volume.md, "Compressed morton
 * code"): bits of x, y, z interleaved from the least significant, skipping a dimension once 2**i reaches
 * its grid size.
 */
export function compressedMortonCode(g: Vec3, gridSize: Vec3): bigint {
  for (let d = 0; d < 3; d++) {
    if (!Number.isInteger(g[d]) || g[d]! < 0 || g[d]! >= gridSize[d]!) {
      throw new PrecomputedFormatError(
        `compressed Morton code: grid position ${JSON.stringify(g)} is outside ${JSON.stringify(gridSize)}`,
      );
    }
  }
  const maxSize = Math.max(gridSize[0], gridSize[1], gridSize[2]);
  let bits = 0;
  while (2 ** bits < maxSize) bits++;
  let code = 0n;
  let j = 0n;
  for (let i = 0; i < bits; i++) {
    for (let d = 0; d < 3; d++) {
      if (2 ** i < gridSize[d]!) {
        const bit = Math.floor(g[d]! / 2 ** i) % 2;
        if (bit) code |= 1n << j;
        j++;
      }
    }
  }
  return code;
}
