import { gunzipSync, gzipSync } from "fflate";

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Returns the bytes gunzipped if they are gzip, else the bytes themselves. CloudVolume stores precomputed
 * files gzipped with a `.gz` suffix and serves them with `Content-Encoding: gzip`; readers accept both.
 */
export function gunzipIfNeeded(bytes: Uint8Array, name = "data"): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new Error(`${name}: corrupt gzip data (${(e as Error).message})`);
  }
}

/** Gzips deterministically: no modification time and no file name in the header, so equal input gives equal bytes. */
export function gzipDeterministic(
  bytes: Uint8Array,
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 = 6,
): Uint8Array {
  return gzipSync(bytes, { level, mtime: 0 });
}
