/**
 * `danio generate`: synthesizes the demo brain and writes it as a dataset directory (SPEC.md D1, G1–G10).
 * Everything is written into a staging directory beside the target and renamed into place at the end,
 * so a failure leaves nothing half-written.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  encodeGroundTruth,
  encodeSupervoxelGraph,
  encodeSynapseTable,
  type PrecomputedInfo,
  type Vec3,
} from "@danio/formats";
import { type AgglomerationErrors, measureAgglomerationErrors } from "./agglomerationErrors";
import { DATASET_LAYOUT, MANIFEST_FILE, MANIFEST_VERSION, standardLayers } from "./layout";

import { type DatasetManifest, formatManifest } from "./manifest";
import { writePrecomputedVolume } from "./precomputedVolume";
import { BRAIN_CONSTANTS, type BrainStage, synthesizeBrain } from "./synthesizeBrain";
import { writeMeshFiles } from "./writeMeshFiles";
import { writeStaged } from "./writeStaged";

export interface GenerateOptions {
  /** The dataset directory to create. */
  out: string;
  seed?: number;
  neurons?: number;
  /** Volume size in voxels, [x, y, z]. */
  size?: Vec3;
  /** Fraction of touching neuron pairs the automated agglomeration merges. */
  mergeErrorRate?: number;
  /** Fraction of same-neuron supervoxel edges the automated agglomeration cuts. */
  splitErrorRate?: number;
  /** Replace an existing dataset at `out` (else an existing directory is an error). */
  overwrite?: boolean;
  /** The dataset's name in its manifest; by default `synthetic-brain-seed-<seed>`, so the output path does not change the bytes. */
  name?: string;
}

export const GENERATE_DEFAULTS = {
  seed: 1,
  neurons: 48,
  size: [256, 256, 128] as Vec3,
  mergeErrorRate: 0.02,
  splitErrorRate: 0.02,
} as const;

export const GENERATOR_NAME = "danio-synthetic-brain";
export const GENERATOR_VERSION = 1;
/** Merges whose points are farther apart than this are refused (nm). */
const MAX_MERGE_DISTANCE_NM = 2000;
const CHUNK: Vec3 = [64, 64, 64];

export type GenerateStage = BrainStage | "write";

export interface GenerateProgress {
  stage: GenerateStage;
  /** Overall progress in [0, 1]. */
  fraction: number;
  message: string;
}

export interface GenerateSummary {
  out: string;
  seed: number;
  neurons: number;
  size: Vec3;
  supervoxels: number;
  edges: number;
  synapses: number;
  connectomeEdges: number;
  /** Error rates asked for, and measured on the generated graph against the ground truth. */
  requested: { mergeErrorRate: number; splitErrorRate: number };
  measured: AgglomerationErrors;
  mesh: { rawTriangles: number; trianglesPerLod: number[]; lodErrors: number[] };
  /** Bytes on disk per part of the dataset. */
  bytes: Record<
    | "image"
    | "segmentation"
    | "legacyMeshes"
    | "meshFragments"
    | "graph"
    | "synapses"
    | "groundTruth"
    | "manifest",
    number
  >;
  seconds: Record<GenerateStage | "total", number>;
}

export class GenerateOptionsError extends Error {
  override readonly name = "GenerateOptionsError";
}

