/**
 * The connectome CSR file (SPEC.md CSR1–CSR6, byte layout in README.md "Connectome CSR"): the weighted directed
 * wiring diagram that packages/forecast reads. Little-endian; a 24-byte header, then sections that each
 * start on an 8-byte boundary (zero padding between them, none after the last):
 *
 *   0   8  magic "DNCSR\0\0\0"          8  u32 version (1)        12  u32 flags
 *   16  u32 nodeCount n                  20  u32 edgeCount m
 *   24  u64[n] node ids, strictly ascending
 *       u32[n+1] row offsets (0 … m, non-decreasing)
 *       u32[m] column indices (< n, strictly ascending within a row)
 *       f32[m] weights (synapse counts: finite, ≥ 0)
 *       i8[m]  signs (−1, 0 unknown, +1), present when flag bit 0 is set
 *
 * Flag bit 0: the file has signs. Flag bit 1: rows are postsynaptic neurons and columns presynaptic (CSR by
 * post, the inputs of each neuron); clear: rows are presynaptic (CSR by pre, the outputs). Other bits are 0.
 */
import { readArrayLE, writeArrayLE } from "./byteOrder";
import { DanioFormatError } from "./danioBinaryHeader";

export const CONNECTOME_CSR_MAGIC = "DNCSR\0\0\0";
export const CONNECTOME_CSR_VERSION = 1;
export const CONNECTOME_CSR_HEADER_BYTES = 24;
export const CSR_FLAG_SIGNS = 1;
export const CSR_FLAG_ROWS_POST = 2;

export interface ConnectomeCsr {
  /** Node (neuron) ids, strictly ascending; row and column indices point into this array. */
  nodeIds: BigUint64Array;
  /** "pre": row i lists the targets of node i; "post": row i lists the sources of node i. */
  rows: "pre" | "post";
  /** n + 1 offsets: row i is entries rowOffsets[i] .. rowOffsets[i+1]. */
  rowOffsets: Uint32Array;
  /** Column (other endpoint) index of each entry, strictly ascending within a row. */
  columns: Uint32Array;
  /** Synapse count of each entry (float32, finite, ≥ 0). */
  weights: Float32Array;
  /** Sign of each entry (−1 inhibitory, 0 unknown, +1 excitatory), or null when the file has none. */
  signs: Int8Array | null;
}

