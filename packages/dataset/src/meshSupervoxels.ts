/**
 * Per-supervoxel meshes at several levels of detail, with no cracks between neighbours:
 *
 * 1. surface nets on the label volume (surfaceNets.ts) gives shared vertices and one patch per pair of
 *    touching labels;
 * 2. for coarser LODs, junction vertices — where three or more labels meet, i.e. the rims of patches —
 *    are clustered once, globally: junction vertices with the same set of surrounding labels in the same
 *    grid cell (`lodJunctionCells` voxels) merge into one of them. The remap is applied to every patch
 *    alike, so neighbouring patches keep sharing their rims;
 * 3. each patch is then simplified by meshoptimizer with its rim locked (every junction vertex is locked,
 *    and LockBorder locks the topological border), so rims are never changed by simplification;
 * 4. a supervoxel's fragment at a LOD is the union of its patches at that LOD (flipped where it is the
 *    patch's upper label). Two neighbours use the very same simplified patch for their common boundary and
 *    the same rim vertices, so a segment's mesh — the union of its supervoxels' fragments at one LOD — has
 *    no cracks.
 *
 * Merging vertices (clustering and edge collapses alike) keeps every directed edge matched by its
 * opposite, so each fragment stays closed. Vertices stay where surface nets put them — a merged junction
 * vertex takes the place of one with the same labels around it — so every vertex of a fragment lies in
 * the supervoxel's voxel bounds grown by half a voxel, at every LOD.
 */
import type { QuantizedMesh } from "@danio/formats";
import { MeshoptSimplifier } from "meshoptimizer/simplifier";
import { type SurfaceNets, surfaceNets } from "./surfaceNets";

export interface MeshOptions {
  /** Simplification error bound of each LOD relative to the previous one, in voxels (LOD 0 from the raw surface). */
  lodErrorSteps: number[];
  /** Junction clustering cell of each LOD, in voxels (0 = keep every junction vertex). */
  lodJunctionCells: number[];
  /** Voxels per quantum of the global vertex grid. */
  quantization: number;
  onProgress?: (fraction: number) => void;
}

export interface SupervoxelMeshes {
  lodCount: number;
  /** Cumulative maximum error of each LOD from the raw surface, in voxels. */
  lodErrors: number[];
  /** Fragment of supervoxel i (dense index, 0-based) at LOD l is fragments[i * lodCount + l]. */
  fragments: QuantizedMesh[];
  /** Triangles over all fragments before simplification, and at each LOD. */
  rawTriangles: number;
  trianglesPerLod: number[];
}

const FLAGS: ("LockBorder" | "ErrorAbsolute")[] = ["LockBorder", "ErrorAbsolute"];
const NO_ATTRIBUTES = new Float32Array(0);