/** Checks and completes options; errors name the option and what was expected. */
export function resolveGenerateOptions(
  o: GenerateOptions,
): Required<Omit<GenerateOptions, "name">> & { name: string } {
  const seed = o.seed ?? GENERATE_DEFAULTS.seed;
  const neurons = o.neurons ?? GENERATE_DEFAULTS.neurons;
  const size = o.size ?? GENERATE_DEFAULTS.size;
  const mergeErrorRate = o.mergeErrorRate ?? GENERATE_DEFAULTS.mergeErrorRate;
  const splitErrorRate = o.splitErrorRate ?? GENERATE_DEFAULTS.splitErrorRate;
  if (typeof o.out !== "string" || o.out.length === 0)
    throw new GenerateOptionsError("out: a target directory is required");
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new GenerateOptionsError(`seed: expected a non-negative integer, got ${seed}`);
  if (!Number.isInteger(neurons) || neurons < 1 || neurons > 5000) {
    throw new GenerateOptionsError(`neurons: expected an integer from 1 to 5000, got ${neurons}`);
  }
  if (size.length !== 3 || !size.every((s) => Number.isInteger(s) && s >= 16 && s <= 2048)) {
    throw new GenerateOptionsError(
      `size: expected three integers from 16 to 2048, got ${JSON.stringify(size)}`,
    );
  }
  if (size[0] * size[1] * size[2] > 2 ** 27) {
    throw new GenerateOptionsError(
      `size: ${size.join("x")} is more than 134,217,728 voxels, too large to generate in memory`,
    );
  }
  for (const [k, r] of [
    ["mergeErrorRate", mergeErrorRate],
    ["splitErrorRate", splitErrorRate],
  ] as const) {
    if (!(r >= 0 && r <= 1)) throw new GenerateOptionsError(`${k}: expected a rate from 0 to 1, got ${r}`);
  }
  return {
    out: resolve(o.out),
    seed,
    neurons,
    size: [size[0], size[1], size[2]],
    mergeErrorRate,
    splitErrorRate,
    overwrite: o.overwrite ?? false,
    name: o.name ?? `synthetic-brain-seed-${seed}`,
  };
}

function directoryBytes(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(path)) total += directoryBytes(join(path, name));
  return total;
}

const STAGE_SPAN: Record<GenerateStage, [number, number]> = {
  grow: [0, 0.02],
  rasterize: [0.02, 0.05],
  supervoxels: [0.05, 0.08],
  graph: [0.08, 0.1],
  synapses: [0.1, 0.12],
  image: [0.12, 0.22],
  mesh: [0.22, 0.75],
  write: [0.75, 1],
};

