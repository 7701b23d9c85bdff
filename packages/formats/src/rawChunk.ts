/**
 * The "raw" chunk encoding (volume.md, "raw chunk encoding"): voxels little-endian in [x, y, z, channel]
 * Fortran order (x fastest), no header.
 */
import { readArrayLE, toBytesLE } from "./byteOrder";
import {
  bytesPerVoxel,
  PrecomputedFormatError,
  type PrecomputedDataType,
  type Vec3,
} from "./precomputedInfo";

export type VoxelArray = Uint8Array | Uint16Array | Uint32Array | BigUint64Array | Float32Array;

/** Encodes a chunk's voxels (already in x-fastest order) as raw little-endian bytes. */
export function encodeRawChunk(data: VoxelArray): Uint8Array {
  return toBytesLE(data);
}

/** Allocates a voxel array of a data type. */
export function createVoxelArray(dataType: PrecomputedDataType, length: number): VoxelArray {
  switch (dataType) {
    case "uint8":
      return new Uint8Array(length);
    case "uint16":
      return new Uint16Array(length);
    case "uint32":
      return new Uint32Array(length);
    case "uint64":
      return new BigUint64Array(length);
    case "float32":
      return new Float32Array(length);
  }
}

/**
 * Decodes a raw chunk of `shape` voxels and `numChannels` channels. The byte length must be exactly
 * shape[0] * shape[1] * shape[2] * numChannels * bytesPerVoxel; `name` is used in errors.
 */
export function decodeRawChunk(
  bytes: Uint8Array,
  dataType: PrecomputedDataType,
  shape: Vec3,
  numChannels = 1,
  name = "chunk",
): VoxelArray {
  const count = shape[0] * shape[1] * shape[2] * numChannels;
  const expected = count * bytesPerVoxel(dataType);
  if (bytes.length !== expected) {
    throw new PrecomputedFormatError(
      `${name}: raw ${dataType} chunk of ${shape.join("x")}x${numChannels} needs ${expected} bytes, got ${bytes.length}`,
    );
  }
  switch (dataType) {
    case "uint8":
      return bytes.slice();
    case "uint16":
      return readArrayLE(bytes, 0, count, Uint16Array);
    case "uint32":
      return readArrayLE(bytes, 0, count, Uint32Array);
    case "uint64":
      return readArrayLE(bytes, 0, count, BigUint64Array);
    case "float32":
      return readArrayLE(bytes, 0, count, Float32Array);
  }
}
