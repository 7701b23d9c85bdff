/**
 * Multi-label surface nets on a label volume: one vertex per lattice corner where labels differ, placed
 * at the mean of the centres of the voxel faces around that corner, and one quad per voxel face between
 * different labels. Because a vertex depends only on the 8 labels around its corner, the two
 * supervoxels on either side of a face get the very same vertices — their surfaces meet without cracks.
 *
 * Quads are grouped into patches, one per unordered label pair (lo, hi) with 0 = outside/extracellular,
 * oriented so their normals point from `lo` into `hi`. A supervoxel's closed surface is the union of its
 * patches (flipped where it is `hi`). Positions are quantized on a global grid of `quantization` voxels.
 */
import { createGrowableUint32, finishUint32, pushUint32, reserveUint32 } from "./growableArray";

/**
 * The 12 edges of the 2x2x2 voxel cube around a corner (cube vertex c has x = bit 0, y = bit 1, z = bit 2;
 * 0 = the voxel below the corner on that axis) and the centre of the face each edge crosses, relative to
 * the corner: 0 along the edge's axis, ±½ along the other two.
 */
const EDGE_A = new Uint8Array(12);
const EDGE_B = new Uint8Array(12);
const EDGE_OX = new Float64Array(12);
const EDGE_OY = new Float64Array(12);
const EDGE_OZ = new Float64Array(12);
{
  let e = 0;
  for (let c = 0; c < 8; c++) {
    for (let bit = 1; bit < 8; bit <<= 1) {
      if (c & bit) continue;
      EDGE_A[e] = c;
      EDGE_B[e] = c | bit;
      EDGE_OX[e] = bit === 1 ? 0 : c & 1 ? 0.5 : -0.5;
      EDGE_OY[e] = bit === 2 ? 0 : c & 2 ? 0.5 : -0.5;
      EDGE_OZ[e] = bit === 4 ? 0 : c & 4 ? 0.5 : -0.5;
      e++;
    }
  }
}

export interface SurfaceNets {
  vertexCount: number;
  /** 3 per vertex: position in quanta (voxel coordinates / quantization; voxel i spans [i, i + 1)). */
  quantized: Int32Array;
  /** 1 where the vertex's corner touches three or more labels (a junction of patches). */
  junction: Uint8Array;
  /** The sorted distinct labels around junction vertex v are junctionLabels[junctionStart[v] .. junctionStart[v + 1]). */
  junctionStart: Uint32Array;
  junctionLabels: Uint32Array;
  patchCount: number;
  patchLo: Uint32Array;
  patchHi: Uint32Array;
  /** Triangles of patch p are triangles[3 * patchStart[p] .. 3 * patchStart[p + 1]). */
  patchStart: Uint32Array;
  triangles: Uint32Array;
  /** Voxel faces between different labels (each gives two triangles). */
  faceCount: number;
}

/**
 * Runs surface nets over `labels` (x fastest, values 0..labelCount; 0 is outside) of `size` voxels.
 * Voxels beyond the volume count as label 0, so every surface is closed.
 */