export async function generateDataset(
  options: GenerateOptions,
  onProgress?: (p: GenerateProgress) => void,
): Promise<GenerateSummary> {
  const o = resolveGenerateOptions(options);
  if (existsSync(o.out) && !o.overwrite) {
    throw new GenerateOptionsError(`out: ${o.out} already exists (choose another directory or overwrite it)`);
  }
  const t0 = performance.now();
  const report = (stage: GenerateStage, f: number, message: string) => {
    const [a, b] = STAGE_SPAN[stage];
    onProgress?.({ stage, fraction: a + (b - a) * f, message });
  };
  const brain = await synthesizeBrain(o, (stage, f) =>
    report(stage, f, `${stage}${f > 0 ? ` ${Math.round(f * 100)}%` : ""}`),
  );

  const C = BRAIN_CONSTANTS;
  const tWrite = performance.now();
  await writeStaged(o.out, o.overwrite, (staging) => {
    const key = C.voxelSize.join("_");
    const scale = {
      key,
      size: o.size,
      resolution: C.voxelSize,
      voxelOffset: [0, 0, 0] as Vec3,
      chunkSizes: [CHUNK],
    };
    report("write", 0, "writing image");
    const imageInfo: PrecomputedInfo = {
      type: "image",
      dataType: "uint8",
      numChannels: 1,
      scales: [{ ...scale, encoding: "raw" }],
    };
    writePrecomputedVolume(join(staging, DATASET_LAYOUT.image), imageInfo, brain.image);
    report("write", 0.15, "writing segmentation");
    const segInfo: PrecomputedInfo = {
      type: "segmentation",
      dataType: "uint64",
      numChannels: 1,
      mesh: "mesh",
      scales: [{ ...scale, encoding: "compressed_segmentation", compressedSegmentationBlockSize: [8, 8, 8] }],
    };
    writePrecomputedVolume(join(staging, DATASET_LAYOUT.segmentation), segInfo, brain.segmentation);
    report("write", 0.35, "writing meshes");
    writeMeshFiles(
      {
        index: join(staging, DATASET_LAYOUT.meshIndex),
        data: join(staging, DATASET_LAYOUT.meshData),
        legacyDir: join(staging, DATASET_LAYOUT.legacyMeshes),
      },
      brain.graph.ids,
      brain.meshes,
      C.voxelSize,
      C.quantization,
    );
    report("write", 0.85, "writing graph, synapses and ground truth");
    writeFileSync(join(staging, DATASET_LAYOUT.graph), encodeSupervoxelGraph(brain.graph));
    writeFileSync(join(staging, DATASET_LAYOUT.synapses), encodeSynapseTable(brain.synapses));
    writeFileSync(join(staging, DATASET_LAYOUT.groundTruth), encodeGroundTruth(brain.groundTruth));
    const manifest: DatasetManifest = {
      format: "danio-dataset",
      version: MANIFEST_VERSION,
      name: o.name,
      description: `Synthetic demo brain: ${o.neurons} neurons, seed ${o.seed}`,
      voxelSize: C.voxelSize,
      bounds: { min: [0, 0, 0], max: o.size },
      layers: standardLayers(brain.meshes),
      graph: {
        path: DATASET_LAYOUT.graph,
        supervoxelCount: brain.graph.ids.length,
        edgeCount: brain.graph.edgeA.length,
        agglomerationThreshold: C.threshold,
      },
      synapses: { path: DATASET_LAYOUT.synapses, count: brain.synapses.ids.length },
      groundTruth: {
        path: DATASET_LAYOUT.groundTruth,
        neuronCount: brain.groundTruth.neuronIds.length,
        connectomeEdgeCount: brain.groundTruth.edgePre.length,
      },
      proofreading: { maxMergeDistance: MAX_MERGE_DISTANCE_NM },
      generator: {
        name: GENERATOR_NAME,
        version: GENERATOR_VERSION,
        seed: o.seed,
        neurons: o.neurons,
        size: o.size,
        mergeErrorRate: o.mergeErrorRate,
        splitErrorRate: o.splitErrorRate,
      },
    };
    writeFileSync(join(staging, MANIFEST_FILE), formatManifest(manifest));
  });
  const writeSeconds = (performance.now() - tWrite) / 1000;
  report("write", 1, "done");
  const measured = measureAgglomerationErrors(
    brain.graph.edgeA,
    brain.graph.edgeB,
    brain.graph.affinity,
    brain.neuronOfSupervoxel,
    brain.graph.voxelCounts,
    C.threshold,
  );
  const at = (p: string) => directoryBytes(join(o.out, p));
  return {
    out: o.out,
    seed: o.seed,
    neurons: o.neurons,
    size: o.size,
    supervoxels: brain.graph.ids.length,
    edges: brain.graph.edgeA.length,
    synapses: brain.synapses.ids.length,
    connectomeEdges: brain.groundTruth.edgePre.length,
    requested: { mergeErrorRate: o.mergeErrorRate, splitErrorRate: o.splitErrorRate },
    measured,
    mesh: {
      rawTriangles: brain.meshes.rawTriangles,
      trianglesPerLod: brain.meshes.trianglesPerLod,
      lodErrors: brain.meshes.lodErrors,
    },
    bytes: {
      image: at(DATASET_LAYOUT.image),
      segmentation: at(DATASET_LAYOUT.segmentation) - at(DATASET_LAYOUT.legacyMeshes),
      legacyMeshes: at(DATASET_LAYOUT.legacyMeshes),
      meshFragments: at(DATASET_LAYOUT.meshIndex) + at(DATASET_LAYOUT.meshData),
      graph: at(DATASET_LAYOUT.graph),
      synapses: at(DATASET_LAYOUT.synapses),
      groundTruth: at(DATASET_LAYOUT.groundTruth),
      manifest: at(MANIFEST_FILE),
    },
    seconds: { ...brain.seconds, write: writeSeconds, total: (performance.now() - t0) / 1000 },
  };
}
