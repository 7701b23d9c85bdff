/**
 * The one place the slice views know a data format: Neuroglancer precomputed volumes (unsharded, raw or
 * compressed_segmentation chunks, plain or gzipped) opened as format-neutral layers — a chunk grid and a
 * loader giving uint8 image chunks or dense-label chunks (see denseLabels.ts).
 */
import {
  chunkKey,
  decodeCompressedSegmentation,
  decodeRawChunk,
  gunzipIfNeeded,
  type PrecomputedInfo,
  type PrecomputedScale,
  parsePrecomputedInfo,
  type Vec3,
  type VoxelArray,
} from "@danio/formats";
import type { ChunkLoader } from "./ChunkCache";
import type { ChunkGrid, ChunkRef } from "./chunkSelection";
import { labelsToDense, type SupervoxelSearch } from "./denseLabels";

/** Fetches a file: its bytes, or null when it does not exist (HTTP 404). */
export type FetchFile = (url: string) => Promise<Uint8Array | null>;

/** A volume layer as the slice views see it. */
export interface VolumeLayer<T> {
  readonly grid: ChunkGrid;
  readonly load: ChunkLoader<T>;
}

/** Reads and validates a layer's `info` and picks the scale at `voxelSize` (nm). */
export async function readPrecomputedInfo(
  fetchFile: FetchFile,
  layerUrl: string,
  voxelSize: readonly [number, number, number],
): Promise<{ info: PrecomputedInfo; scale: PrecomputedScale }> {
  const bytes = await fetchFile(`${layerUrl}/info`);
  if (!bytes) throw new Error(`${layerUrl}/info: not found`);
  const info = parsePrecomputedInfo(gunzipIfNeeded(bytes, `${layerUrl}/info`), `${layerUrl}/info`);
  const scale =
    info.scales.find((s) => s.resolution.every((r, d) => Math.abs(r - voxelSize[d]!) < 1e-6)) ??
    info.scales[0];
  if (!scale) throw new Error(`${layerUrl}/info: no scales`);
  if (!scale.resolution.every((r, d) => Math.abs(r - voxelSize[d]!) < 1e-6)) {
    throw new Error(
      `${layerUrl}/info: no scale at the dataset's voxel size ${voxelSize.join("×")} nm (first is ${scale.resolution.join("×")})`,
    );
  }
  if (scale.sharding) throw new Error(`${layerUrl}: sharded precomputed volumes are not supported yet`);
  if (scale.encoding !== "raw" && scale.encoding !== "compressed_segmentation") {
    throw new Error(
      `${layerUrl}: ${scale.encoding} chunks are not supported (raw and compressed_segmentation are)`,
    );
  }
  return { info, scale };
}

function gridOf(scale: PrecomputedScale): ChunkGrid {
  const cs = scale.chunkSizes[0]!;
  return { offset: scale.voxelOffset, size: scale.size, chunkSize: cs };
}

/**
 * A chunk's decoded voxels (first channel), or null when its file is absent. Tries `<key>` then
 * `<key>.gz` (CloudVolume's convention) and remembers which one the layer uses.
 */
function createVoxelLoader(
  fetchFile: FetchFile,
  layerUrl: string,
  info: PrecomputedInfo,
  scale: PrecomputedScale,
): ChunkLoader<VoxelArray> {
  let gz = false;
  return async (chunk: ChunkRef) => {
    const url = `${layerUrl}/${scale.key}/${chunkKey(chunk.begin, chunk.end)}`;
    let bytes = await fetchFile(gz ? `${url}.gz` : url);
    if (!bytes) {
      bytes = await fetchFile(gz ? url : `${url}.gz`);
      if (!bytes) return null;
      gz = !gz;
    }
    const data = gunzipIfNeeded(bytes, url);
    const shape: Vec3 = [
      chunk.end[0] - chunk.begin[0],
      chunk.end[1] - chunk.begin[1],
      chunk.end[2] - chunk.begin[2],
    ];
    const count = shape[0] * shape[1] * shape[2];
    let voxels: VoxelArray;
    if (scale.encoding === "compressed_segmentation") {
      if (info.dataType !== "uint32" && info.dataType !== "uint64") {
        throw new Error(
          `${url}: compressed_segmentation needs uint32 or uint64, the info says ${info.dataType}`,
        );
      }
      voxels = decodeCompressedSegmentation(
        data,
        info.dataType,
        shape,
        scale.compressedSegmentationBlockSize ?? [8, 8, 8],
        info.numChannels,
        url,
      );
    } else {
      voxels = decodeRawChunk(data, info.dataType, shape, info.numChannels, url);
    }
    return voxels.length === count ? voxels : (voxels.subarray(0, count) as VoxelArray);
  };
}

/** Voxels of an image chunk as uint8: uint16 keeps its high byte, float32 is taken as 0–1. */
export function toUint8(voxels: VoxelArray): Uint8Array {
  if (voxels instanceof Uint8Array) return voxels;
  const out = new Uint8Array(voxels.length);
  if (voxels instanceof Uint16Array) {
    for (let i = 0; i < voxels.length; i++) out[i] = voxels[i]! >> 8;
  } else if (voxels instanceof Float32Array) {
    for (let i = 0; i < voxels.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(voxels[i]! * 255)));
  } else if (voxels instanceof Uint32Array) {
    for (let i = 0; i < voxels.length; i++) out[i] = Math.min(255, voxels[i]!);
  } else {
    for (let i = 0; i < voxels.length; i++) out[i] = voxels[i]! > 255n ? 255 : Number(voxels[i]!);
  }
  return out;
}

/** Opens a precomputed image layer: chunks as uint8. */
export async function openPrecomputedImage(
  fetchFile: FetchFile,
  layerUrl: string,
  voxelSize: readonly [number, number, number],
): Promise<VolumeLayer<Uint8Array>> {
  const { info, scale } = await readPrecomputedInfo(fetchFile, layerUrl, voxelSize);
  const load = createVoxelLoader(fetchFile, layerUrl, info, scale);
  return {
    grid: gridOf(scale),
    load: async (chunk) => {
      const voxels = await load(chunk);
      return voxels && toUint8(voxels);
    },
  };
}

/** Opens a precomputed segmentation layer: chunks as dense labels of the given supervoxels. */
export async function openPrecomputedLabels(
  fetchFile: FetchFile,
  layerUrl: string,
  voxelSize: readonly [number, number, number],
  search: SupervoxelSearch,
): Promise<VolumeLayer<Uint32Array>> {
  const { info, scale } = await readPrecomputedInfo(fetchFile, layerUrl, voxelSize);
  if (info.dataType !== "uint32" && info.dataType !== "uint64") {
    throw new Error(`${layerUrl}/info: a segmentation must be uint32 or uint64, got ${info.dataType}`);
  }
  const load = createVoxelLoader(fetchFile, layerUrl, info, scale);
  return {
    grid: gridOf(scale),
    load: async (chunk) => {
      const voxels = await load(chunk);
      if (!voxels) return null;
      if (!(voxels instanceof Uint32Array || voxels instanceof BigUint64Array)) {
        throw new Error(`${layerUrl}: chunk ${chunk.key} did not decode to labels`);
      }
      // Uint32 labels become dense labels in place (each is read before it is written).
      const dense = voxels instanceof Uint32Array ? voxels : new Uint32Array(voxels.length);
      labelsToDense(voxels, search, dense);
      return dense;
    },
  };
}
