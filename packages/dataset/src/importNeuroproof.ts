/**
 * `danio import neuroproof SRC --out DIR` (SPEC.md NP1–NP8): turns NeuroProof's FIB-SEM sample
 * (janelia-flyem/NeuroProof integration_tests: a watershed supervoxel volume, NeuroProof's agglomerated
 * volume, the region adjacency graph of the agglomerated bodies with edge probabilities, and Raveler
 * synapse annotations) into a Danio dataset that can be proofread end to end.
 *
 * The sample's graph JSON is over the 164 agglomerated bodies, not the supervoxels, so the supervoxel
 * graph is built from the supervoxel volume and each supervoxel edge takes its affinity from NeuroProof's
 * decision (NP3): 1 inside one body, the body edge's probability across two bodies.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  encodeSupervoxelGraph,
  encodeSynapseTable,
  type PrecomputedInfo,
  type SupervoxelGraphData,
  type SynapseTableData,
  type Vec3,
} from "@danio/formats";
import { agglomerate } from "./agglomerationErrors";
import { DATASET_LAYOUT, MANIFEST_FILE, MANIFEST_VERSION, standardLayers } from "./layout";

import { type DatasetManifest, formatManifest } from "./manifest";
import { meshSupervoxels } from "./meshSupervoxels";
import { parseNeuroproofGraph, parseRavelerSynapses } from "./neuroproofFiles";
import { writePrecomputedVolume } from "./precomputedVolume";
import { readHdf5Volume } from "./readHdf5Volume";
import { regionAdjacency } from "./regionAdjacency";
import { writeMeshFiles } from "./writeMeshFiles";
import { writeStaged } from "./writeStaged";

export interface ImportNeuroproofOptions {
  /** The sample folder (holding `inputs/`), or the inputs folder itself. */
  src: string;
  /** The dataset directory to create. */
  out: string;
  overwrite?: boolean;
  /** Manifest name; default "neuroproof-samp1". */
  name?: string;
  /** Nanometres per voxel; the sample does not record it, so 8 nm isotropic (FIB-SEM) by default. */
  voxelSize?: Vec3;
  onProgress?: (p: ImportProgress) => void;
}

export type ImportStage = "read" | "supervoxels" | "graph" | "synapses" | "image" | "mesh" | "write";

export interface ImportProgress {
  stage: ImportStage;
  /** Overall progress in [0, 1]. */
  fraction: number;
  message: string;
}

/** A synapse end point that falls on the sample's boundary voxels (label 0) before they are filled. */
export interface BackgroundSynapsePoint {
  synapse: number;
  side: "pre" | "post";
  /** Voxel in the volume (y already flipped), and the supervoxel the filled volume gives it. */
  voxel: Vec3;
  supervoxel: number;
}

export interface ImportSummary {
  out: string;
  size: Vec3;
  voxelSize: Vec3;
  supervoxels: number;
  /** Boundary voxels (label 0) given to a neighbouring supervoxel (NP2). */
  filledVoxels: number;
  edges: number;
  /** Supervoxel edges inside one NeuroProof body, and across two bodies. */
  intraBodyEdges: number;
  crossBodyEdges: number;
  /** Cross-body supervoxel edges whose body pair has no edge in the graph JSON (affinity 0). */
  crossBodyEdgesWithoutWeight: number;
  /** Edges of the graph JSON, and how many of them some supervoxel edge carries. */
  jsonEdges: number;
  jsonEdgesMatched: number;
  /** NeuroProof bodies (distinct majority bodies of the supervoxels; the agglomerated volume's count). */
  bodies: number;
  agglomeratedVolumeBodies: number;
  /** Supervoxels whose voxels fall in more than one body of the agglomerated volume (majority taken). */
  supervoxelsInSeveralBodies: number;
  /** Segments of the threshold agglomeration of the written graph. */
  segments: number;
  agglomerationThreshold: number;
  synapses: number;
  synapsesOnBackground: BackgroundSynapsePoint[];
  /**
   * Synapse annotations (T-bars once, partners) per body of the agglomerated volume, [body, count] sorted by body, and the graph
   * JSON's own `synapse_bodies` (sorted): equal when the y flip is right.
   */
  synapsePointsPerBody: [number, number][];
  graphJsonSynapseBodies: [number, number][];
  /** `emptyFragmentsPerLod`: fragments simplified away entirely at each LOD (tiny supervoxels only). */
  mesh: {
    rawTriangles: number;
    trianglesPerLod: number[];
    lodErrors: number[];
    emptyFragmentsPerLod: number[];
  };
  bytes: Record<
    "image" | "segmentation" | "legacyMeshes" | "meshFragments" | "graph" | "synapses" | "manifest" | "total",
    number
  >;
  seconds: Record<ImportStage | "total", number>;
}

