/**
 * The region adjacency graph of a label volume: an edge between every two supervoxels that share a
 * voxel face, with the number of shared faces as contact area; plus each supervoxel's voxel count and a
 * representative voxel (the supervoxel's voxel nearest its centroid, so it lies inside the supervoxel).
 */
export interface RegionAdjacency {
  /** Dense 0-based endpoints, a < b, sorted by (a, b). */
  edgeA: Uint32Array;
  edgeB: Uint32Array;
  contactArea: Uint32Array;
  voxelCounts: Uint32Array;
  /** Index (x fastest) of each supervoxel's representative voxel. */
  representative: Float64Array;
}

/** `labels` holds dense index + 1 per voxel (0 = extracellular) for `count` supervoxels. */
export function regionAdjacency(
  labels: Uint32Array,
  size: [number, number, number],
  count: number,
): RegionAdjacency {
  const [sx, sy, sz] = size;
  const contacts = new Map<number, number>();
  const voxelCounts = new Uint32Array(count);
  const sum = new Float64Array(3 * count);
  const add = (a: number, b: number) => {
    const key = a < b ? (a - 1) * count + (b - 1) : (b - 1) * count + (a - 1);
    contacts.set(key, (contacts.get(key) ?? 0) + 1);
  };
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      let v = sx * (y + sy * z);
      for (let x = 0; x < sx; x++, v++) {
        const a = labels[v]!;
        if (a === 0) continue;
        voxelCounts[a - 1]!++;
        sum[3 * (a - 1)]! += x;
        sum[3 * (a - 1) + 1]! += y;
        sum[3 * (a - 1) + 2]! += z;
        if (x + 1 < sx) {
          const b = labels[v + 1]!;
          if (b !== 0 && b !== a) add(a, b);
        }
        if (y + 1 < sy) {
          const b = labels[v + sx]!;
          if (b !== 0 && b !== a) add(a, b);
        }
        if (z + 1 < sz) {
          const b = labels[v + sx * sy]!;
          if (b !== 0 && b !== a) add(a, b);
        }
      }
    }
  }
  const keys = Float64Array.from(contacts.keys()).sort();
  const m = keys.length;
  const edgeA = new Uint32Array(m);
  const edgeB = new Uint32Array(m);
  const contactArea = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    const key = keys[e]!;
    edgeA[e] = Math.floor(key / count);
    edgeB[e] = key - edgeA[e]! * count;
    contactArea[e] = contacts.get(key)!;
  }
  // Representative voxel: the supervoxel's voxel nearest its centroid (first in x-fastest order on ties).
  const best = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const representative = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const n = voxelCounts[s]!;
    sum[3 * s] = sum[3 * s]! / n;
    sum[3 * s + 1] = sum[3 * s + 1]! / n;
    sum[3 * s + 2] = sum[3 * s + 2]! / n;
  }
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      let v = sx * (y + sy * z);
      for (let x = 0; x < sx; x++, v++) {
        const a = labels[v]!;
        if (a === 0) continue;
        const s = a - 1;
        const dx = x - sum[3 * s]!;
        const dy = y - sum[3 * s + 1]!;
        const dz = z - sum[3 * s + 2]!;
        const d = dx * dx + dy * dy + dz * dz;
        if (d < best[s]!) {
          best[s] = d;
          representative[s] = v;
        }
      }
    }
  }
  return { edgeA, edgeB, contactArea, voxelCounts, representative };
}