export interface ConnectomeCsrLayout {
  nodeIds: number;
  rowOffsets: number;
  columns: number;
  weights: number;
  /** Byte offset of the signs section (where it would start when absent). */
  signs: number;
  /** File length. */
  end: number;
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Byte offsets of the sections for n nodes and m edges (CSR2). */
export function connectomeCsrLayout(
  nodeCount: number,
  edgeCount: number,
  hasSigns: boolean,
): ConnectomeCsrLayout {
  const nodeIds = CONNECTOME_CSR_HEADER_BYTES;
  const rowOffsets = nodeIds + 8 * nodeCount;
  const columns = align8(rowOffsets + 4 * (nodeCount + 1));
  const weights = align8(columns + 4 * edgeCount);
  const signs = align8(weights + 4 * edgeCount);
  const end = hasSigns ? align8(signs + edgeCount) : signs;
  return { nodeIds, rowOffsets, columns, weights, signs, end };
}

/** Checks rules CSR3–CSR5 (ordering, ranges, lengths); throws DanioFormatError naming the entry. */
export function validateConnectomeCsr(csr: ConnectomeCsr, name = "connectome CSR"): void {
  const { nodeIds, rowOffsets, columns, weights, signs } = csr;
  const n = nodeIds.length;
  const m = columns.length;
  if (csr.rows !== "pre" && csr.rows !== "post") {
    throw new DanioFormatError(`${name}: rows must be "pre" or "post", got ${JSON.stringify(csr.rows)}`);
  }
  if (n > 0xffffffff || m > 0xffffffff) {
    throw new DanioFormatError(
      `${name}: ${n} nodes and ${m} edges; version 1 holds at most 2^32 − 1 of each`,
    );
  }
  for (let i = 1; i < n; i++) {
    if (nodeIds[i]! <= nodeIds[i - 1]!) {
      throw new DanioFormatError(
        `${name}: node ids must be strictly ascending, but node ${i} (${nodeIds[i]}) follows ${nodeIds[i - 1]}`,
      );
    }
  }
  if (rowOffsets.length !== n + 1) {
    throw new DanioFormatError(`${name}: ${rowOffsets.length} row offsets for ${n} nodes; expected ${n + 1}`);
  }
  if (weights.length !== m) throw new DanioFormatError(`${name}: ${weights.length} weights for ${m} edges`);
  if (signs !== null && signs.length !== m)
    throw new DanioFormatError(`${name}: ${signs.length} signs for ${m} edges`);
  if (rowOffsets[0] !== 0)
    throw new DanioFormatError(`${name}: row offset 0 is ${rowOffsets[0]}, expected 0`);
  if (rowOffsets[n] !== m)
    throw new DanioFormatError(`${name}: row offset ${n} is ${rowOffsets[n]}, expected the edge count ${m}`);
  for (let i = 0; i < n; i++) {
    if (rowOffsets[i + 1]! < rowOffsets[i]!) {
      throw new DanioFormatError(
        `${name}: row offset ${i + 1} (${rowOffsets[i + 1]}) is below row offset ${i} (${rowOffsets[i]})`,
      );
    }
  }
  for (let i = 0; i < n; i++) {
    const start = rowOffsets[i]!;
    const end = rowOffsets[i + 1]!;
    for (let e = start; e < end; e++) {
      const c = columns[e]!;
      if (c >= n)
        throw new DanioFormatError(`${name}: edge ${e} (row ${i}) column ${c} is outside 0..${n - 1}`);
      if (e > start && c <= columns[e - 1]!) {
        throw new DanioFormatError(
          `${name}: edge ${e} (row ${i}) column ${c} does not follow ${columns[e - 1]} in ascending order`,
        );
      }
    }
  }
  for (let e = 0; e < m; e++) {
    const w = weights[e]!;
    if (!(Number.isFinite(w) && w >= 0))
      throw new DanioFormatError(`${name}: edge ${e} weight ${w} is not a finite count ≥ 0`);
  }
  if (signs !== null) {
    for (let e = 0; e < m; e++) {
      const s = signs[e]!;
      if (s < -1 || s > 1) throw new DanioFormatError(`${name}: edge ${e} sign ${s} is not −1, 0 or +1`);
    }
  }
}

/** The CSR as bytes (CSR1–CSR5); validates first. */
export function writeConnectomeCsr(csr: ConnectomeCsr, name = "connectome CSR"): Uint8Array {
  validateConnectomeCsr(csr, name);
  const n = csr.nodeIds.length;
  const m = csr.columns.length;
  const layout = connectomeCsrLayout(n, m, csr.signs !== null);
  const out = new Uint8Array(layout.end);
  for (let i = 0; i < 8; i++) out[i] = CONNECTOME_CSR_MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(8, CONNECTOME_CSR_VERSION, true);
  const flags = (csr.signs !== null ? CSR_FLAG_SIGNS : 0) | (csr.rows === "post" ? CSR_FLAG_ROWS_POST : 0);
  view.setUint32(12, flags, true);
  view.setUint32(16, n, true);
  view.setUint32(20, m, true);
  writeArrayLE(out, layout.nodeIds, csr.nodeIds);
  writeArrayLE(out, layout.rowOffsets, csr.rowOffsets);
  writeArrayLE(out, layout.columns, csr.columns);
  writeArrayLE(out, layout.weights, csr.weights);
  if (csr.signs !== null) writeArrayLE(out, layout.signs, csr.signs);
  return out;
}

function describeMagic(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < 8 && i < bytes.length; i++) {
    const b = bytes[i]!;
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return s;
}

/** Reads a connectome CSR file (CSR1–CSR6); throws DanioFormatError for a foreign, truncated or invalid file. */
export function readConnectomeCsr(bytes: Uint8Array, name = "connectome CSR"): ConnectomeCsr {
  for (let i = 0; i < 8; i++) {
    if (bytes[i] !== CONNECTOME_CSR_MAGIC.charCodeAt(i)) {
      if (i === bytes.length) break;
      throw new DanioFormatError(
        `${name}: not a Danio connectome CSR file (expected magic "DNCSR" and 3 zero bytes at byte 0, found "${describeMagic(bytes)}")`,
      );
    }
  }
  if (bytes.length < CONNECTOME_CSR_HEADER_BYTES) {
    throw new DanioFormatError(
      `${name}: truncated: the header needs ${CONNECTOME_CSR_HEADER_BYTES} bytes, the file has ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== CONNECTOME_CSR_VERSION) {
    throw new DanioFormatError(
      `${name}: version ${version} is not supported (expected ${CONNECTOME_CSR_VERSION})`,
    );
  }
  const flags = view.getUint32(12, true);
  if ((flags & ~(CSR_FLAG_SIGNS | CSR_FLAG_ROWS_POST)) !== 0) {
    throw new DanioFormatError(
      `${name}: flags 0x${flags.toString(16)} set unknown bits (known: 0x1 signs, 0x2 rows are post)`,
    );
  }
  const n = view.getUint32(16, true);
  const m = view.getUint32(20, true);
  const hasSigns = (flags & CSR_FLAG_SIGNS) !== 0;
  const layout = connectomeCsrLayout(n, m, hasSigns);
  const sections: [string, number, number][] = [
    [`node ids (${n} × u64)`, layout.nodeIds, layout.nodeIds + 8 * n],
    [`row offsets (${n + 1} × u32)`, layout.rowOffsets, layout.rowOffsets + 4 * (n + 1)],
    [`column indices (${m} × u32)`, layout.columns, layout.columns + 4 * m],
    [`weights (${m} × f32)`, layout.weights, layout.weights + 4 * m],
  ];
  if (hasSigns) sections.push([`signs (${m} × i8)`, layout.signs, layout.signs + m]);
  for (const [what, start, end] of sections) {
    if (bytes.length < end) {
      throw new DanioFormatError(
        `${name}: truncated: ${what} need bytes ${start}..${end - 1} (header: ${n} nodes, ${m} edges), the file has ${bytes.length} bytes`,
      );
    }
  }
  const last = sections[sections.length - 1]!;
  if (bytes.length < layout.end) {
    throw new DanioFormatError(
      `${name}: truncated: the zero padding after ${last[0]} needs bytes ${last[2]}..${layout.end - 1}, the file has ${bytes.length} bytes`,
    );
  }
  if (bytes.length > layout.end) {
    throw new DanioFormatError(
      `${name}: ${bytes.length - layout.end} unexpected bytes after the last section (expected ${layout.end} bytes for ${n} nodes, ${m} edges)`,
    );
  }
  for (let k = 0; k < sections.length; k++) {
    const padEnd = k + 1 < sections.length ? sections[k + 1]![1] : layout.end;
    for (let b = sections[k]![2]; b < padEnd; b++) {
      if (bytes[b] !== 0)
        throw new DanioFormatError(
          `${name}: padding byte ${b} after ${sections[k]![0]} is ${bytes[b]}, expected 0`,
        );
    }
  }
  const csr: ConnectomeCsr = {
    nodeIds: readArrayLE(bytes, layout.nodeIds, n, BigUint64Array),
    rows: (flags & CSR_FLAG_ROWS_POST) !== 0 ? "post" : "pre",
    rowOffsets: readArrayLE(bytes, layout.rowOffsets, n + 1, Uint32Array),
    columns: readArrayLE(bytes, layout.columns, m, Uint32Array),
    weights: readArrayLE(bytes, layout.weights, m, Float32Array),
    signs: hasSigns ? readArrayLE(bytes, layout.signs, m, Int8Array) : null,
  };
  validateConnectomeCsr(csr, name);
  return csr;
}
