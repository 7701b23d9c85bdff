/**
 * The 24-byte header shared by Danio's binary tables: an 8-byte ASCII magic, a u32 version and three u32
 * counts whose meaning depends on the file (little-endian).
 */
export const DANIO_HEADER_BYTES = 24;

/** A Danio binary file that does not follow its layout. */
export class DanioFormatError extends Error {
  override readonly name = "DanioFormatError";
}

export function writeDanioHeader(
  out: Uint8Array,
  magic: string,
  version: number,
  counts: [number, number, number],
): void {
  for (let i = 0; i < 8; i++) out[i] = magic.charCodeAt(i);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(8, version, true);
  view.setUint32(12, counts[0], true);
  view.setUint32(16, counts[1], true);
  view.setUint32(20, counts[2], true);
}

/** Checks magic and version; returns the three counts. */
export function readDanioHeader(
  bytes: Uint8Array,
  magic: string,
  version: number,
  what: string,
  name: string,
): [number, number, number] {
  let m = "";
  for (let i = 0; i < 8 && i < bytes.length; i++) m += String.fromCharCode(bytes[i]!);
  if (bytes.length < DANIO_HEADER_BYTES || m !== magic) {
    throw new DanioFormatError(`${name}: not a Danio ${what} file (magic "${magic}" missing)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const v = view.getUint32(8, true);
  if (v !== version) {
    throw new DanioFormatError(`${name}: ${what} file version ${v} is not supported (expected ${version})`);
  }
  return [view.getUint32(12, true), view.getUint32(16, true), view.getUint32(20, true)];
}

export function expectLength(bytes: Uint8Array, expected: number, detail: string, name: string): void {
  if (bytes.length !== expected) {
    throw new DanioFormatError(`${name}: ${detail} need ${expected} bytes, got ${bytes.length}`);
  }
}

export function checkAscendingIds(ids: BigUint64Array, what: string, name: string): void {
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] === 0n) throw new DanioFormatError(`${name}: ${what} ${i} is 0, which is reserved for "none"`);
    if (i > 0 && ids[i]! <= ids[i - 1]!) {
      throw new DanioFormatError(
        `${name}: ${what}s must be strictly ascending, but entry ${i} (${ids[i]}) follows ${ids[i - 1]}`,
      );
    }
  }
}

export function checkFinite(a: Float32Array, what: string, name: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) throw new DanioFormatError(`${name}: ${what}[${i}] is not a finite number`);
  }
}
