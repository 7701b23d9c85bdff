/**
 * The segment membership wire format (SPEC P10) served by `GET /api/datasets/:id/membership`: every
 * supervoxel with its root (segment) id at one sequence number. Little-endian:
 *
 *   offset  size  field
 *   0       4     magic "DNMB"
 *   4       4     u32 version (1)
 *   8       4     u32 seq — the operation sequence number the mapping reflects
 *   12      4     u32 count — number of supervoxels
 *   16      8n    u64 supervoxel ids, ascending
 *   16+8n   8n    u64 root id of each supervoxel
 */
export const MEMBERSHIP_MAGIC = "DNMB";
export const MEMBERSHIP_VERSION = 1;

export interface Membership {
  seq: number;
  supervoxels: BigUint64Array;
  roots: BigUint64Array;
}

export class MembershipFormatError extends Error {
  override readonly name = "MembershipFormatError";
}

export function encodeMembership(m: Membership): Uint8Array {
  const n = m.supervoxels.length;
  if (m.roots.length !== n) {
    throw new MembershipFormatError(`membership: ${n} supervoxels but ${m.roots.length} roots`);
  }
  const out = new Uint8Array(16 + 16 * n);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MEMBERSHIP_MAGIC.charCodeAt(i);
  view.setUint32(4, MEMBERSHIP_VERSION, true);
  view.setUint32(8, m.seq, true);
  view.setUint32(12, n, true);
  for (let i = 0; i < n; i++) {
    view.setBigUint64(16 + 8 * i, m.supervoxels[i]!, true);
    view.setBigUint64(16 + 8 * n + 8 * i, m.roots[i]!, true);
  }
  return out;
}

export function decodeMembership(bytes: Uint8Array, name = "membership"): Membership {
  if (bytes.byteLength < 16)
    throw new MembershipFormatError(`${name}: ${bytes.byteLength} bytes, expected a 16-byte header`);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MEMBERSHIP_MAGIC.charCodeAt(i))
      throw new MembershipFormatError(`${name}: not a membership file (magic)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MEMBERSHIP_VERSION) {
    throw new MembershipFormatError(`${name}: version ${version}, expected ${MEMBERSHIP_VERSION}`);
  }
  const seq = view.getUint32(8, true);
  const n = view.getUint32(12, true);
  if (bytes.byteLength !== 16 + 16 * n) {
    throw new MembershipFormatError(
      `${name}: ${n} supervoxels need ${16 + 16 * n} bytes, got ${bytes.byteLength}`,
    );
  }
  const supervoxels = new BigUint64Array(n);
  const roots = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    supervoxels[i] = view.getBigUint64(16 + 8 * i, true);
    roots[i] = view.getBigUint64(16 + 8 * n + 8 * i, true);
  }
  return { seq, supervoxels, roots };
}