export function surfaceNets(
  labels: Uint32Array,
  size: [number, number, number],
  labelCount: number,
  quantization: number,
): SurfaceNets {
  const [sx, sy, sz] = size;
  const cx = sx + 1;
  const cy = sy + 1;
  const cz = sz + 1;
  const cornerVertex = new Int32Array(cx * cy * cz).fill(-1);
  const qpos = createGrowableUint32(1 << 16); // int32 bit patterns stored in a uint32 buffer
  const junction = createGrowableUint32(1 << 14);
  const junctionStart = createGrowableUint32(1 << 14);
  const junctionLabels = createGrowableUint32(1 << 14);
  const sorted: number[] = [];
  const inv = 1 / quantization;
  const lab = (x: number, y: number, z: number): number =>
    x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz ? 0 : labels[x + sx * (y + sy * z)]!;
  const l = new Uint32Array(8);
  const sxy = sx * sy;
  let vertexCount = 0;
  for (let k = 0; k <= sz; k++) {
    for (let j = 0; j <= sy; j++) {
      const interiorRow = k > 0 && k < sz && j > 0 && j < sy;
      for (let i = 0; i <= sx; i++) {
        if (interiorRow && i > 0 && i < sx) {
          const b = i - 1 + sx * (j - 1 + sy * (k - 1));
          const a = labels[b]!;
          if (
            a === labels[b + 1] &&
            a === labels[b + sx] &&
            a === labels[b + sx + 1] &&
            a === labels[b + sxy] &&
            a === labels[b + sxy + 1] &&
            a === labels[b + sxy + sx] &&
            a === labels[b + sxy + sx + 1]
          ) {
            continue;
          }
          l[0] = a;
          l[1] = labels[b + 1]!;
          l[2] = labels[b + sx]!;
          l[3] = labels[b + sx + 1]!;
          l[4] = labels[b + sxy]!;
          l[5] = labels[b + sxy + 1]!;
          l[6] = labels[b + sxy + sx]!;
          l[7] = labels[b + sxy + sx + 1]!;
        } else {
          l[0] = lab(i - 1, j - 1, k - 1);
          l[1] = lab(i, j - 1, k - 1);
          l[2] = lab(i - 1, j, k - 1);
          l[3] = lab(i, j, k - 1);
          l[4] = lab(i - 1, j - 1, k);
          l[5] = lab(i, j - 1, k);
          l[6] = lab(i - 1, j, k);
          l[7] = lab(i, j, k);
          const a = l[0]!;
          if (a === l[1] && a === l[2] && a === l[3] && a === l[4] && a === l[5] && a === l[6] && a === l[7])
            continue;
        }
        // Mean of the centres of the faces between differing voxels of the 2x2x2 cube around the corner.
        let ox = 0;
        let oy = 0;
        let oz = 0;
        let n = 0;
        for (let e = 0; e < 12; e++) {
          if (l[EDGE_A[e]!] === l[EDGE_B[e]!]) continue;
          ox += EDGE_OX[e]!;
          oy += EDGE_OY[e]!;
          oz += EDGE_OZ[e]!;
          n++;
        }
        let distinct = 1;
        for (let c = 1; c < 8 && distinct < 3; c++) {
          let seen = false;
          for (let d = 0; d < c; d++) if (l[d] === l[c]) seen = true;
          if (!seen) distinct++;
        }
        cornerVertex[i + cx * (j + cy * k)] = vertexCount++;
        reserveUint32(qpos, 3);
        qpos.data[qpos.length++] = Math.round((i + ox / n) * inv) >>> 0;
        qpos.data[qpos.length++] = Math.round((j + oy / n) * inv) >>> 0;
        qpos.data[qpos.length++] = Math.round((k + oz / n) * inv) >>> 0;
        pushUint32(junction, distinct >= 3 ? 1 : 0);
        pushUint32(junctionStart, junctionLabels.length);
        if (distinct >= 3) {
          sorted.length = 0;
          for (let c = 0; c < 8; c++) if (!sorted.includes(l[c]!)) sorted.push(l[c]!);
          sorted.sort((a, b) => a - b);
          for (const x of sorted) pushUint32(junctionLabels, x);
        }
      }
    }
  }
  pushUint32(junctionStart, junctionLabels.length);
  const quantized = new Int32Array(finishUint32(qpos).buffer);

  // Faces, each as two triangles tagged with its patch.
  const patchOf = new Map<number, number>();
  const patchLo = createGrowableUint32();
  const patchHi = createGrowableUint32();
  const facePatch = createGrowableUint32(1 << 16);
  const faceTris = createGrowableUint32(1 << 18);
  const corner = (i: number, j: number, k: number) => cornerVertex[i + cx * (j + cy * k)]!;
  const dist2 = (a: number, b: number) => {
    const dx = quantized[3 * a]! - quantized[3 * b]!;
    const dy = quantized[3 * a + 1]! - quantized[3 * b + 1]!;
    const dz = quantized[3 * a + 2]! - quantized[3 * b + 2]!;
    return dx * dx + dy * dy + dz * dz;
  };
  const emit = (la: number, lb: number, c0: number, c1: number, c2: number, c3: number) => {
    // (c0..c3) is counter-clockwise seen from the upper side: the normal points from la into lb.
    const lo = Math.min(la, lb);
    const hi = Math.max(la, lb);
    const key = lo * (labelCount + 1) + hi;
    let p = patchOf.get(key);
    if (p === undefined) {
      p = patchOf.size;
      patchOf.set(key, p);
      pushUint32(patchLo, lo);
      pushUint32(patchHi, hi);
    }
    if (la > lb) {
      const t = c1;
      c1 = c3;
      c3 = t;
    }
    pushUint32(facePatch, p);
    reserveUint32(faceTris, 6);
    const d = faceTris.data;
    let o = faceTris.length;
    if (dist2(c0, c2) <= dist2(c1, c3)) {
      d[o++] = c0;
      d[o++] = c1;
      d[o++] = c2;
      d[o++] = c0;
      d[o++] = c2;
      d[o++] = c3;
    } else {
      d[o++] = c0;
      d[o++] = c1;
      d[o++] = c3;
      d[o++] = c1;
      d[o++] = c2;
      d[o++] = c3;
    }
    faceTris.length = o;
  };
  // x faces: between voxels (i - 1, j, k) and (i, j, k), i = 0..sx (outside the volume counts as 0).
  for (let k = 0; k < sz; k++) {
    for (let j = 0; j < sy; j++) {
      const row = sx * (j + sy * k);
      for (let i = 0; i <= sx; i++) {
        const la = i > 0 ? labels[row + i - 1]! : 0;
        const lb = i < sx ? labels[row + i]! : 0;
        if (la !== lb)
          emit(la, lb, corner(i, j, k), corner(i, j + 1, k), corner(i, j + 1, k + 1), corner(i, j, k + 1));
      }
    }
  }
  // y faces: between (i, j - 1, k) and (i, j, k).
  for (let k = 0; k < sz; k++) {
    for (let j = 0; j <= sy; j++) {
      const row = sx * (j + sy * k);
      for (let i = 0; i < sx; i++) {
        const la = j > 0 ? labels[row + i - sx]! : 0;
        const lb = j < sy ? labels[row + i]! : 0;
        if (la !== lb)
          emit(la, lb, corner(i, j, k), corner(i, j, k + 1), corner(i + 1, j, k + 1), corner(i + 1, j, k));
      }
    }
  }
  // z faces: between (i, j, k - 1) and (i, j, k).
  for (let k = 0; k <= sz; k++) {
    for (let j = 0; j < sy; j++) {
      const row = sx * (j + sy * k);
      for (let i = 0; i < sx; i++) {
        const la = k > 0 ? labels[row + i - sxy]! : 0;
        const lb = k < sz ? labels[row + i]! : 0;
        if (la !== lb)
          emit(la, lb, corner(i, j, k), corner(i + 1, j, k), corner(i + 1, j + 1, k), corner(i, j + 1, k));
      }
    }
  }

  // Counting sort of the faces by patch, patches ordered by (lo, hi).
  const patchCount = patchOf.size;
  const loArr = finishUint32(patchLo);
  const hiArr = finishUint32(patchHi);
  const byKey = Array.from({ length: patchCount }, (_, p) => p).sort(
    (a, b) => loArr[a]! - loArr[b]! || hiArr[a]! - hiArr[b]!,
  );
  const rank = new Uint32Array(patchCount);
  byKey.forEach((p, r) => {
    rank[p] = r;
  });
  const faceCount = facePatch.length;
  const patchStart = new Uint32Array(patchCount + 1);
  for (let f = 0; f < faceCount; f++) patchStart[rank[facePatch.data[f]!]! + 1]! += 2;
  for (let r = 0; r < patchCount; r++) patchStart[r + 1]! += patchStart[r]!;
  const fill = patchStart.slice(0, patchCount);
  const triangles = new Uint32Array(6 * faceCount);
  for (let f = 0; f < faceCount; f++) {
    const r = rank[facePatch.data[f]!]!;
    triangles.set(faceTris.data.subarray(6 * f, 6 * f + 6), 3 * fill[r]!);
    fill[r]! += 2;
  }
  const sortedLo = new Uint32Array(patchCount);
  const sortedHi = new Uint32Array(patchCount);
  for (let r = 0; r < patchCount; r++) {
    sortedLo[r] = loArr[byKey[r]!]!;
    sortedHi[r] = hiArr[byKey[r]!]!;
  }
  return {
    vertexCount,
    quantized,
    junction: Uint8Array.from(finishUint32(junction)),
    junctionStart: finishUint32(junctionStart),
    junctionLabels: finishUint32(junctionLabels),
    patchCount,
    patchLo: sortedLo,
    patchHi: sortedHi,
    patchStart,
    triangles,
    faceCount,
  };
}
