/**
 * The `info` JSON of a Neuroglancer precomputed volume (image or segmentation), parsed and validated
 * into camelCase TypeScript, and written back as the snake_case JSON the specification names.
 * Reference: neuroglancer src/datasource/precomputed/volume.md ("info JSON file specification").
 */
import { decodeUtf8 } from "./utf8";

export type Vec3 = [number, number, number];
export type PrecomputedVolumeType = "image" | "segmentation";
export type PrecomputedDataType = "uint8" | "uint16" | "uint32" | "uint64" | "float32";
/** Chunk encodings known to Neuroglancer; Danio decodes "raw" and "compressed_segmentation". */
export type PrecomputedEncoding = "raw" | "jpeg" | "compressed_segmentation" | "compresso" | "png" | "jxl";

export interface PrecomputedScale {
  key: string;
  size: Vec3;
  resolution: Vec3;
  voxelOffset: Vec3;
  chunkSizes: Vec3[];
  encoding: PrecomputedEncoding;
  compressedSegmentationBlockSize?: Vec3;
  /** The sharding specification, kept as given (see sharded.md); absent for unsharded storage. */
  sharding?: Record<string, unknown>;
  hidden?: boolean;
}

export interface PrecomputedInfo {
  type: PrecomputedVolumeType;
  dataType: PrecomputedDataType;
  numChannels: number;
  scales: PrecomputedScale[];
  mesh?: string;
  skeletons?: string;
  segmentProperties?: string;
}

export class PrecomputedFormatError extends Error {
  override readonly name = "PrecomputedFormatError";
}

const DATA_TYPES: readonly PrecomputedDataType[] = ["uint8", "uint16", "uint32", "uint64", "float32"];
const ENCODINGS: readonly PrecomputedEncoding[] = [
  "raw",
  "jpeg",
  "compressed_segmentation",
  "compresso",
  "png",
  "jxl",
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function vec3(v: unknown, where: string, name: string, opts: { integer: boolean; positive: boolean }): Vec3 {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new PrecomputedFormatError(
      `${name}: ${where} must be an array of 3 numbers, got ${JSON.stringify(v)}`,
    );
  }
  const out = v as Vec3;
  if (opts.integer && !out.every((x) => Number.isInteger(x))) {
    throw new PrecomputedFormatError(`${name}: ${where} must hold integers, got ${JSON.stringify(v)}`);
  }
  if (opts.positive && !out.every((x) => x > 0)) {
    throw new PrecomputedFormatError(`${name}: ${where} must be positive, got ${JSON.stringify(v)}`);
  }
  return [out[0], out[1], out[2]];
}

