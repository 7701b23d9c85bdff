/**
 * Little-endian bulk copies between typed arrays and byte buffers. On little-endian hosts (all current
 * browsers and Node platforms) these are memcpy; on a big-endian host they swap bytes, so files are
 * always little-endian.
 */

export type NumericArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigUint64Array
  | BigInt64Array;

/** Whether this host stores numbers little-endian. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function asBytes(a: NumericArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function swapInPlace(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let i = 0; i < bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

/** Writes `src` little-endian into `dst` at byte `offset`. */
export function writeArrayLE(dst: Uint8Array, offset: number, src: NumericArray): void {
  dst.set(asBytes(src), offset);
  if (!HOST_IS_LITTLE_ENDIAN)
    swapInPlace(dst.subarray(offset, offset + src.byteLength), src.BYTES_PER_ELEMENT);
}

interface ArrayCtor<T extends NumericArray> {
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Reads `count` little-endian elements starting at byte `offset` into a new array (no alignment needed). */
export function readArrayLE<T extends NumericArray>(
  src: Uint8Array,
  offset: number,
  count: number,
  Ctor: ArrayCtor<T>,
): T {
  const out = new Ctor(count);
  const bytes = asBytes(out);
  bytes.set(src.subarray(offset, offset + bytes.length));
  if (!HOST_IS_LITTLE_ENDIAN) swapInPlace(bytes, Ctor.BYTES_PER_ELEMENT);
  return out;
}

/** Copies the bytes of a typed array as little-endian bytes (a new buffer). */
export function toBytesLE(src: NumericArray): Uint8Array {
  const out = new Uint8Array(src.byteLength);
  writeArrayLE(out, 0, src);
  return out;
}
