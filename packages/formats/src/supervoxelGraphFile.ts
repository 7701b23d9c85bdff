/**
 * Danio's supervoxel graph file (`graph.bin`): supervoxel ids, a representative position and voxel count
 * per supervoxel, and the region adjacency graph with an affinity and contact area per edge.
 *
 *   0   8   magic "DANIOSVG"
 *   8   4   u32 version = 1
 *   12  4   u32 supervoxel count n
 *   16  4   u32 edge count m
 *   20  4   u32 reserved = 0
 *   24  8n  u64 supervoxel ids, strictly ascending, non-zero
 *       12n f32×3 representative position (nm), a point inside the supervoxel
 *       4n  u32 voxel count
 *       4m  u32 edge endpoint a (dense index into the ids)
 *       4m  u32 edge endpoint b, with a < b; edges sorted by (a, b), no duplicates
 *       4m  f32 affinity in [0, 1]
 *       4m  u32 contact area (shared voxel faces)
 */
import { readArrayLE, writeArrayLE } from "./byteOrder";
import {
  checkAscendingIds,
  checkFinite,
  DANIO_HEADER_BYTES,
  DanioFormatError,
  expectLength,
  readDanioHeader,
  writeDanioHeader,
} from "./danioBinaryHeader";

export const SUPERVOXEL_GRAPH_MAGIC = "DANIOSVG";
export const SUPERVOXEL_GRAPH_VERSION = 1;

export interface SupervoxelGraphData {
  ids: BigUint64Array;
  /** 3 per supervoxel, nanometres. */
  positions: Float32Array;
  voxelCounts: Uint32Array;
  edgeA: Uint32Array;
  edgeB: Uint32Array;
  affinity: Float32Array;
  contactArea: Uint32Array;
}

/** Throws a DanioFormatError naming the first violated rule. */
export function validateSupervoxelGraph(g: SupervoxelGraphData, name = "supervoxel graph"): void {
  const n = g.ids.length;
  const m = g.edgeA.length;
  if (g.positions.length !== 3 * n || g.voxelCounts.length !== n) {
    throw new DanioFormatError(
      `${name}: positions and voxel counts must have 3n and n entries for ${n} supervoxels`,
    );
  }
  if (g.edgeB.length !== m || g.affinity.length !== m || g.contactArea.length !== m) {
    throw new DanioFormatError(`${name}: edge arrays must all have ${m} entries`);
  }
  checkAscendingIds(g.ids, "supervoxel id", name);
  checkFinite(g.positions, "position", name);
  for (let e = 0; e < m; e++) {
    const a = g.edgeA[e]!;
    const b = g.edgeB[e]!;
    if (!(a < b && b < n)) throw new DanioFormatError(`${name}: edge ${e} (${a}, ${b}) needs a < b < ${n}`);
    if (e > 0) {
      const pa = g.edgeA[e - 1]!;
      const pb = g.edgeB[e - 1]!;
      if (a < pa || (a === pa && b <= pb)) {
        throw new DanioFormatError(
          `${name}: edge ${e} (${a}, ${b}) is out of order or repeated after (${pa}, ${pb})`,
        );
      }
    }
    const f = g.affinity[e]!;
    if (!(f >= 0 && f <= 1)) throw new DanioFormatError(`${name}: edge ${e} affinity ${f} is outside [0, 1]`);
  }
}

export function encodeSupervoxelGraph(g: SupervoxelGraphData): Uint8Array {
  validateSupervoxelGraph(g, "supervoxel graph (being written)");
  const n = g.ids.length;
  const m = g.edgeA.length;
  const out = new Uint8Array(DANIO_HEADER_BYTES + 24 * n + 16 * m);
  writeDanioHeader(out, SUPERVOXEL_GRAPH_MAGIC, SUPERVOXEL_GRAPH_VERSION, [n, m, 0]);
  let p = DANIO_HEADER_BYTES;
  for (const a of [g.ids, g.positions, g.voxelCounts, g.edgeA, g.edgeB, g.affinity, g.contactArea]) {
    writeArrayLE(out, p, a);
    p += a.byteLength;
  }
  return out;
}

export function decodeSupervoxelGraph(bytes: Uint8Array, name = "graph.bin"): SupervoxelGraphData {
  const [n, m, reserved] = readDanioHeader(
    bytes,
    SUPERVOXEL_GRAPH_MAGIC,
    SUPERVOXEL_GRAPH_VERSION,
    "supervoxel graph",
    name,
  );
  if (reserved !== 0) throw new DanioFormatError(`${name}: reserved header field is ${reserved}, expected 0`);
  expectLength(bytes, DANIO_HEADER_BYTES + 24 * n + 16 * m, `${n} supervoxels and ${m} edges`, name);
  let p = DANIO_HEADER_BYTES;
  const ids = readArrayLE(bytes, p, n, BigUint64Array);
  p += 8 * n;
  const positions = readArrayLE(bytes, p, 3 * n, Float32Array);
  p += 12 * n;
  const voxelCounts = readArrayLE(bytes, p, n, Uint32Array);
  p += 4 * n;
  const edgeA = readArrayLE(bytes, p, m, Uint32Array);
  p += 4 * m;
  const edgeB = readArrayLE(bytes, p, m, Uint32Array);
  p += 4 * m;
  const affinity = readArrayLE(bytes, p, m, Float32Array);
  p += 4 * m;
  const contactArea = readArrayLE(bytes, p, m, Uint32Array);
  const g = { ids, positions, voxelCounts, edgeA, edgeB, affinity, contactArea };
  validateSupervoxelGraph(g, name);
  return g;
}
