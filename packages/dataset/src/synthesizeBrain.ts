/**
 * The synthetic demo brain in memory (SPEC.md G1–G9): neurons grown and drawn into a label volume,
 * over-segmented into supervoxels, the supervoxel graph with noisy affinities, synapses, an EM-like
 * image, per-supervoxel meshes, and the ground truth. Deterministic: the same options give the same
 * arrays. generateDataset.ts writes it to disk.
 */
import {
  type GroundTruthData,
  HOST_IS_LITTLE_ENDIAN,
  type SupervoxelGraphData,
  type SynapseTableData,
  type Vec3,
} from "@danio/formats";
import { type Affinities, assignAffinities } from "./assignAffinities";
import { buildSupervoxels } from "./buildSupervoxels";
import { growNeurons, type NeuronSkeletons } from "./growNeurons";
import { meshSupervoxels, type SupervoxelMeshes } from "./meshSupervoxels";
import { placeSynapses } from "./placeSynapses";
import { rasterizeNeurons } from "./rasterizeNeurons";
import { regionAdjacency } from "./regionAdjacency";
import { renderEmImage } from "./renderEmImage";
import { Rng } from "./Rng";

export interface BrainOptions {
  seed: number;
  neurons: number;
  size: Vec3;
  mergeErrorRate: number;
  splitErrorRate: number;
}

/** Fixed parameters of the generator (recorded here so that a dataset's generator version pins them). */
export const BRAIN_CONSTANTS = {
  /** Nanometres per voxel. */
  voxelSize: [32, 32, 32] as Vec3,
  threshold: 0.5,
  fill: 0.45,
  dendritePieceLength: 40,
  axonPieceLength: 70,
  synapsesPerMegavoxel: 150,
  /** Mesh vertex grid, voxels per quantum. */
  quantization: 1 / 32,
  lodErrorSteps: [0.3, 0.7, 1.5],
  lodJunctionCells: [0, 2, 4],
  /** Supervoxel ids are SUPERVOXEL_ID_BASE + 1 + dense index: uint64 values beyond 2^32, as in real data. */
  supervoxelIdBase: 1n << 40n,
} as const;

export type BrainStage = "grow" | "rasterize" | "supervoxels" | "graph" | "synapses" | "image" | "mesh";

export interface SyntheticBrain {
  size: Vec3;
  voxelSize: Vec3;
  /** Dense supervoxel index + 1 per voxel (0 = unlabelled), x fastest. */
  labels: Uint32Array;
  /** The segmentation as stored: supervoxel id per voxel. */
  segmentation: BigUint64Array;
  image: Uint8Array;
  graph: SupervoxelGraphData;
  synapses: SynapseTableData;
  groundTruth: GroundTruthData;
  /** True neuron (1-based; 0 = none) of each supervoxel, dense order. */
  neuronOfSupervoxel: Uint32Array;
  meshes: SupervoxelMeshes;
  skeletons: NeuronSkeletons;
  affinities: Affinities;
  /** Seconds per stage. */
  seconds: Record<BrainStage, number>;
}

