import {
  createSupervoxelGraphFromIndices,
  type ProofreadingOptions,
  type SupervoxelGraph,
} from "@danio/core";
import type { LoadedDataset } from "@danio/dataset";

/** The core graph of a loaded dataset (its graph file is already in dense index order). */
export function graphOfDataset(dataset: LoadedDataset): SupervoxelGraph {
  const g = dataset.graph;
  return createSupervoxelGraphFromIndices({
    supervoxelIds: g.ids,
    edgeA: g.edgeA,
    edgeB: g.edgeB,
    affinities: g.affinity,
    positions: g.positions,
  });
}

/** The proofreading rules a dataset's manifest sets: agglomeration threshold and maximum merge distance. */
export function proofreadingOptionsOf(dataset: LoadedDataset): ProofreadingOptions {
  return {
    threshold: dataset.manifest.graph.agglomerationThreshold,
    maxMergeDistance: dataset.manifest.proofreading.maxMergeDistance,
  };
}