/** Meshes every supervoxel of `labels` (values 1..count; 0 = outside). */
export async function meshSupervoxels(
  labels: Uint32Array,
  size: [number, number, number],
  count: number,
  opts: MeshOptions,
): Promise<SupervoxelMeshes> {
  await MeshoptSimplifier.ready;
  const L = opts.lodErrorSteps.length;
  const nets = surfaceNets(labels, size, count, opts.quantization);
  const q = opts.quantization;
  const nv = nets.vertexCount;

  if (opts.lodJunctionCells.length !== L) {
    throw new RangeError(
      `meshSupervoxels: ${L} LOD error steps but ${opts.lodJunctionCells.length} junction cells`,
    );
  }
  const remaps = opts.lodJunctionCells.map((cell) =>
    cell > 0 ? clusterJunctions(nets, cell, q) : undefined,
  );

  // Simplify each patch, LOD after LOD, into per-patch triangle lists of global vertex ids.
  const patchTris: Uint32Array[][] = Array.from({ length: L }, () => new Array<Uint32Array>(nets.patchCount));
  const stamp = new Int32Array(nv).fill(-1);
  const local = new Uint32Array(nv);
  const globalOf = new Uint32Array(nv);
  let positions = new Float32Array(3 * 1024);
  let work = new Uint32Array(1024);
  let lockBuf = new Uint8Array(1024);
  let tag = 0;
  for (let p = 0; p < nets.patchCount; p++) {
    let current: Uint32Array = nets.triangles.subarray(3 * nets.patchStart[p]!, 3 * nets.patchStart[p + 1]!);
    for (let l = 0; l < L; l++) {
      // Apply this LOD's junction remap, dropping triangles that collapse.
      const remap = remaps[l];
      if (work.length < current.length) work = new Uint32Array(current.length * 2);
      let n = 0;
      for (let i = 0; i < current.length; i += 3) {
        const a = remap ? remap[current[i]!]! : current[i]!;
        const b = remap ? remap[current[i + 1]!]! : current[i + 1]!;
        const c = remap ? remap[current[i + 2]!]! : current[i + 2]!;
        if (a === b || b === c || a === c) continue;
        work[n++] = a;
        work[n++] = b;
        work[n++] = c;
      }
      // Local vertex numbering of this patch at this LOD.
      tag++;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const v = work[i]!;
        if (stamp[v] !== tag) {
          stamp[v] = tag;
          local[v] = m;
          globalOf[m++] = v;
        }
      }
      if (positions.length < 3 * m) positions = new Float32Array(3 * m * 2);
      for (let i = 0; i < m; i++) {
        const v = globalOf[i]!;
        positions[3 * i] = nets.quantized[3 * v]! * q;
        positions[3 * i + 1] = nets.quantized[3 * v + 1]! * q;
        positions[3 * i + 2] = nets.quantized[3 * v + 2]! * q;
      }
      let idx: Uint32Array = new Uint32Array(n);
      for (let i = 0; i < n; i++) idx[i] = local[work[i]!]!;
      if (n > 6) {
        // Rim vertices (junctions) are locked explicitly: clustering can fold a rim onto itself, and then
        // the topological border alone would not protect it.
        if (lockBuf.length < m) lockBuf = new Uint8Array(2 * m);
        const lock = lockBuf.subarray(0, m);
        for (let i = 0; i < m; i++) lock[i] = nets.junction[globalOf[i]!]!;
        idx = MeshoptSimplifier.simplifyWithAttributes(
          idx,
          positions.subarray(0, 3 * m),
          3,
          NO_ATTRIBUTES.subarray(0, 0),
          0,
          [],
          lock,
          0,
          opts.lodErrorSteps[l]!,
          FLAGS,
        )[0];
      }
      const out = new Uint32Array(idx.length);
      for (let i = 0; i < idx.length; i++) out[i] = globalOf[idx[i]!]!;
      patchTris[l]![p] = out;
      current = out;
    }
    if (opts.onProgress && p % 2048 === 0) opts.onProgress((0.9 * p) / nets.patchCount);
  }

  // Patches of each supervoxel.
  const patchCountOf = new Uint32Array(count + 2);
  for (let p = 0; p < nets.patchCount; p++) {
    if (nets.patchLo[p]! > 0) patchCountOf[nets.patchLo[p]! + 1]!++;
    patchCountOf[nets.patchHi[p]! + 1]!++;
  }
  for (let s = 0; s <= count; s++) patchCountOf[s + 1]! += patchCountOf[s]!;
  const patchList = new Uint32Array(patchCountOf[count + 1]!);
  const fillAt = patchCountOf.slice();
  for (let p = 0; p < nets.patchCount; p++) {
    if (nets.patchLo[p]! > 0) patchList[fillAt[nets.patchLo[p]!]!++] = p;
    patchList[fillAt[nets.patchHi[p]!]!++] = p;
  }

  const fragments: QuantizedMesh[] = new Array(count * L);
  const trianglesPerLod = new Array<number>(L).fill(0);
  const vstamp = new Int32Array(nv).fill(-1);
  for (let s = 1; s <= count; s++) {
    for (let l = 0; l < L; l++) {
      const tag = s * L + l;
      let tris = 0;
      for (let k = patchCountOf[s]!; k < patchCountOf[s + 1]!; k++)
        tris += patchTris[l]![patchList[k]!]!.length / 3;
      const indices = new Uint32Array(3 * tris);
      let nVerts = 0;
      let o = 0;
      for (let k = patchCountOf[s]!; k < patchCountOf[s + 1]!; k++) {
        const p = patchList[k]!;
        const t = patchTris[l]![p]!;
        // Stored normals point from the patch's lower label into its upper: flip for the upper side.
        const second = nets.patchHi[p] === s ? 2 : 1;
        const third = 3 - second;
        for (let i = 0; i < t.length; i += 3) {
          for (let c = 0; c < 3; c++) {
            const v = t[i + (c === 0 ? 0 : c === 1 ? second : third)]!;
            if (vstamp[v] !== tag) {
              vstamp[v] = tag;
              local[v] = nVerts;
              globalOf[nVerts++] = v;
            }
            indices[o++] = local[v]!;
          }
        }
      }
      const quantized = new Int32Array(3 * nVerts);
      for (let i = 0; i < nVerts; i++) {
        const g = 3 * globalOf[i]!;
        quantized[3 * i] = nets.quantized[g]!;
        quantized[3 * i + 1] = nets.quantized[g + 1]!;
        quantized[3 * i + 2] = nets.quantized[g + 2]!;
      }
      fragments[(s - 1) * L + l] = { quantized, indices };
      trianglesPerLod[l]! += tris;
    }
  }
  opts.onProgress?.(1);
  const lodErrors: number[] = [];
  let acc = 0;
  for (const e of opts.lodErrorSteps) {
    acc += e;
    lodErrors.push(acc);
  }
  let rawTriangles = 0;
  for (let p = 0; p < nets.patchCount; p++) {
    rawTriangles += (nets.patchStart[p + 1]! - nets.patchStart[p]!) * (nets.patchLo[p]! > 0 ? 2 : 1);
  }
  return { lodCount: L, lodErrors, fragments, rawTriangles, trianglesPerLod };
}