export async function synthesizeBrain(
  opts: BrainOptions,
  onStage?: (stage: BrainStage, fraction: number) => void,
): Promise<SyntheticBrain> {
  const C = BRAIN_CONSTANTS;
  const size = opts.size;
  const rng = new Rng(opts.seed);
  const seconds = {} as Record<BrainStage, number>;
  let t0 = performance.now();
  const done = (stage: BrainStage) => {
    const t = performance.now();
    seconds[stage] = (t - t0) / 1000;
    t0 = t;
  };
  const [rx, ry, rz] = C.voxelSize;

  onStage?.("grow", 0);
  const skeletons = growNeurons(
    {
      size,
      neurons: opts.neurons,
      fill: C.fill,
      dendritePieceLength: C.dendritePieceLength,
      axonPieceLength: C.axonPieceLength,
    },
    rng.fork("grow"),
  );
  done("grow");
  onStage?.("rasterize", 0);
  const owner = rasterizeNeurons(skeletons, size);
  done("rasterize");
  onStage?.("supervoxels", 0);
  const sv = buildSupervoxels(owner, size, skeletons, rng.fork("supervoxels"));
  done("supervoxels");
  const n = sv.count;
  const ids = new BigUint64Array(n);
  for (let i = 0; i < n; i++) ids[i] = C.supervoxelIdBase + BigInt(i + 1);
  const neuronOfSupervoxel = Uint32Array.from(sv.neuron, (x) => x + 1);

  onStage?.("graph", 0);
  const adj = regionAdjacency(sv.labels, size, n);
  const affinities = assignAffinities(
    adj.edgeA,
    adj.edgeB,
    adj.contactArea,
    sv.neuron,
    { threshold: C.threshold, mergeErrorRate: opts.mergeErrorRate, splitErrorRate: opts.splitErrorRate },
    rng.fork("affinities"),
  );
  const positions = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    const v = adj.representative[i]!;
    const x = v % size[0];
    const yz = (v - x) / size[0];
    positions[3 * i] = (x + 0.5) * rx;
    positions[3 * i + 1] = ((yz % size[1]) + 0.5) * ry;
    positions[3 * i + 2] = ((yz - (yz % size[1])) / size[1] + 0.5) * rz;
  }
  const graph: SupervoxelGraphData = {
    ids,
    positions,
    voxelCounts: adj.voxelCounts,
    edgeA: adj.edgeA,
    edgeB: adj.edgeB,
    affinity: affinities.affinity,
    contactArea: adj.contactArea,
  };
  done("graph");

  onStage?.("synapses", 0);
  const placed = placeSynapses(
    sv.labels,
    size,
    sv.neuron,
    sv.compartment,
    C.synapsesPerMegavoxel,
    rng.fork("synapses"),
  );
  const k = placed.count;
  const toNm = (p: Float64Array) => Float32Array.from(p, (v, i) => v * C.voxelSize[i % 3]!);
  const synapses: SynapseTableData = {
    ids: BigUint64Array.from({ length: k }, (_, i) => BigInt(i + 1)),
    preSupervoxel: BigUint64Array.from(placed.pre, (i) => ids[i]!),
    postSupervoxel: BigUint64Array.from(placed.post, (i) => ids[i]!),
    prePosition: toNm(placed.prePoint),
    postPosition: toNm(placed.postPoint),
    score: placed.score,
  };
  // The true connectome: synapses counted per (pre neuron, post neuron).
  const edgeCounts = new Map<number, number>();
  const N = opts.neurons;
  for (let s = 0; s < k; s++) {
    const key = neuronOfSupervoxel[placed.pre[s]!]! * (N + 1) + neuronOfSupervoxel[placed.post[s]!]!;
    edgeCounts.set(key, (edgeCounts.get(key) ?? 0) + 1);
  }
  const edgeKeys = Array.from(edgeCounts.keys()).sort((a, b) => a - b);
  const somaPositions = new Float32Array(3 * N);
  for (let i = 0; i < N; i++) {
    const s = skeletons.somaNode[i]!;
    somaPositions[3 * i] = skeletons.x[s]! * rx;
    somaPositions[3 * i + 1] = skeletons.y[s]! * ry;
    somaPositions[3 * i + 2] = skeletons.z[s]! * rz;
  }
  const groundTruth: GroundTruthData = {
    supervoxelIds: ids,
    neuronOfSupervoxel: BigUint64Array.from(neuronOfSupervoxel, (x) => BigInt(x)),
    compartment: sv.compartment,
    neuronIds: BigUint64Array.from({ length: N }, (_, i) => BigInt(i + 1)),
    somaPositions,
    edgePre: BigUint64Array.from(edgeKeys, (key) => BigInt(Math.floor(key / (N + 1)))),
    edgePost: BigUint64Array.from(edgeKeys, (key) => BigInt(key % (N + 1))),
    edgeSynapses: Uint32Array.from(edgeKeys, (key) => edgeCounts.get(key)!),
  };
  done("synapses");

  onStage?.("image", 0);
  const image = renderEmImage(sv.labels, size, sv.neuron, skeletons, placed, rng.fork("image"));
  done("image");

  onStage?.("mesh", 0);
  const meshes = await meshSupervoxels(sv.labels, size, n, {
    lodErrorSteps: [...C.lodErrorSteps],
    lodJunctionCells: [...C.lodJunctionCells],
    quantization: C.quantization,
    onProgress: (f) => onStage?.("mesh", f),
  });
  done("mesh");

  return {
    size,
    voxelSize: C.voxelSize,
    labels: sv.labels,
    segmentation: segmentationIds(sv.labels, ids),
    image,
    graph,
    synapses,
    groundTruth,
    neuronOfSupervoxel,
    meshes,
    skeletons,
    affinities,
    seconds,
  };
}

/** Maps dense labels (index + 1, 0 = none) to uint64 ids without a BigInt per voxel. */
function segmentationIds(labels: Uint32Array, ids: BigUint64Array): BigUint64Array {
  const out = new BigUint64Array(labels.length);
  if (!HOST_IS_LITTLE_ENDIAN) {
    for (let v = 0; v < labels.length; v++) out[v] = labels[v] === 0 ? 0n : ids[labels[v]! - 1]!;
    return out;
  }
  const lo = new Uint32Array(ids.length + 1);
  const hi = new Uint32Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) {
    lo[i + 1] = Number(ids[i]! & 0xffffffffn);
    hi[i + 1] = Number(ids[i]! >> 32n);
  }
  const words = new Uint32Array(out.buffer);
  for (let v = 0; v < labels.length; v++) {
    words[2 * v] = lo[labels[v]!]!;
    words[2 * v + 1] = hi[labels[v]!]!;
  }
  return out;
}