export class ImportError extends Error {
  override readonly name = "ImportError";
}

/** NeuroProof merges an edge when its probability of merging is at least this (NP3). */
export const NEUROPROOF_AGGLOMERATION_THRESHOLD = 0.5;
export const NEUROPROOF_DEFAULT_VOXEL_SIZE: Vec3 = [8, 8, 8];
const INPUTS = {
  labels: "samp1_labels.h5",
  bodies: "samp1_labels_processed.h5",
  graph: "samp1_graph_processed.json",
  synapses: "samp1_synapses.json",
} as const;
const STACK = "stack";
const CHUNK: Vec3 = [64, 64, 64];
const MESH = { quantization: 1 / 32, lodErrorSteps: [0.3, 0.7, 1.5], lodJunctionCells: [0, 2, 4] };
const MAX_MERGE_DISTANCE_NM = 2000;
const IMAGE_MEMBRANE = 40;
const IMAGE_CONTACT = 110;
const IMAGE_INTERIOR = 190;

const STAGE_SPAN: Record<ImportStage, [number, number]> = {
  read: [0, 0.05],
  supervoxels: [0.05, 0.1],
  graph: [0.1, 0.15],
  synapses: [0.15, 0.17],
  image: [0.17, 0.2],
  mesh: [0.2, 0.8],
  write: [0.8, 1],
};

/** Finds the sample's input files in `src/inputs` or `src`; errors say which file is missing. */
function locateInputs(src: string): Record<keyof typeof INPUTS, string> {
  if (!existsSync(src) || !statSync(src).isDirectory()) {
    throw new ImportError(
      `${src}: not a directory (expected the NeuroProof sample folder holding inputs/${INPUTS.labels})`,
    );
  }
  const dir = existsSync(join(src, "inputs", INPUTS.labels)) ? join(src, "inputs") : src;
  const out = {} as Record<keyof typeof INPUTS, string>;
  for (const key of Object.keys(INPUTS) as (keyof typeof INPUTS)[]) {
    const p = join(dir, INPUTS[key]);
    if (!existsSync(p)) {
      throw new ImportError(
        `${p}: not found (a NeuroProof sample needs ${Object.values(INPUTS).join(", ")} in ${dir})`,
      );
    }
    out[key] = p;
  }
  return out;
}

function directoryBytes(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of readdirSync(path)) total += directoryBytes(join(path, name));
  return total;
}

/**
 * Gives every boundary voxel (label 0) the label of the nearest labelled voxel (6-connected breadth-first
 * growth from all labelled voxels at once, in x-fastest order; NP2). Returns how many voxels were filled.
 */
function fillBoundaries(labels: Uint32Array, size: Vec3): number {
  const [sx, sy, sz] = size;
  const sxy = sx * sy;
  const queue = new Int32Array(labels.length);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < labels.length; v++) if (labels[v] !== 0) queue[tail++] = v;
  const seeded = tail;
  while (head < tail) {
    const v = queue[head++]!;
    const l = labels[v]!;
    const x = v % sx;
    const y = ((v - x) / sx) % sy;
    const z = Math.floor(v / sxy);
    const grow = (w: number) => {
      if (labels[w] !== 0) return;
      labels[w] = l;
      queue[tail++] = w;
    };
    if (x > 0) grow(v - 1);
    if (x + 1 < sx) grow(v + 1);
    if (y > 0) grow(v - sx);
    if (y + 1 < sy) grow(v + sx);
    if (z > 0) grow(v - sxy);
    if (z + 1 < sz) grow(v + sxy);
  }
  return tail - seeded;
}

