/**
 * NPY (NumPy's array file format, versions 1.0–3.0) as pure functions over bytes.
 * Reference: numpy/lib/format.py. Supports little-endian float32/float64/int32/uint32/int16/uint16/
 * int8/uint8/int64/uint64 in C order (Fortran order is refused with a clear error).
 */
export type NpyDtype = "<f4" | "<f8" | "<i4" | "<u4" | "<i2" | "<u2" | "|i1" | "|u1" | "<i8" | "<u8";

export type NpyData =
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | BigInt64Array
  | BigUint64Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

export class NpyFormatError extends Error {
  override readonly name = "NpyFormatError";
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const CTORS = {
  "<f4": Float32Array,
  "<f8": Float64Array,
  "<i4": Int32Array,
  "<u4": Uint32Array,
  "<i2": Int16Array,
  "<u2": Uint16Array,
  "|i1": Int8Array,
  "|u1": Uint8Array,
  "<i8": BigInt64Array,
  "<u8": BigUint64Array,
} as const;

function normalizeDtype(descr: string): NpyDtype {
  const d = descr === "<b1" || descr === "|b1" ? "|u1" : descr.replace(/^=/, "<");
  const alias: Record<string, NpyDtype> = { "<i1": "|i1", "<u1": "|u1" };
  const n = alias[d] ?? d;
  if (!(n in CTORS)) throw new NpyFormatError(`npy header: dtype ${JSON.stringify(descr)} is not supported`);
  return n as NpyDtype;
}

/** Parses an .npy file. `name` is used in error messages. */
export function readNpy(bytes: Uint8Array, name = "array.npy"): NpyArray {
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new NpyFormatError(`${name}: not an NPY file (magic string missing)`);
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    headerLen = view.getUint32(8, true);
    start = 12;
  } else {
    throw new NpyFormatError(`${name}: NPY version ${major} is not supported (expected 1, 2 or 3)`);
  }
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(
    bytes.subarray(start, start + headerLen),
  );
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyFormatError(
      `${name}: header is missing 'descr', 'fortran_order' or 'shape': ${header.trim()}`,
    );
  }
  if (fortran === "True")
    throw new NpyFormatError(`${name}: Fortran-order arrays are not supported; save with C order`);
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => Number.parseInt(s, 10));
  const dtype = normalizeDtype(descr);
  const Ctor = CTORS[dtype];
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  const needed = count * Ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength - offset < needed) {
    throw new NpyFormatError(
      `${name}: truncated: shape (${shape.join(", ")}) needs ${needed} data bytes, file has ${bytes.byteLength - offset}`,
    );
  }
  // A fresh, aligned copy (Node's Buffer.slice would return a view into a shared pool).
  const copy = new Uint8Array(needed);
  copy.set(bytes.subarray(offset, offset + needed));
  return { dtype, shape, data: new Ctor(copy.buffer, 0, count) };
}

/** Writes an .npy (version 1.0) file for a C-order array. */
export function writeNpy(array: NpyArray): Uint8Array {
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) {
    throw new NpyFormatError(
      `writeNpy: shape (${array.shape.join(", ")}) holds ${count} values, data has ${array.data.length}`,
    );
  }
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(", ")})`;
  let header = `{'descr': '${array.dtype}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const out = new Uint8Array(10 + header.length + array.data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(
    new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength),
    10 + header.length,
  );
  return out;
}
