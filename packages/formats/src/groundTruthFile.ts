/**
 * Danio's ground-truth file (`groundtruth.bin`): the true neuron and compartment of every supervoxel,
 * the neurons, and the true connectome.
 *
 *   0   8   magic "DANIOGTR"
 *   8   4   u32 version = 1
 *   12  4   u32 supervoxel count n
 *   16  4   u32 neuron count N
 *   20  4   u32 connectome edge count E
 *   24  8n  u64 supervoxel ids, strictly ascending (the graph file's order)
 *       8n  u64 true neuron id of each supervoxel (0 = belongs to no neuron)
 *       8N  u64 neuron ids, strictly ascending, non-zero
 *       8E  u64 presynaptic neuron id     } edges sorted by (pre, post), no duplicates
 *       8E  u64 postsynaptic neuron id    }
 *       12N f32×3 soma centre (nm)
 *       4E  u32 synapse count (> 0)
 *       n   u8 compartment of each supervoxel: 0 unknown, 1 soma, 2 dendrite, 3 axon
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

export const GROUND_TRUTH_MAGIC = "DANIOGTR";
export const GROUND_TRUTH_VERSION = 1;

export const COMPARTMENT_UNKNOWN = 0;
export const COMPARTMENT_SOMA = 1;
export const COMPARTMENT_DENDRITE = 2;
export const COMPARTMENT_AXON = 3;

export interface GroundTruthData {
  supervoxelIds: BigUint64Array;
  neuronOfSupervoxel: BigUint64Array;
  compartment: Uint8Array;
  neuronIds: BigUint64Array;
  somaPositions: Float32Array;
  edgePre: BigUint64Array;
  edgePost: BigUint64Array;
  edgeSynapses: Uint32Array;
}

function indexOf(sorted: BigUint64Array, v: bigint): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid]!;
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function validateGroundTruth(g: GroundTruthData, name = "ground truth"): void {
  const n = g.supervoxelIds.length;
  const N = g.neuronIds.length;
  const E = g.edgePre.length;
  if (g.neuronOfSupervoxel.length !== n || g.compartment.length !== n) {
    throw new DanioFormatError(`${name}: neuron and compartment columns must have ${n} rows`);
  }
  if (g.somaPositions.length !== 3 * N)
    throw new DanioFormatError(`${name}: need 3 soma coordinates per neuron`);
  if (g.edgePost.length !== E || g.edgeSynapses.length !== E) {
    throw new DanioFormatError(`${name}: connectome columns must have ${E} rows`);
  }
  checkAscendingIds(g.supervoxelIds, "supervoxel id", name);
  checkAscendingIds(g.neuronIds, "neuron id", name);
  checkFinite(g.somaPositions, "somaPositions", name);
  for (let i = 0; i < n; i++) {
    const nid = g.neuronOfSupervoxel[i]!;
    if (nid !== 0n && indexOf(g.neuronIds, nid) < 0) {
      throw new DanioFormatError(
        `${name}: supervoxel ${g.supervoxelIds[i]} names neuron ${nid}, which is not listed`,
      );
    }
    if (g.compartment[i]! > 3)
      throw new DanioFormatError(
        `${name}: supervoxel ${g.supervoxelIds[i]} has compartment ${g.compartment[i]}, expected 0..3`,
      );
  }
  for (let e = 0; e < E; e++) {
    const a = g.edgePre[e]!;
    const b = g.edgePost[e]!;
    if (indexOf(g.neuronIds, a) < 0 || indexOf(g.neuronIds, b) < 0) {
      throw new DanioFormatError(`${name}: connectome edge ${e} (${a} -> ${b}) names an unlisted neuron`);
    }
    if (e > 0) {
      const pa = g.edgePre[e - 1]!;
      const pb = g.edgePost[e - 1]!;
      if (a < pa || (a === pa && b <= pb)) {
        throw new DanioFormatError(
          `${name}: connectome edge ${e} (${a} -> ${b}) is out of order or repeated`,
        );
      }
    }
    if (g.edgeSynapses[e] === 0) throw new DanioFormatError(`${name}: connectome edge ${e} has 0 synapses`);
  }
}

export function encodeGroundTruth(g: GroundTruthData): Uint8Array {
  validateGroundTruth(g, "ground truth (being written)");
  const n = g.supervoxelIds.length;
  const N = g.neuronIds.length;
  const E = g.edgePre.length;
  const out = new Uint8Array(DANIO_HEADER_BYTES + 17 * n + 20 * N + 20 * E);
  writeDanioHeader(out, GROUND_TRUTH_MAGIC, GROUND_TRUTH_VERSION, [n, N, E]);
  let p = DANIO_HEADER_BYTES;
  for (const a of [
    g.supervoxelIds,
    g.neuronOfSupervoxel,
    g.neuronIds,
    g.edgePre,
    g.edgePost,
    g.somaPositions,
    g.edgeSynapses,
    g.compartment,
  ]) {
    writeArrayLE(out, p, a);
    p += a.byteLength;
  }
  return out;
}

export function decodeGroundTruth(bytes: Uint8Array, name = "groundtruth.bin"): GroundTruthData {
  const [n, N, E] = readDanioHeader(bytes, GROUND_TRUTH_MAGIC, GROUND_TRUTH_VERSION, "ground truth", name);
  expectLength(
    bytes,
    DANIO_HEADER_BYTES + 17 * n + 20 * N + 20 * E,
    `${n} supervoxels, ${N} neurons, ${E} edges`,
    name,
  );
  let p = DANIO_HEADER_BYTES;
  const supervoxelIds = readArrayLE(bytes, p, n, BigUint64Array);
  p += 8 * n;
  const neuronOfSupervoxel = readArrayLE(bytes, p, n, BigUint64Array);
  p += 8 * n;
  const neuronIds = readArrayLE(bytes, p, N, BigUint64Array);
  p += 8 * N;
  const edgePre = readArrayLE(bytes, p, E, BigUint64Array);
  p += 8 * E;
  const edgePost = readArrayLE(bytes, p, E, BigUint64Array);
  p += 8 * E;
  const somaPositions = readArrayLE(bytes, p, 3 * N, Float32Array);
  p += 12 * N;
  const edgeSynapses = readArrayLE(bytes, p, E, Uint32Array);
  p += 4 * E;
  const compartment = readArrayLE(bytes, p, n, Uint8Array);
  const g = {
    supervoxelIds,
    neuronOfSupervoxel,
    compartment,
    neuronIds,
    somaPositions,
    edgePre,
    edgePost,
    edgeSynapses,
  };
  validateGroundTruth(g, name);
  return g;
}