function optionalString(obj: Record<string, unknown>, key: string, name: string): string | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.length === 0) {
    throw new PrecomputedFormatError(
      `${name}: "${key}" must be a non-empty string, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

function parseScale(s: unknown, i: number, dataType: PrecomputedDataType, name: string): PrecomputedScale {
  const where = `scales[${i}]`;
  if (!isObject(s)) throw new PrecomputedFormatError(`${name}: ${where} must be an object`);
  if (typeof s.key !== "string" || s.key.length === 0) {
    throw new PrecomputedFormatError(
      `${name}: ${where}.key must be a non-empty string, got ${JSON.stringify(s.key)}`,
    );
  }
  const size = vec3(s.size, `${where}.size`, name, { integer: true, positive: true });
  const resolution = vec3(s.resolution, `${where}.resolution`, name, { integer: false, positive: true });
  const voxelOffset =
    s.voxel_offset === undefined
      ? ([0, 0, 0] as Vec3)
      : vec3(s.voxel_offset, `${where}.voxel_offset`, name, { integer: true, positive: false });
  if (!Array.isArray(s.chunk_sizes) || s.chunk_sizes.length === 0) {
    throw new PrecomputedFormatError(`${name}: ${where}.chunk_sizes must be a non-empty array of [x, y, z]`);
  }
  const chunkSizes = s.chunk_sizes.map((c, j) =>
    vec3(c, `${where}.chunk_sizes[${j}]`, name, { integer: true, positive: true }),
  );
  const encodingText = typeof s.encoding === "string" ? s.encoding.toLowerCase() : undefined;
  const encoding = ENCODINGS.find((e) => e === encodingText);
  if (encoding === undefined) {
    throw new PrecomputedFormatError(
      `${name}: ${where}.encoding must be one of ${ENCODINGS.join(", ")}, got ${JSON.stringify(s.encoding)}`,
    );
  }
  const scale: PrecomputedScale = { key: s.key, size, resolution, voxelOffset, chunkSizes, encoding };
  const block = s.compressed_segmentation_block_size;
  if (encoding === "compressed_segmentation") {
    if (block === undefined) {
      throw new PrecomputedFormatError(
        `${name}: ${where}.compressed_segmentation_block_size is required when encoding is compressed_segmentation`,
      );
    }
    if (dataType !== "uint32" && dataType !== "uint64") {
      throw new PrecomputedFormatError(
        `${name}: compressed_segmentation needs data_type uint32 or uint64, got ${JSON.stringify(dataType)}`,
      );
    }
    scale.compressedSegmentationBlockSize = vec3(block, `${where}.compressed_segmentation_block_size`, name, {
      integer: true,
      positive: true,
    });
  } else if (block !== undefined) {
    throw new PrecomputedFormatError(
      `${name}: ${where}.compressed_segmentation_block_size is allowed only with compressed_segmentation encoding`,
    );
  }
  if (s.sharding !== undefined) {
    if (!isObject(s.sharding))
      throw new PrecomputedFormatError(`${name}: ${where}.sharding must be an object`);
    if (chunkSizes.length !== 1) {
      throw new PrecomputedFormatError(
        `${name}: ${where} is sharded and so must list exactly one chunk size`,
      );
    }
    scale.sharding = s.sharding;
  }
  if (s.hidden !== undefined) {
    if (typeof s.hidden !== "boolean")
      throw new PrecomputedFormatError(`${name}: ${where}.hidden must be a boolean`);
    scale.hidden = s.hidden;
  }
  return scale;
}

/**
 * Parses and validates an `info` file (text, bytes or already-parsed JSON). Errors name the file and the
 * field: `info: scales[1].chunk_sizes must be a non-empty array of [x, y, z]`.
 */
export function parsePrecomputedInfo(input: string | Uint8Array | unknown, name = "info"): PrecomputedInfo {
  let json: unknown = input;
  if (typeof input === "string" || input instanceof Uint8Array) {
    const text = typeof input === "string" ? input : decodeUtf8(input);
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new PrecomputedFormatError(`${name}: not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(json)) throw new PrecomputedFormatError(`${name}: the root must be a JSON object`);
  if (json["@type"] !== undefined && json["@type"] !== "neuroglancer_multiscale_volume") {
    throw new PrecomputedFormatError(
      `${name}: "@type" must be "neuroglancer_multiscale_volume" when present, got ${JSON.stringify(json["@type"])}`,
    );
  }
  if (json.type !== "image" && json.type !== "segmentation") {
    throw new PrecomputedFormatError(
      `${name}: "type" must be "image" or "segmentation", got ${JSON.stringify(json.type)}`,
    );
  }
  const dtText = typeof json.data_type === "string" ? json.data_type.toLowerCase() : undefined;
  const dataType = DATA_TYPES.find((d) => d === dtText);
  if (dataType === undefined) {
    throw new PrecomputedFormatError(
      `${name}: "data_type" must be one of ${DATA_TYPES.join(", ")}, got ${JSON.stringify(json.data_type)}`,
    );
  }
  const numChannels = json.num_channels;
  if (typeof numChannels !== "number" || !Number.isInteger(numChannels) || numChannels < 1) {
    throw new PrecomputedFormatError(
      `${name}: "num_channels" must be a positive integer, got ${JSON.stringify(numChannels)}`,
    );
  }
  if (json.type === "segmentation" && numChannels !== 1) {
    throw new PrecomputedFormatError(
      `${name}: "num_channels" must be 1 for a segmentation, got ${numChannels}`,
    );
  }
  if (!Array.isArray(json.scales) || json.scales.length === 0) {
    throw new PrecomputedFormatError(`${name}: "scales" must be a non-empty array`);
  }
  const scales = json.scales.map((s, i) => parseScale(s, i, dataType, name));
  for (let i = 1; i < scales.length; i++) {
    const a = scales[i - 1]!.resolution;
    const b = scales[i]!.resolution;
    if (b[0] < a[0] || b[1] < a[1] || b[2] < a[2]) {
      throw new PrecomputedFormatError(
        `${name}: scales[${i}].resolution ${JSON.stringify(b)} decreases from scales[${i - 1}] ${JSON.stringify(a)}`,
      );
    }
  }
  const info: PrecomputedInfo = { type: json.type, dataType, numChannels, scales };
  const mesh = optionalString(json, "mesh", name);
  const skeletons = optionalString(json, "skeletons", name);
  const segmentProperties = optionalString(json, "segment_properties", name);
  if (json.type === "image" && (mesh ?? skeletons ?? segmentProperties) !== undefined) {
    throw new PrecomputedFormatError(
      `${name}: "mesh", "skeletons" and "segment_properties" need type "segmentation"`,
    );
  }
  if (mesh !== undefined) info.mesh = mesh;
  if (skeletons !== undefined) info.skeletons = skeletons;
  if (segmentProperties !== undefined) info.segmentProperties = segmentProperties;
  return info;
}

/** Writes an `info` object as JSON with the specification's snake_case names, keys in a fixed order. */
export function formatPrecomputedInfo(info: PrecomputedInfo): string {
  const scales = info.scales.map((s) => {
    const out: Record<string, unknown> = {
      chunk_sizes: s.chunkSizes,
      encoding: s.encoding,
      key: s.key,
      resolution: s.resolution,
      size: s.size,
      voxel_offset: s.voxelOffset,
    };
    if (s.compressedSegmentationBlockSize)
      out.compressed_segmentation_block_size = s.compressedSegmentationBlockSize;
    if (s.sharding) out.sharding = s.sharding;
    if (s.hidden !== undefined) out.hidden = s.hidden;
    return out;
  });
  const json: Record<string, unknown> = {
    "@type": "neuroglancer_multiscale_volume",
    type: info.type,
    data_type: info.dataType,
    num_channels: info.numChannels,
    scales,
  };
  if (info.mesh !== undefined) json.mesh = info.mesh;
  if (info.skeletons !== undefined) json.skeletons = info.skeletons;
  if (info.segmentProperties !== undefined) json.segment_properties = info.segmentProperties;
  // Validate what we write, so a writer can never produce an info its own reader refuses.
  parsePrecomputedInfo(json, "info (being written)");
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Bytes per voxel per channel of a data type. */
export function bytesPerVoxel(dataType: PrecomputedDataType): number {
  return dataType === "uint8" ? 1 : dataType === "uint16" ? 2 : dataType === "uint64" ? 8 : 4;
}