export async function importNeuroproof(options: ImportNeuroproofOptions): Promise<ImportSummary> {
  if (typeof options.src !== "string" || options.src === "")
    throw new ImportError("src: a source folder is required");
  if (typeof options.out !== "string" || options.out === "")
    throw new ImportError("out: a target directory is required");
  const src = resolve(options.src);
  const out = resolve(options.out);
  const voxelSize = options.voxelSize ?? NEUROPROOF_DEFAULT_VOXEL_SIZE;
  if (voxelSize.length !== 3 || !voxelSize.every((v) => v > 0 && Number.isFinite(v))) {
    throw new ImportError(
      `voxelSize: expected three positive numbers (nm), got ${JSON.stringify(voxelSize)}`,
    );
  }
  if (existsSync(out) && !options.overwrite) {
    throw new ImportError(`out: ${out} already exists (choose another directory or overwrite it)`);
  }
  const t0 = performance.now();
  const seconds = {} as Record<ImportStage | "total", number>;
  let tStage = t0;
  const report = (stage: ImportStage, f: number, message: string) => {
    const [a, b] = STAGE_SPAN[stage];
    options.onProgress?.({ stage, fraction: a + (b - a) * f, message });
  };
  const done = (stage: ImportStage) => {
    const now = performance.now();
    seconds[stage] = (now - tStage) / 1000;
    tStage = now;
  };

  // --- read (NP1)
  report("read", 0, "reading the NeuroProof sample");
  const files = locateInputs(src);
  const labelsFile = await readHdf5Volume(files.labels, STACK);
  const bodiesFile = await readHdf5Volume(files.bodies, STACK);
  const size = labelsFile.size;
  if (bodiesFile.size.some((s, d) => s !== size[d])) {
    throw new ImportError(
      `${files.bodies}: dataset "${STACK}" is ${bodiesFile.size.join("x")} voxels, expected ${size.join("x")} like ${files.labels}`,
    );
  }
  const bodyGraph = parseNeuroproofGraph(readFileSync(files.graph, "utf8"), files.graph);
  const raveler = parseRavelerSynapses(readFileSync(files.synapses, "utf8"), files.synapses);
  done("read");

  // --- supervoxels (NP2): the nonzero ids, dense indices, boundary voxels filled
  report("supervoxels", 0, "supervoxels");
  const original = labelsFile.data;
  const nVox = original.length;
  let maxId = 0;
  for (let v = 0; v < nVox; v++) if (original[v]! > maxId) maxId = original[v]!;
  if (maxId === 0) throw new ImportError(`${files.labels}: dataset "${STACK}" has no nonzero supervoxel id`);
  if (maxId > 1 << 27) {
    throw new ImportError(
      `${files.labels}: supervoxel id ${maxId} is beyond 2^27, too sparse for this importer`,
    );
  }
  const denseOfId = new Int32Array(maxId + 1).fill(-1);
  for (let v = 0; v < nVox; v++) denseOfId[original[v]!] = 0;
  let n = 0;
  const idList: number[] = [];
  for (let id = 1; id <= maxId; id++) {
    if (denseOfId[id] === 0) {
      denseOfId[id] = n++;
      idList.push(id);
    }
  }
  const ids = BigUint64Array.from(idList, (id) => BigInt(id));
  const labels = new Uint32Array(nVox);
  for (let v = 0; v < nVox; v++) labels[v] = original[v] === 0 ? 0 : denseOfId[original[v]!]! + 1;
  const filledVoxels = fillBoundaries(labels, size);
  done("supervoxels");

  // --- graph (NP3, NP4): adjacency of the filled volume, affinities from NeuroProof's bodies and probabilities
  report("graph", 0, "supervoxel graph");
  const adj = regionAdjacency(labels, size, n);
  const bodies = bodiesFile.data;
  const bodyVotes = new Map<number, number>();
  for (let v = 0; v < nVox; v++) {
    if (original[v] === 0) continue;
    const key = (labels[v]! - 1) * 2 ** 32 + bodies[v]!;
    bodyVotes.set(key, (bodyVotes.get(key) ?? 0) + 1);
  }
  const bodyOf = new Float64Array(n).fill(-1);
  const bestVotes = new Uint32Array(n);
  const bodyCountOf = new Uint32Array(n);
  for (const [key, votes] of [...bodyVotes.entries()].sort((a, b) => a[0] - b[0])) {
    const s = Math.floor(key / 2 ** 32);
    bodyCountOf[s]!++;
    if (votes > bestVotes[s]!) {
      bestVotes[s] = votes;
      bodyOf[s] = key - s * 2 ** 32;
    }
  }
  const pairKey = (a: number, b: number) => (a < b ? a * 2 ** 32 + b : b * 2 ** 32 + a);
  const bodyEdgeWeight = new Map<number, number>();
  for (let e = 0; e < bodyGraph.node1.length; e++) {
    bodyEdgeWeight.set(pairKey(bodyGraph.node1[e]!, bodyGraph.node2[e]!), bodyGraph.weight[e]!);
  }
  const m = adj.edgeA.length;
  const affinity = new Float32Array(m);
  const matched = new Set<number>();
  let intraBodyEdges = 0;
  let crossBodyEdgesWithoutWeight = 0;
  for (let e = 0; e < m; e++) {
    const ba = bodyOf[adj.edgeA[e]!]!;
    const bb = bodyOf[adj.edgeB[e]!]!;
    if (ba === bb) {
      affinity[e] = 1;
      intraBodyEdges++;
      continue;
    }
    const key = pairKey(ba, bb);
    const w = bodyEdgeWeight.get(key);
    if (w === undefined) crossBodyEdgesWithoutWeight++;
    else matched.add(key);
    affinity[e] = w ?? 0;
  }
  const positions = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    const v = adj.representative[i]!;
    const x = v % size[0];
    const yz = (v - x) / size[0];
    positions[3 * i] = (x + 0.5) * voxelSize[0];
    positions[3 * i + 1] = ((yz % size[1]) + 0.5) * voxelSize[1];
    positions[3 * i + 2] = ((yz - (yz % size[1])) / size[1] + 0.5) * voxelSize[2];
  }
  const graph: SupervoxelGraphData = {
    ids,
    positions,
    voxelCounts: adj.voxelCounts,
    edgeA: adj.edgeA,
    edgeB: adj.edgeB,
    affinity,
    contactArea: adj.contactArea,
  };
  const segmentOf = agglomerate(n, adj.edgeA, adj.edgeB, affinity, NEUROPROOF_AGGLOMERATION_THRESHOLD);
  const segments = new Set(segmentOf).size;
  const bodyCount = new Set(bodyOf).size;
  const volumeBodies = new Set(bodies).size;
  let supervoxelsInSeveralBodies = 0;
  for (let s = 0; s < n; s++) if (bodyCountOf[s]! > 1) supervoxelsInSeveralBodies++;
  done("graph");

  // --- synapses (NP5): one per (T-bar, partner); Raveler's y axis points up: y = size_y − 1 − y
  report("synapses", 0, "synapses");
  const k = raveler.length;
  const synapses: SynapseTableData = {
    ids: BigUint64Array.from({ length: k }, (_, i) => BigInt(i + 1)),
    preSupervoxel: new BigUint64Array(k),
    postSupervoxel: new BigUint64Array(k),
    prePosition: new Float32Array(3 * k),
    postPosition: new Float32Array(3 * k),
    score: Float32Array.from(raveler, (s) => s.confidence),
  };
  const synapsesOnBackground: BackgroundSynapsePoint[] = [];
  const pointsPerBody = new Map<number, number>();
  raveler.forEach((syn, i) => {
    for (const side of ["pre", "post"] as const) {
      const loc = side === "pre" ? syn.preLocation : syn.postLocation;
      const voxel: Vec3 = [loc[0], size[1] - 1 - loc[1], loc[2]];
      if (!voxel.every((c, d) => c >= 0 && c < size[d]!)) {
        throw new ImportError(
          `${files.synapses}: synapse ${i + 1} ${side} location ${JSON.stringify(loc)} (y flipped: ${JSON.stringify(voxel)}) is outside the ${size.join("x")} volume`,
        );
      }
      const v = voxel[0] + size[0] * (voxel[1] + size[1] * voxel[2]);
      const sv = ids[labels[v]! - 1]!;
      if (original[v] === 0)
        synapsesOnBackground.push({ synapse: i + 1, side, voxel, supervoxel: Number(sv) });
      // Annotations per body as NeuroProof counts them: each T-bar once, each partner once.
      if (side === "post" || i === 0 || raveler[i - 1]!.tbar !== syn.tbar)
        pointsPerBody.set(bodies[v]!, (pointsPerBody.get(bodies[v]!) ?? 0) + 1);
      (side === "pre" ? synapses.preSupervoxel : synapses.postSupervoxel)[i] = sv;
      const pos = side === "pre" ? synapses.prePosition : synapses.postPosition;
      for (let d = 0; d < 3; d++) pos[3 * i + d] = (voxel[d]! + 0.5) * voxelSize[d]!;
    }
  });
  done("synapses");

  // --- image (NP6): no grayscale in the sample; membranes drawn from the labels
  report("image", 0, "image");
  const image = new Uint8Array(nVox);
  const sx = size[0];
  const sxy = size[0] * size[1];
  for (let v = 0; v < nVox; v++) {
    if (original[v] === 0) {
      image[v] = IMAGE_MEMBRANE;
      continue;
    }
    const l = labels[v]!;
    const x = v % sx;
    const y = Math.floor(v / sx) % size[1];
    const z = Math.floor(v / sxy);
    const contact =
      (x + 1 < sx && labels[v + 1] !== l) ||
      (y + 1 < size[1] && labels[v + sx] !== l) ||
      (z + 1 < size[2] && labels[v + sxy] !== l);
    image[v] = contact ? IMAGE_CONTACT : IMAGE_INTERIOR;
  }
  done("image");

  // --- meshes (NP7)
  report("mesh", 0, "meshing supervoxels");
  const meshes = await meshSupervoxels(labels, size, n, {
    ...MESH,
    onProgress: (f) => report("mesh", f, `meshing ${Math.round(f * 100)}%`),
  });
  done("mesh");

  // --- write (NP8)
  report("write", 0, "writing the dataset");
  const segmentation = new BigUint64Array(nVox);
  for (let v = 0; v < nVox; v++) segmentation[v] = ids[labels[v]! - 1]!;
  const name = options.name ?? "neuroproof-samp1";
  await writeStaged(out, options.overwrite ?? false, (staging) => {
    const scale = {
      key: voxelSize.join("_"),
      size,
      resolution: voxelSize,
      voxelOffset: [0, 0, 0] as Vec3,
      chunkSizes: [CHUNK],
    };
    const imageInfo: PrecomputedInfo = {
      type: "image",
      dataType: "uint8",
      numChannels: 1,
      scales: [{ ...scale, encoding: "raw" }],
    };
    writePrecomputedVolume(join(staging, DATASET_LAYOUT.image), imageInfo, image);
    const segInfo: PrecomputedInfo = {
      type: "segmentation",
      dataType: "uint64",
      numChannels: 1,
      mesh: "mesh",
      scales: [{ ...scale, encoding: "compressed_segmentation", compressedSegmentationBlockSize: [8, 8, 8] }],
    };
    writePrecomputedVolume(join(staging, DATASET_LAYOUT.segmentation), segInfo, segmentation);
    report("write", 0.2, "writing meshes");
    writeMeshFiles(
      {
        index: join(staging, DATASET_LAYOUT.meshIndex),
        data: join(staging, DATASET_LAYOUT.meshData),
        legacyDir: join(staging, DATASET_LAYOUT.legacyMeshes),
      },
      ids,
      meshes,
      voxelSize,
      MESH.quantization,
    );
    report("write", 0.9, "writing graph and synapses");
    writeFileSync(join(staging, DATASET_LAYOUT.graph), encodeSupervoxelGraph(graph));
    writeFileSync(join(staging, DATASET_LAYOUT.synapses), encodeSynapseTable(synapses));
    const manifest: DatasetManifest = {
      format: "danio-dataset",
      version: MANIFEST_VERSION,
      name,
      description:
        `NeuroProof FIB-SEM sample samp1 (janelia-flyem/NeuroProof integration tests, BSD-3-Clause): ` +
        `${n} watershed supervoxels, boundary voxels given to the nearest supervoxel; affinities from ` +
        `NeuroProof's agglomeration (1 inside a body) and its body-graph probabilities (across bodies). ` +
        `The image is synthetic: the sample has no grayscale, so membranes are drawn from the label boundaries. ` +
        (options.voxelSize
          ? `Voxel size ${voxelSize.join("x")} nm as given.`
          : `The sample records no voxel size; ${voxelSize.join("x")} nm (FIB-SEM) is assumed.`),
      voxelSize,
      bounds: { min: [0, 0, 0], max: size },
      layers: standardLayers(meshes),
      graph: {
        path: DATASET_LAYOUT.graph,
        supervoxelCount: n,
        edgeCount: m,
        agglomerationThreshold: NEUROPROOF_AGGLOMERATION_THRESHOLD,
      },
      synapses: { path: DATASET_LAYOUT.synapses, count: k },
      proofreading: { maxMergeDistance: MAX_MERGE_DISTANCE_NM },
    };
    writeFileSync(join(staging, MANIFEST_FILE), formatManifest(manifest));
  });
  done("write");
  report("write", 1, "done");
  const at = (p: string) => directoryBytes(join(out, p));
  const bytes = {
    image: at(DATASET_LAYOUT.image),
    segmentation: at(DATASET_LAYOUT.segmentation) - at(DATASET_LAYOUT.legacyMeshes),
    legacyMeshes: at(DATASET_LAYOUT.legacyMeshes),
    meshFragments: at(DATASET_LAYOUT.meshIndex) + at(DATASET_LAYOUT.meshData),
    graph: at(DATASET_LAYOUT.graph),
    synapses: at(DATASET_LAYOUT.synapses),
    manifest: at(MANIFEST_FILE),
    total: directoryBytes(out),
  };
  seconds.total = (performance.now() - t0) / 1000;
  return {
    out,
    size,
    voxelSize,
    supervoxels: n,
    filledVoxels,
    edges: m,
    intraBodyEdges,
    crossBodyEdges: m - intraBodyEdges,
    crossBodyEdgesWithoutWeight,
    jsonEdges: bodyGraph.node1.length,
    jsonEdgesMatched: matched.size,
    bodies: bodyCount,
    agglomeratedVolumeBodies: volumeBodies,
    supervoxelsInSeveralBodies,
    segments,
    agglomerationThreshold: NEUROPROOF_AGGLOMERATION_THRESHOLD,
    synapses: k,
    synapsesOnBackground,
    synapsePointsPerBody: [...pointsPerBody.entries()].sort((a, b) => a[0] - b[0]),
    graphJsonSynapseBodies: [...bodyGraph.synapseBodies].sort((a, b) => a[0] - b[0]),
    mesh: {
      rawTriangles: meshes.rawTriangles,
      trianglesPerLod: meshes.trianglesPerLod,
      lodErrors: meshes.lodErrors,
      emptyFragmentsPerLod: Array.from(
        { length: meshes.lodCount },
        (_, l) =>
          meshes.fragments.filter((f, j) => j % meshes.lodCount === l && f.indices.length === 0).length,
      ),
    },
    bytes,
    seconds,
  };
}
