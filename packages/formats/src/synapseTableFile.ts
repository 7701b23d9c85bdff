/**
 * Danio's synapse table file (`synapses.bin`).
 *
 *   0   8   magic "DANIOSYN"
 *   8   4   u32 version = 1
 *   12  4   u32 synapse count k
 *   16  8   reserved = 0
 *   24  8k  u64 synapse ids, strictly ascending, non-zero
 *       8k  u64 presynaptic supervoxel id
 *       8k  u64 postsynaptic supervoxel id
 *       12k f32×3 presynaptic position (nm)
 *       12k f32×3 postsynaptic position (nm)
 *       4k  f32 score in [0, 1]
 */
import { readArrayLE, writeArrayLE } from "./byteOrder";
import {
  checkAscendingIds,
  checkFinite,
  DANIO_HEADER_BYTES,
  DanioFormatError,
  expectLength,
  readDanioHeader,
  writeDanioHeader,
} from "./danioBinaryHeader";

export const SYNAPSE_TABLE_MAGIC = "DANIOSYN";
export const SYNAPSE_TABLE_VERSION = 1;

export interface SynapseTableData {
  ids: BigUint64Array;
  preSupervoxel: BigUint64Array;
  postSupervoxel: BigUint64Array;
  /** 3 per synapse, nanometres. */
  prePosition: Float32Array;
  postPosition: Float32Array;
  score: Float32Array;
}

export function validateSynapseTable(t: SynapseTableData, name = "synapse table"): void {
  const k = t.ids.length;
  if (
    t.preSupervoxel.length !== k ||
    t.postSupervoxel.length !== k ||
    t.prePosition.length !== 3 * k ||
    t.postPosition.length !== 3 * k ||
    t.score.length !== k
  ) {
    throw new DanioFormatError(`${name}: every column must have ${k} rows (positions 3 per row)`);
  }
  checkAscendingIds(t.ids, "synapse id", name);
  checkFinite(t.prePosition, "prePosition", name);
  checkFinite(t.postPosition, "postPosition", name);
  for (let i = 0; i < k; i++) {
    if (t.preSupervoxel[i] === 0n || t.postSupervoxel[i] === 0n) {
      throw new DanioFormatError(`${name}: synapse ${t.ids[i]} has supervoxel 0 on its pre or post side`);
    }
    const s = t.score[i]!;
    if (!(s >= 0 && s <= 1))
      throw new DanioFormatError(`${name}: synapse ${t.ids[i]} score ${s} is outside [0, 1]`);
  }
}

export function encodeSynapseTable(t: SynapseTableData): Uint8Array {
  validateSynapseTable(t, "synapse table (being written)");
  const k = t.ids.length;
  const out = new Uint8Array(DANIO_HEADER_BYTES + 52 * k);
  writeDanioHeader(out, SYNAPSE_TABLE_MAGIC, SYNAPSE_TABLE_VERSION, [k, 0, 0]);
  let p = DANIO_HEADER_BYTES;
  for (const a of [t.ids, t.preSupervoxel, t.postSupervoxel, t.prePosition, t.postPosition, t.score]) {
    writeArrayLE(out, p, a);
    p += a.byteLength;
  }
  return out;
}

export function decodeSynapseTable(bytes: Uint8Array, name = "synapses.bin"): SynapseTableData {
  const [k, r1, r2] = readDanioHeader(
    bytes,
    SYNAPSE_TABLE_MAGIC,
    SYNAPSE_TABLE_VERSION,
    "synapse table",
    name,
  );
  if (r1 !== 0 || r2 !== 0) throw new DanioFormatError(`${name}: reserved header fields must be 0`);
  expectLength(bytes, DANIO_HEADER_BYTES + 52 * k, `${k} synapses`, name);
  let p = DANIO_HEADER_BYTES;
  const ids = readArrayLE(bytes, p, k, BigUint64Array);
  p += 8 * k;
  const preSupervoxel = readArrayLE(bytes, p, k, BigUint64Array);
  p += 8 * k;
  const postSupervoxel = readArrayLE(bytes, p, k, BigUint64Array);
  p += 8 * k;
  const prePosition = readArrayLE(bytes, p, 3 * k, Float32Array);
  p += 12 * k;
  const postPosition = readArrayLE(bytes, p, 3 * k, Float32Array);
  p += 12 * k;
  const score = readArrayLE(bytes, p, k, Float32Array);
  const t = { ids, preSupervoxel, postSupervoxel, prePosition, postPosition, score };
  validateSynapseTable(t, name);
  return t;
}
