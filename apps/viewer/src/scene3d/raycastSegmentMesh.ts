import type { SegmentMeshData } from "./buildSegmentMesh";
import type { Vec3 } from "./worldFrame";

export interface SegmentHit {
  /** Distance along the (unit) ray, nm. */
  distance: number;
  point: Vec3;
  supervoxel: string;
  /** Triangle index in the merged mesh. */
  triangle: number;
}

const EPS = 1e-9;

/** Slab test: the entry distance of the ray into the box, or Infinity when it misses within `far`. */
export function rayBoxEntry(o: Vec3, invDir: Vec3, boxes: ArrayLike<number>, k: number, far: number): number {
  let t0 = 0;
  let t1 = far;
  for (let d = 0; d < 3; d++) {
    const lo = boxes[k + d]!;
    const hi = boxes[k + 3 + d]!;
    if (lo > hi) return Infinity;
    const inv = invDir[d]!;
    let a = (lo - o[d]!) * inv;
    let b = (hi - o[d]!) * inv;
    if (Number.isNaN(a)) a = -Infinity;
    if (Number.isNaN(b)) b = Infinity;
    if (a > b) [a, b] = [b, a];
    if (a > t0) t0 = a;
    if (b < t1) t1 = b;
    if (t0 > t1) return Infinity;
  }
  return t0;
}

/**
 * The nearest triangle a ray hits (both faces count), resolved to its supervoxel. The per-supervoxel
 * boxes act as a one-level bounding volume hierarchy: only the triangles of boxes the ray enters, nearer
 * than the best hit so far, are tested. `dir` must be a unit vector.
 */
export function raycastSegmentMesh(
  mesh: SegmentMeshData,
  origin: Vec3,
  dir: Vec3,
  far = Infinity,
): SegmentHit | null {
  const invDir: Vec3 = [1 / dir[0], 1 / dir[1], 1 / dir[2]];
  const n = mesh.supervoxels.length;
  const order: { s: number; t: number }[] = [];
  for (let s = 0; s < n; s++) {
    const t = rayBoxEntry(origin, invDir, mesh.boxes, s * 6, far);
    if (t !== Infinity) order.push({ s, t });
  }
  order.sort((a, b) => a.t - b.t);
  const p = mesh.positions;
  const ix = mesh.indices;
  let best = far;
  let bestTri = -1;
  let bestS = -1;
  const [ox, oy, oz] = origin;
  const [dx, dy, dz] = dir;
  for (const { s, t } of order) {
    if (t > best) break;
    const end = mesh.triangleStart[s + 1]!;
    for (let tri = mesh.triangleStart[s]!; tri < end; tri++) {
      const a = ix[tri * 3]! * 3;
      const b = ix[tri * 3 + 1]! * 3;
      const c = ix[tri * 3 + 2]! * 3;
      const ax = p[a]!;
      const ay = p[a + 1]!;
      const az = p[a + 2]!;
      const e1x = p[b]! - ax;
      const e1y = p[b + 1]! - ay;
      const e1z = p[b + 2]! - az;
      const e2x = p[c]! - ax;
      const e2y = p[c + 1]! - ay;
      const e2z = p[c + 2]! - az;
      const px = dy * e2z - dz * e2y;
      const py = dz * e2x - dx * e2z;
      const pz = dx * e2y - dy * e2x;
      const det = e1x * px + e1y * py + e1z * pz;
      if (det > -EPS && det < EPS) continue;
      const inv = 1 / det;
      const tx = ox - ax;
      const ty = oy - ay;
      const tz = oz - az;
      const u = (tx * px + ty * py + tz * pz) * inv;
      if (u < 0 || u > 1) continue;
      const qx = ty * e1z - tz * e1y;
      const qy = tz * e1x - tx * e1z;
      const qz = tx * e1y - ty * e1x;
      const v = (dx * qx + dy * qy + dz * qz) * inv;
      if (v < 0 || u + v > 1) continue;
      const dist = (e2x * qx + e2y * qy + e2z * qz) * inv;
      if (dist > 0 && dist < best) {
        best = dist;
        bestTri = tri;
        bestS = s;
      }
    }
  }
  if (bestTri < 0) return null;
  return {
    distance: best,
    point: [ox + dx * best, oy + dy * best, oz + dz * best],
    supervoxel: mesh.supervoxels[bestS]!,
    triangle: bestTri,
  };
}
