/**
 * Danio's multi-level-of-detail per-supervoxel mesh fragments: one data file holding every fragment of
 * every supervoxel at every level of detail, and one index file mapping supervoxel id → (byte offset,
 * byte length) per LOD, so a viewer fetches the index once and each fragment by an HTTP Range request.
 * Byte layouts (all little-endian) are in packages/formats/README.md ("Danio mesh fragments"):
 *
 * index: "DANIOMFI" | u32 version=1 | u32 lodCount L | u32 fragmentCount n | f32 quantization q (voxels)
 *        | f32×3 voxel size (nm) | u32 reserved=0 | f32×L lod errors (voxels) | zero pad to 8
 *        | u64×n ids (ascending) | u64×n×L byte offsets | u32×n×L byte lengths      ([id][lod] order)
 * fragment: u32 V | u32 T | i32×3 origin (quanta) | u16×3×V offsets (quanta) | zero pad to 4
 *        | 3T indices (u16 when V ≤ 65536, else u32)
 *
 * A vertex's position in voxels is (origin + offset) × q and in nanometres that times the voxel size.
 * Quantization is on one global grid, so a vertex shared by two neighbouring fragments decodes to the
 * same float in both (no cracks from rounding).
 */
import { readArrayLE, writeArrayLE } from "./byteOrder";
import type { TriangleMesh } from "./legacyMesh";
import { PrecomputedFormatError, type Vec3 } from "./precomputedInfo";

export const MESH_FRAGMENT_INDEX_MAGIC = "DANIOMFI";
export const MESH_FRAGMENT_INDEX_VERSION = 1;

/** A fragment with vertex positions on the global quantization grid (integers, in quanta). */
export interface QuantizedMesh {
  /** 3 per vertex: x, y, z in quanta (position in voxels = quanta × quantization). */
  quantized: Int32Array;
  indices: Uint32Array;
}

export interface MeshFragmentIndex {
  lodCount: number;
  /** Voxels per quantum. */
  quantization: number;
  /** Nanometres per voxel. */
  voxelSize: Vec3;
  /** Maximum geometric error of each LOD, in voxels, ascending (LOD 0 is the finest). */
  lodErrors: number[];
  /** Supervoxel ids, ascending. */
  ids: BigUint64Array;
  /** Byte offset in the data file of fragment [i * lodCount + lod]. */
  offsets: Float64Array;
  /** Byte length of fragment [i * lodCount + lod]. */
  lengths: Uint32Array;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(bytes[offset + i] ?? 0);
  return s;
}

/** Encodes one fragment. Throws if the fragment spans more than 65535 quanta along an axis. */
export function encodeMeshFragment(mesh: QuantizedMesh): Uint8Array {
  const q = mesh.quantized;
  if (q.length % 3 !== 0 || mesh.indices.length % 3 !== 0) {
    throw new PrecomputedFormatError(
      "mesh fragment: quantized positions and indices must be multiples of 3 long",
    );
  }
  const nv = q.length / 3;
  const nt = mesh.indices.length / 3;
  const origin = [0, 0, 0];
  if (nv > 0) {
    origin[0] = origin[1] = origin[2] = 2 ** 31;
    for (let i = 0; i < q.length; i++) if (q[i]! < origin[i % 3]!) origin[i % 3] = q[i]!;
  }
  const offsets = new Uint16Array(q.length);
  for (let i = 0; i < q.length; i++) {
    const d = q[i]! - origin[i % 3]!;
    if (d > 0xffff) {
      throw new PrecomputedFormatError(
        `mesh fragment: spans ${d} quanta along axis ${i % 3}, more than 65535`,
      );
    }
    offsets[i] = d;
  }
  const wide = nv > 65536;
  const posEnd = 20 + 6 * nv;
  const idxStart = (posEnd + 3) & ~3;
  const out = new Uint8Array(idxStart + mesh.indices.length * (wide ? 4 : 2));
  const view = new DataView(out.buffer);
  view.setUint32(0, nv, true);
  view.setUint32(4, nt, true);
  view.setInt32(8, origin[0]!, true);
  view.setInt32(12, origin[1]!, true);
  view.setInt32(16, origin[2]!, true);
  writeArrayLE(out, 20, offsets);
  for (let i = 0; i < mesh.indices.length; i++) {
    if (mesh.indices[i]! >= nv) {
      throw new PrecomputedFormatError(
        `mesh fragment: index ${mesh.indices[i]} at ${i} is not below ${nv} vertices`,
      );
    }
  }
  writeArrayLE(out, idxStart, wide ? mesh.indices : Uint16Array.from(mesh.indices));
  return out;
}

