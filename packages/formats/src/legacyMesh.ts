/**
 * Neuroglancer's legacy single-resolution mesh format (meshes.md, "Legacy single-resolution mesh
 * format"): a JSON manifest `<segment-id>:0` = {"fragments": [file, ...]} and binary fragments
 *   u32 num_vertices | f32×3×num_vertices positions (nm, global frame) | u32×3 per triangle.
 */
import { readArrayLE, writeArrayLE } from "./byteOrder";
import { PrecomputedFormatError } from "./precomputedInfo";
import { decodeUtf8 } from "./utf8";

/** A triangle mesh: interleaved xyz positions and three vertex indices per triangle. */
export interface TriangleMesh {
  positions: Float32Array;
  indices: Uint32Array;
}

/** The `info` of a legacy mesh directory. */
export const LEGACY_MESH_INFO = { "@type": "neuroglancer_legacy_mesh" } as const;

/** Encodes one legacy mesh fragment. */
export function encodeLegacyMeshFragment(mesh: TriangleMesh): Uint8Array {
  if (mesh.positions.length % 3 !== 0 || mesh.indices.length % 3 !== 0) {
    throw new PrecomputedFormatError(
      "legacy mesh fragment: positions and indices must be multiples of 3 long",
    );
  }
  const nv = mesh.positions.length / 3;
  for (let i = 0; i < mesh.indices.length; i++) {
    if (mesh.indices[i]! >= nv) {
      throw new PrecomputedFormatError(
        `legacy mesh fragment: index ${mesh.indices[i]} at ${i} is not below ${nv} vertices`,
      );
    }
  }
  const out = new Uint8Array(4 + mesh.positions.byteLength + mesh.indices.byteLength);
  new DataView(out.buffer).setUint32(0, nv, true);
  writeArrayLE(out, 4, mesh.positions);
  writeArrayLE(out, 4 + mesh.positions.byteLength, mesh.indices);
  return out;
}

/** Decodes one legacy mesh fragment (already gunzipped); checks lengths and index bounds. */
export function decodeLegacyMeshFragment(bytes: Uint8Array, name = "mesh fragment"): TriangleMesh {
  if (bytes.length < 4) throw new PrecomputedFormatError(`${name}: truncated: no vertex count`);
  const nv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const vertexBytes = 12 * nv;
  const rest = bytes.length - 4 - vertexBytes;
  if (rest < 0) {
    throw new PrecomputedFormatError(
      `${name}: truncated: ${nv} vertices need ${4 + vertexBytes} bytes, got ${bytes.length}`,
    );
  }
  if (rest % 12 !== 0) {
    throw new PrecomputedFormatError(`${name}: ${rest} bytes of triangles is not a multiple of 12`);
  }
  const positions = readArrayLE(bytes, 4, nv * 3, Float32Array);
  const indices = readArrayLE(bytes, 4 + vertexBytes, rest / 4, Uint32Array);
  for (let i = 0; i < indices.length; i++) {
    if (indices[i]! >= nv) {
      throw new PrecomputedFormatError(
        `${name}: triangle ${Math.floor(i / 3)} refers to vertex ${indices[i]}, but there are ${nv}`,
      );
    }
  }
  return { positions, indices };
}

/** The manifest file name of a segment: `<segment-id>:0`. */
export function legacyMeshManifestName(segmentId: bigint): string {
  return `${segmentId.toString()}:0`;
}

/** Parses a legacy mesh manifest {"fragments": [...]}. */
export function parseLegacyMeshManifest(
  input: string | Uint8Array,
  name = "mesh manifest",
): { fragments: string[] } {
  const text = typeof input === "string" ? input : decodeUtf8(input);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new PrecomputedFormatError(`${name}: not valid JSON (${(e as Error).message})`);
  }
  const fragments = (json as { fragments?: unknown } | null)?.fragments;
  if (!Array.isArray(fragments) || !fragments.every((f) => typeof f === "string" && f.length > 0)) {
    throw new PrecomputedFormatError(`${name}: "fragments" must be an array of file names`);
  }
  return { fragments: fragments as string[] };
}

/** Writes a legacy mesh manifest. */
export function formatLegacyMeshManifest(fragments: readonly string[]): string {
  return JSON.stringify({ fragments });
}
