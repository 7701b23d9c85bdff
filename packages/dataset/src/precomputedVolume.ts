/**
 * Writes and reads whole Neuroglancer precomputed volumes (unsharded) on disk, one scale, using the
 * byte-level codecs of @danio/formats. Chunk files may be gzipped (`.gz`, CloudVolume's convention);
 * the reader accepts both.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  copyBox,
  createVoxelArray,
  decodeCompressedSegmentation,
  decodeRawChunk,
  encodeCompressedSegmentation,
  encodeRawChunk,
  formatPrecomputedInfo,
  gunzipIfNeeded,
  listChunks,
  type PrecomputedInfo,
  parsePrecomputedInfo,
  type Vec3,
  type VoxelArray,
} from "@danio/formats";

/**
 * Writes `info` and every chunk of scale 0 of a single-channel volume held in memory (x fastest,
 * `info.scales[0].size` voxels). Returns the bytes written.
 */
export function writePrecomputedVolume(dir: string, info: PrecomputedInfo, volume: VoxelArray): number {
  const scale = info.scales[0]!;
  const size = scale.size;
  if (volume.length !== size[0] * size[1] * size[2]) {
    throw new RangeError(
      `writePrecomputedVolume ${dir}: ${volume.length} voxels given for size ${size.join("x")}`,
    );
  }
  mkdirSync(join(dir, scale.key), { recursive: true });
  const infoText = formatPrecomputedInfo(info);
  writeFileSync(join(dir, "info"), infoText);
  let bytes = Buffer.byteLength(infoText);
  for (const chunk of listChunks(scale)) {
    const shape: Vec3 = [
      chunk.end[0] - chunk.begin[0],
      chunk.end[1] - chunk.begin[1],
      chunk.end[2] - chunk.begin[2],
    ];
    const origin: Vec3 = [
      chunk.begin[0] - scale.voxelOffset[0],
      chunk.begin[1] - scale.voxelOffset[1],
      chunk.begin[2] - scale.voxelOffset[2],
    ];
    const buf = createVoxelArray(info.dataType, shape[0] * shape[1] * shape[2]);
    copyBox(volume, size, origin, buf, shape, [0, 0, 0], shape);
    let encoded: Uint8Array;
    if (scale.encoding === "raw") {
      encoded = encodeRawChunk(buf);
    } else if (
      scale.encoding === "compressed_segmentation" &&
      (buf instanceof Uint32Array || buf instanceof BigUint64Array)
    ) {
      encoded = encodeCompressedSegmentation(buf, shape, scale.compressedSegmentationBlockSize!);
    } else {
      throw new RangeError(
        `writePrecomputedVolume ${dir}: cannot write ${scale.encoding} chunks of ${info.dataType}`,
      );
    }
    writeFileSync(join(dir, scale.key, chunk.key), encoded);
    bytes += encoded.length;
  }
  return bytes;
}

/** Reads the info and assembles every chunk of one scale into a volume (x fastest). Missing chunks are an error. */
export function readPrecomputedVolume(
  dir: string,
  scaleIndex = 0,
): { info: PrecomputedInfo; data: VoxelArray } {
  const info = parsePrecomputedInfo(readFileSync(join(dir, "info")), join(dir, "info"));
  const scale = info.scales[scaleIndex];
  if (!scale) throw new RangeError(`${join(dir, "info")}: no scale ${scaleIndex}`);
  if (info.numChannels !== 1)
    throw new RangeError(
      `${join(dir, "info")}: only single-channel volumes are read, got ${info.numChannels}`,
    );
  const size = scale.size;
  const data = createVoxelArray(info.dataType, size[0] * size[1] * size[2]);
  for (const chunk of listChunks(scale)) {
    const plain = join(dir, scale.key, chunk.key);
    const file = existsSync(plain) ? plain : `${plain}.gz`;
    if (!existsSync(file)) throw new Error(`${plain}: chunk file missing`);
    const bytes = gunzipIfNeeded(new Uint8Array(readFileSync(file)), file);
    const shape: Vec3 = [
      chunk.end[0] - chunk.begin[0],
      chunk.end[1] - chunk.begin[1],
      chunk.end[2] - chunk.begin[2],
    ];
    let decoded: VoxelArray;
    if (scale.encoding === "raw") {
      decoded = decodeRawChunk(bytes, info.dataType, shape, 1, file);
    } else if (
      scale.encoding === "compressed_segmentation" &&
      (info.dataType === "uint32" || info.dataType === "uint64")
    ) {
      decoded = decodeCompressedSegmentation(
        bytes,
        info.dataType,
        shape,
        scale.compressedSegmentationBlockSize!,
        1,
        file,
      );
    } else {
      throw new Error(`${file}: ${scale.encoding} chunks are not supported by this reader`);
    }
    const origin: Vec3 = [
      chunk.begin[0] - scale.voxelOffset[0],
      chunk.begin[1] - scale.voxelOffset[1],
      chunk.begin[2] - scale.voxelOffset[2],
    ];
    copyBox(decoded, shape, [0, 0, 0], data, size, origin, shape);
  }
  return { info, data };
}