/** Decodes one fragment to its quantized form; checks sizes and index bounds. */
export function decodeMeshFragmentQuantized(bytes: Uint8Array, name = "mesh fragment"): QuantizedMesh {
  if (bytes.length < 20)
    throw new PrecomputedFormatError(`${name}: truncated header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nv = view.getUint32(0, true);
  const nt = view.getUint32(4, true);
  const origin = [view.getInt32(8, true), view.getInt32(12, true), view.getInt32(16, true)];
  const wide = nv > 65536;
  const idxStart = (20 + 6 * nv + 3) & ~3;
  const expected = idxStart + 3 * nt * (wide ? 4 : 2);
  if (bytes.length !== expected) {
    throw new PrecomputedFormatError(
      `${name}: ${nv} vertices and ${nt} triangles need ${expected} bytes, got ${bytes.length}`,
    );
  }
  const off = readArrayLE(bytes, 20, 3 * nv, Uint16Array);
  const quantized = new Int32Array(3 * nv);
  for (let i = 0; i < quantized.length; i++) quantized[i] = origin[i % 3]! + off[i]!;
  const indices = wide
    ? readArrayLE(bytes, idxStart, 3 * nt, Uint32Array)
    : Uint32Array.from(readArrayLE(bytes, idxStart, 3 * nt, Uint16Array));
  for (let i = 0; i < indices.length; i++) {
    if (indices[i]! >= nv) {
      throw new PrecomputedFormatError(
        `${name}: triangle ${Math.floor(i / 3)} refers to vertex ${indices[i]}, but there are ${nv}`,
      );
    }
  }
  return { quantized, indices };
}

/** Decodes one fragment to positions in nanometres, using the index's quantization and voxel size. */
export function decodeMeshFragment(
  bytes: Uint8Array,
  index: Pick<MeshFragmentIndex, "quantization" | "voxelSize">,
  name = "mesh fragment",
): TriangleMesh {
  const { quantized, indices } = decodeMeshFragmentQuantized(bytes, name);
  const positions = new Float32Array(quantized.length);
  const q = index.quantization;
  const [rx, ry, rz] = index.voxelSize;
  for (let i = 0; i < quantized.length; i += 3) {
    positions[i] = quantized[i]! * q * rx;
    positions[i + 1] = quantized[i + 1]! * q * ry;
    positions[i + 2] = quantized[i + 2]! * q * rz;
  }
  return { positions, indices };
}

/** Encodes the index. `offsets`/`lengths` are [id][lod] ordered, `ids` strictly ascending. */
export function encodeMeshFragmentIndex(index: MeshFragmentIndex): Uint8Array {
  const n = index.ids.length;
  const L = index.lodCount;
  if (!Number.isInteger(L) || L < 1 || L > 16 || index.lodErrors.length !== L) {
    throw new PrecomputedFormatError(
      `mesh fragment index: lodCount ${L} must be 1..16 and match ${index.lodErrors.length} lod errors`,
    );
  }
  if (index.offsets.length !== n * L || index.lengths.length !== n * L) {
    throw new PrecomputedFormatError(`mesh fragment index: need ${n * L} offsets and lengths`);
  }
  for (let i = 1; i < n; i++) {
    if (index.ids[i]! <= index.ids[i - 1]!) {
      throw new PrecomputedFormatError(`mesh fragment index: ids must be strictly ascending (at ${i})`);
    }
  }
  const headerEnd = (40 + 4 * L + 7) & ~7;
  const out = new Uint8Array(headerEnd + 8 * n + 8 * n * L + 4 * n * L);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) out[i] = MESH_FRAGMENT_INDEX_MAGIC.charCodeAt(i);
  view.setUint32(8, MESH_FRAGMENT_INDEX_VERSION, true);
  view.setUint32(12, L, true);
  view.setUint32(16, n, true);
  view.setFloat32(20, index.quantization, true);
  view.setFloat32(24, index.voxelSize[0], true);
  view.setFloat32(28, index.voxelSize[1], true);
  view.setFloat32(32, index.voxelSize[2], true);
  view.setUint32(36, 0, true);
  for (let l = 0; l < L; l++) view.setFloat32(40 + 4 * l, index.lodErrors[l]!, true);
  writeArrayLE(out, headerEnd, index.ids);
  let p = headerEnd + 8 * n;
  for (let i = 0; i < n * L; i++, p += 8) view.setBigUint64(p, BigInt(index.offsets[i]!), true);
  writeArrayLE(out, p, index.lengths);
  return out;
}

/** Decodes and validates the index. */
export function decodeMeshFragmentIndex(bytes: Uint8Array, name = "mesh fragment index"): MeshFragmentIndex {
  if (bytes.length < 40 || ascii(bytes, 0, 8) !== MESH_FRAGMENT_INDEX_MAGIC) {
    throw new PrecomputedFormatError(
      `${name}: not a Danio mesh fragment index (magic "${MESH_FRAGMENT_INDEX_MAGIC}" missing)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== MESH_FRAGMENT_INDEX_VERSION) {
    throw new PrecomputedFormatError(
      `${name}: version ${version} is not supported (expected ${MESH_FRAGMENT_INDEX_VERSION})`,
    );
  }
  const L = view.getUint32(12, true);
  const n = view.getUint32(16, true);
  if (L < 1 || L > 16) throw new PrecomputedFormatError(`${name}: lodCount ${L} must be 1..16`);
  const headerEnd = (40 + 4 * L + 7) & ~7;
  const expected = headerEnd + 8 * n + 12 * n * L;
  if (bytes.length !== expected) {
    throw new PrecomputedFormatError(
      `${name}: ${n} fragments × ${L} LODs need ${expected} bytes, got ${bytes.length}`,
    );
  }
  const lodErrors: number[] = [];
  for (let l = 0; l < L; l++) lodErrors.push(view.getFloat32(40 + 4 * l, true));
  const ids = readArrayLE(bytes, headerEnd, n, BigUint64Array);
  for (let i = 1; i < n; i++) {
    if (ids[i]! <= ids[i - 1]!)
      throw new PrecomputedFormatError(`${name}: ids are not strictly ascending at entry ${i}`);
  }
  const offsets = new Float64Array(n * L);
  let p = headerEnd + 8 * n;
  for (let i = 0; i < n * L; i++, p += 8) offsets[i] = Number(view.getBigUint64(p, true));
  const lengths = readArrayLE(bytes, p, n * L, Uint32Array);
  return {
    lodCount: L,
    quantization: view.getFloat32(20, true),
    voxelSize: [view.getFloat32(24, true), view.getFloat32(28, true), view.getFloat32(32, true)],
    lodErrors,
    ids,
    offsets,
    lengths,
  };
}

/** The byte range of a supervoxel's fragment at a LOD, or undefined if the index has no such id. */
export function findMeshFragment(
  index: MeshFragmentIndex,
  id: bigint,
  lod: number,
): { offset: number; length: number } | undefined {
  if (!Number.isInteger(lod) || lod < 0 || lod >= index.lodCount) {
    throw new RangeError(`mesh fragment index: lod ${lod} is outside 0..${index.lodCount - 1}`);
  }
  let lo = 0;
  let hi = index.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = index.ids[mid]!;
    if (v === id) {
      const k = mid * index.lodCount + lod;
      return { offset: index.offsets[k]!, length: index.lengths[k]! };
    }
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
