/**
 * Opens a dataset directory: the validated manifest, the supervoxel graph, the synapse table and the
 * ground truth as typed arrays, and a reader for the mesh fragments (SPEC.md D6). Synapse and ground
 * truth supervoxels are also given as dense indices into the graph's id order, for hot code.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  decodeGroundTruth,
  decodeSupervoxelGraph,
  decodeSynapseTable,
  type GroundTruthData,
  type SupervoxelGraphData,
  type SynapseTableData,
} from "@danio/formats";
import { MANIFEST_FILE, manifestPath } from "./layout";
import { type DatasetManifest, ManifestError, parseManifestText } from "./manifest";
import { MeshFragmentReader } from "./MeshFragmentReader";
import type { ProofreadingTruth } from "./scoreProofreading";

export interface LoadedSynapses extends SynapseTableData {
  /** Dense supervoxel index of each synapse's pre and post side. */
  preIndex: Uint32Array;
  postIndex: Uint32Array;
}

export interface LoadedGroundTruth extends GroundTruthData {
  /** True neuron per supervoxel as a dense number: 0 = none, else 1 + index into neuronIds. */
  neuronIndexOfSupervoxel: Uint32Array;
}

export interface LoadedDataset {
  dir: string;
  manifest: DatasetManifest;
  graph: SupervoxelGraphData;
  synapses: LoadedSynapses;
  groundTruth?: LoadedGroundTruth;
  meshes: MeshFragmentReader;
  /** Dense index of a supervoxel id, or -1. */
  indexOf(id: bigint): number;
  /** Absolute path of a path named in the manifest. */
  resolve(relative: string): string;
}

export class DatasetLoadError extends Error {
  override readonly name = "DatasetLoadError";
}

function binarySearch(sorted: BigUint64Array, id: bigint): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function loadDataset(dir: string): LoadedDataset {
  const mPath = manifestPath(dir);
  if (!existsSync(mPath)) throw new DatasetLoadError(`${dir}: not a Danio dataset (no ${MANIFEST_FILE})`);
  const manifest = parseManifestText(readFileSync(mPath, "utf8"), mPath);
  const resolve = (rel: string) => join(dir, rel);
  const read = (rel: string, field: string): Uint8Array => {
    const p = resolve(rel);
    if (!existsSync(p))
      throw new DatasetLoadError(`${mPath}: field "${field}" names ${rel}, which does not exist`);
    return new Uint8Array(readFileSync(p));
  };

  const graph = decodeSupervoxelGraph(read(manifest.graph.path, "graph.path"), resolve(manifest.graph.path));
  if (
    graph.ids.length !== manifest.graph.supervoxelCount ||
    graph.edgeA.length !== manifest.graph.edgeCount
  ) {
    throw new ManifestError(
      `${mPath}: field "graph": says ${manifest.graph.supervoxelCount} supervoxels and ${manifest.graph.edgeCount} edges, but ${manifest.graph.path} has ${graph.ids.length} and ${graph.edgeA.length}`,
    );
  }
  const indexOf = (id: bigint) => binarySearch(graph.ids, id);
  const denseOf = (ids: BigUint64Array, what: string, file: string): Uint32Array => {
    const out = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const k = indexOf(ids[i]!);
      if (k < 0)
        throw new DatasetLoadError(
          `${file}: row ${i} names ${what} supervoxel ${ids[i]}, which is not in the graph`,
        );
      out[i] = k;
    }
    return out;
  };

  const synFile = resolve(manifest.synapses.path);
  const table = decodeSynapseTable(read(manifest.synapses.path, "synapses.path"), synFile);
  if (table.ids.length !== manifest.synapses.count) {
    throw new ManifestError(
      `${mPath}: field "synapses.count": says ${manifest.synapses.count}, but ${manifest.synapses.path} has ${table.ids.length}`,
    );
  }
  const synapses: LoadedSynapses = {
    ...table,
    preIndex: denseOf(table.preSupervoxel, "presynaptic", synFile),
    postIndex: denseOf(table.postSupervoxel, "postsynaptic", synFile),
  };

  let groundTruth: LoadedGroundTruth | undefined;
  if (manifest.groundTruth) {
    const gtFile = resolve(manifest.groundTruth.path);
    const gt = decodeGroundTruth(read(manifest.groundTruth.path, "groundTruth.path"), gtFile);
    if (
      gt.supervoxelIds.length !== graph.ids.length ||
      gt.supervoxelIds.some((id, i) => id !== graph.ids[i])
    ) {
      throw new DatasetLoadError(`${gtFile}: its supervoxel ids differ from those of ${manifest.graph.path}`);
    }
    const neuronIndexOfSupervoxel = new Uint32Array(gt.supervoxelIds.length);
    for (let i = 0; i < neuronIndexOfSupervoxel.length; i++) {
      const nid = gt.neuronOfSupervoxel[i]!;
      neuronIndexOfSupervoxel[i] = nid === 0n ? 0 : binarySearch(gt.neuronIds, nid) + 1;
    }
    groundTruth = { ...gt, neuronIndexOfSupervoxel };
  }

  const m = manifest.layers.meshes;
  for (const [rel, field] of [
    [m.index, "layers.meshes.index"],
    [m.data, "layers.meshes.data"],
  ] as const) {
    if (!existsSync(resolve(rel)))
      throw new DatasetLoadError(`${mPath}: field "${field}" names ${rel}, which does not exist`);
  }
  const meshes = new MeshFragmentReader(resolve(m.index), resolve(m.data));
  if (meshes.lodCount !== m.lodCount) {
    throw new ManifestError(
      `${mPath}: field "layers.meshes.lodCount": says ${m.lodCount}, but ${m.index} has ${meshes.lodCount}`,
    );
  }
  return {
    dir,
    manifest,
    graph,
    synapses,
    ...(groundTruth ? { groundTruth } : {}),
    meshes,
    indexOf,
    resolve,
  };
}

/** The inputs of scoreProofreading for a loaded dataset with ground truth. */
export function proofreadingTruth(dataset: LoadedDataset): ProofreadingTruth {
  if (!dataset.groundTruth)
    throw new DatasetLoadError(`${dataset.dir}: the dataset has no ground truth to score against`);
  return {
    neuronOfSupervoxel: dataset.groundTruth.neuronIndexOfSupervoxel,
    voxelCounts: dataset.graph.voxelCounts,
    synapsePre: dataset.synapses.preIndex,
    synapsePost: dataset.synapses.postIndex,
  };
}