/**
 * Junction clustering: every junction vertex maps to the first junction vertex (in vertex order) with the
 * same sorted set of surrounding labels in the same grid cell of `cell` voxels; other vertices map to
 * themselves.
 */
function clusterJunctions(nets: SurfaceNets, cell: number, quantization: number): Uint32Array {
  const nv = nets.vertexCount;
  const remap = new Uint32Array(nv);
  const reps = new Map<number, number[]>();
  const { junctionStart: js, junctionLabels: jl } = nets;
  const perQuantum = quantization / cell;
  const sameLabels = (a: number, b: number): boolean => {
    const la = js[a + 1]! - js[a]!;
    if (la !== js[b + 1]! - js[b]!) return false;
    for (let i = 0; i < la; i++) if (jl[js[a]! + i] !== jl[js[b]! + i]) return false;
    return true;
  };
  for (let v = 0; v < nv; v++) {
    remap[v] = v;
    if (!nets.junction[v]) continue;
    const cx = Math.floor(nets.quantized[3 * v]! * perQuantum) + 1;
    const cy = Math.floor(nets.quantized[3 * v + 1]! * perQuantum) + 1;
    const cz = Math.floor(nets.quantized[3 * v + 2]! * perQuantum) + 1;
    let h = 2166136261;
    for (let i = js[v]!; i < js[v + 1]!; i++) h = Math.imul(h ^ jl[i]!, 16777619);
    const key = ((cx * 4096 + cy) * 4096 + cz) * 64 + ((h >>> 0) % 64);
    const list = reps.get(key);
    const rep = list?.find((r) => sameLabels(r, v));
    if (rep !== undefined) remap[v] = rep;
    else if (list) list.push(v);
    else reps.set(key, [v]);
  }
  return remap;
}
