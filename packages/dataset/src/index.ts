export { MANIFEST_FILE, MANIFEST_VERSION, manifestPath } from "./layout";
export { DATASET_LAYOUT } from "./layout";
export type { DatasetManifest } from "./manifest";
export { formatManifest, ManifestError, manifestSchema, parseManifest, parseManifestText } from "./manifest";
export type { GenerateOptions, GenerateProgress, GenerateStage, GenerateSummary } from "./generateDataset";
export {
  GENERATE_DEFAULTS,
  GENERATOR_NAME,
  GENERATOR_VERSION,
  GenerateOptionsError,
  generateDataset,
  resolveGenerateOptions,
} from "./generateDataset";
export type { GenerateArgs } from "./generateArgs";
export { GenerateArgsError, generateHelp, parseGenerateArgs } from "./generateArgs";
export type { LoadedDataset, LoadedGroundTruth, LoadedSynapses } from "./loadDataset";
export { DatasetLoadError, loadDataset, proofreadingTruth } from "./loadDataset";
export { MeshFragmentReader } from "./MeshFragmentReader";
export type { ConnectomeAccuracy, ProofreadingScore, ProofreadingTruth } from "./scoreProofreading";
export { scoreProofreading } from "./scoreProofreading";
export type { AgglomerationErrors } from "./agglomerationErrors";
export { agglomerate, measureAgglomerationErrors } from "./agglomerationErrors";
export { readPrecomputedVolume, writePrecomputedVolume } from "./precomputedVolume";
export type { MeshOptions, SupervoxelMeshes } from "./meshSupervoxels";
export { meshSupervoxels } from "./meshSupervoxels";
export type { SurfaceNets } from "./surfaceNets";
export { surfaceNets } from "./surfaceNets";
export type { UnionFind } from "./unionFind";
export { createUnionFind, findRoot, labelComponents, union } from "./unionFind";
export type {
  BackgroundSynapsePoint,
  ImportNeuroproofOptions,
  ImportProgress,
  ImportStage,
  ImportSummary,
} from "./importNeuroproof";
export {
  ImportError,
  importNeuroproof,
  NEUROPROOF_AGGLOMERATION_THRESHOLD,
  NEUROPROOF_DEFAULT_VOXEL_SIZE,
} from "./importNeuroproof";
export type { ImportArgs } from "./importArgs";
export { ImportArgsError, importHelp, parseImportArgs } from "./importArgs";
export { NeuroproofInputError } from "./neuroproofFiles";
export { Hdf5VolumeError } from "./readHdf5Volume";
export { writeStaged } from "./writeStaged";
