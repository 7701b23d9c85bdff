export type { Delimiter, DelimitedOptions, DelimitedTable } from "./delimited";
export { DelimitedFormatError, detectDelimiter, parseDelimited } from "./delimited";
export type { NpyArray, NpyData, NpyDtype } from "./npy";
export { NpyFormatError, readNpy, writeNpy } from "./npy";
export { HOST_IS_LITTLE_ENDIAN, readArrayLE, toBytesLE, writeArrayLE } from "./byteOrder";
export type { NumericArray } from "./byteOrder";
export { decodeUtf8, encodeUtf8 } from "./utf8";
export { gunzipIfNeeded, gzipDeterministic, isGzip } from "./gzip";
export type {
  PrecomputedDataType,
  PrecomputedEncoding,
  PrecomputedInfo,
  PrecomputedScale,
  PrecomputedVolumeType,
  Vec3,
} from "./precomputedInfo";
export {
  bytesPerVoxel,
  formatPrecomputedInfo,
  parsePrecomputedInfo,
  PrecomputedFormatError,
} from "./precomputedInfo";
export type { ChunkBox } from "./chunkGrid";
export {
  chunkAt,
  chunkGridSize,
  chunkKey,
  compressedMortonCode,
  listChunks,
  parseChunkKey,
} from "./chunkGrid";
export type { VoxelArray } from "./rawChunk";
export { createVoxelArray, decodeRawChunk, encodeRawChunk } from "./rawChunk";
export { copyBox } from "./copyBox";
export type { LabelArray } from "./compressedSegmentation";
export { decodeCompressedSegmentation, encodeCompressedSegmentation } from "./compressedSegmentation";
export type { TriangleMesh } from "./legacyMesh";
export {
  decodeLegacyMeshFragment,
  encodeLegacyMeshFragment,
  formatLegacyMeshManifest,
  LEGACY_MESH_INFO,
  legacyMeshManifestName,
  parseLegacyMeshManifest,
} from "./legacyMesh";
export type { MeshFragmentIndex, QuantizedMesh } from "./meshFragmentFile";
export {
  decodeMeshFragment,
  decodeMeshFragmentIndex,
  decodeMeshFragmentQuantized,
  encodeMeshFragment,
  encodeMeshFragmentIndex,
  findMeshFragment,
  MESH_FRAGMENT_INDEX_MAGIC,
  MESH_FRAGMENT_INDEX_VERSION,
} from "./meshFragmentFile";
export { DanioFormatError } from "./danioBinaryHeader";
export type { SupervoxelGraphData } from "./supervoxelGraphFile";
export {
  decodeSupervoxelGraph,
  encodeSupervoxelGraph,
  SUPERVOXEL_GRAPH_MAGIC,
  SUPERVOXEL_GRAPH_VERSION,
  validateSupervoxelGraph,
} from "./supervoxelGraphFile";
export type { SynapseTableData } from "./synapseTableFile";
export {
  decodeSynapseTable,
  encodeSynapseTable,
  SYNAPSE_TABLE_MAGIC,
  SYNAPSE_TABLE_VERSION,
  validateSynapseTable,
} from "./synapseTableFile";
export type { GroundTruthData } from "./groundTruthFile";
export {
  COMPARTMENT_AXON,
  COMPARTMENT_DENDRITE,
  COMPARTMENT_SOMA,
  COMPARTMENT_UNKNOWN,
  decodeGroundTruth,
  encodeGroundTruth,
  GROUND_TRUTH_MAGIC,
  GROUND_TRUTH_VERSION,
  validateGroundTruth,
} from "./groundTruthFile";
export type { Column, ColumnArrays, ColumnType, Table } from "./table";
export { createTable, getColumn, TableError, validateTable } from "./table";
export { formatCell, formatFloat32, formatFloat64 } from "./formatCell";
export type { CsvOptions } from "./writeCsv";
export { quoteCsvField, writeCsv } from "./writeCsv";
export type { JsonOptions } from "./writeJson";
export { writeJson } from "./writeJson";
export type { ParquetOptions } from "./writeParquet";
export { PARQUET_CREATED_BY, writeParquet } from "./writeParquet";
export type { GraphmlInput } from "./writeGraphml";
export { writeGraphml } from "./writeGraphml";
export type { NeuprintConnectionInput, NeuprintNeuronInput } from "./neuprintTables";
export { formatNeuprintRoiInfo, neuprintConnectionTable, neuprintNeuronTable } from "./neuprintTables";
export type { CodexConnectionInput, CodexNtType } from "./codexTables";
export { CODEX_NT_TYPES, CODEX_UNASSIGNED_NEUROPIL, codexConnectionTable, codexNtType } from "./codexTables";
export type { EdgeCounts } from "./aggregateEdges";
export { aggregateEdges, edgeCountsTable } from "./aggregateEdges";
export type { ConnectomeCsr, ConnectomeCsrLayout } from "./connectomeCsr";
export {
  CONNECTOME_CSR_HEADER_BYTES,
  CONNECTOME_CSR_MAGIC,
  CONNECTOME_CSR_VERSION,
  CSR_FLAG_ROWS_POST,
  CSR_FLAG_SIGNS,
  connectomeCsrLayout,
  readConnectomeCsr,
  validateConnectomeCsr,
  writeConnectomeCsr,
} from "./connectomeCsr";
export type { ConnectomeEdges, CreateConnectomeCsrOptions, CsrEdgeList } from "./createConnectomeCsr";
export { connectomeCsrEdges, createConnectomeCsr } from "./createConnectomeCsr";
export { sha256, sha256Hex } from "./sha256";
export type {
  SnapshotFileEntry,
  SnapshotFileInput,
  SnapshotManifest,
  SnapshotManifestInput,
} from "./snapshotManifest";
export {
  createSnapshotManifest,
  parseSnapshotManifest,
  SNAPSHOT_MANIFEST_FORMAT,
  SNAPSHOT_MANIFEST_VERSION,
  verifySnapshotFile,
  writeSnapshotManifest,
} from "./snapshotManifest";
