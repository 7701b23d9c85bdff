import { join } from "node:path";

/** The manifest file at the root of every dataset directory. */
export const MANIFEST_FILE = "danio.json";

/** The current manifest schema version; a manifest with another version is refused at load. */
export const MANIFEST_VERSION = 1;

/** Where the manifest of a dataset directory lives. */
export function manifestPath(datasetDir: string): string {
  return join(datasetDir, MANIFEST_FILE);
}

/**
 * Where the generator (and, by convention, importers) put each part of a dataset, relative to the
 * dataset directory. The manifest records the actual paths, so readers follow the manifest, not these.
 */
export const DATASET_LAYOUT = {
  image: "image",
  segmentation: "segmentation",
  /** Neuroglancer legacy meshes (finest LOD), named by the segmentation info's "mesh" key. */
  legacyMeshes: "segmentation/mesh",
  meshIndex: "meshes/fragments.index",
  meshData: "meshes/fragments.data",
  graph: "graph.bin",
  synapses: "synapses.bin",
  groundTruth: "groundtruth.bin",
} as const;

/** The manifest's `layers` for a dataset written in the standard layout (generated or imported). */
export function standardLayers(meshes: { lodCount: number; lodErrors: number[] }) {
  return {
    image: {
      path: DATASET_LAYOUT.image,
      format: "neuroglancer-precomputed" as const,
      dataType: "uint8" as const,
    },
    segmentation: {
      path: DATASET_LAYOUT.segmentation,
      format: "neuroglancer-precomputed" as const,
      dataType: "uint64" as const,
    },
    meshes: {
      legacyPath: DATASET_LAYOUT.legacyMeshes,
      index: DATASET_LAYOUT.meshIndex,
      data: DATASET_LAYOUT.meshData,
      lodCount: meshes.lodCount,
      lodErrors: meshes.lodErrors,
    },
  };
}
