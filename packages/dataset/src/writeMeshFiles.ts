/**
 * Writes per-supervoxel meshes: Danio's multi-LOD fragment data + index (@danio/formats
 * meshFragmentFile), and the finest LOD again as Neuroglancer legacy meshes (`<id>:0` manifest and
 * `<id>:0:lod0` fragment, positions in nm) so that Google's Neuroglancer can show the supervoxels.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  encodeLegacyMeshFragment,
  encodeMeshFragment,
  encodeMeshFragmentIndex,
  formatLegacyMeshManifest,
  LEGACY_MESH_INFO,
  legacyMeshManifestName,
  type Vec3,
} from "@danio/formats";
import type { SupervoxelMeshes } from "./meshSupervoxels";

export interface MeshPaths {
  /** Absolute paths. */
  index: string;
  data: string;
  legacyDir: string;
}

export interface WrittenMeshes {
  indexBytes: number;
  dataBytes: number;
  legacyBytes: number;
}

/** `ids[i]` is the id of supervoxel i (ascending); `meshes.fragments` is indexed [i * lodCount + lod]. */
export function writeMeshFiles(
  paths: MeshPaths,
  ids: BigUint64Array,
  meshes: SupervoxelMeshes,
  voxelSize: Vec3,
  quantization: number,
): WrittenMeshes {
  const n = ids.length;
  const L = meshes.lodCount;
  mkdirSync(dirname(paths.index), { recursive: true });
  mkdirSync(dirname(paths.data), { recursive: true });
  mkdirSync(paths.legacyDir, { recursive: true });
  const offsets = new Float64Array(n * L);
  const lengths = new Uint32Array(n * L);
  const fd = openSync(paths.data, "w");
  let offset = 0;
  try {
    // One contiguous block per LOD, coarsest first: a viewer loading the coarse level of many segments
    // reads a few long ranges and never downloads the finer levels' bytes.
    for (let l = L - 1; l >= 0; l--) {
      for (let i = 0; i < n; i++) {
        const bytes = encodeMeshFragment(meshes.fragments[i * L + l]!);
        writeSync(fd, bytes);
        offsets[i * L + l] = offset;
        lengths[i * L + l] = bytes.length;
        offset += bytes.length;
      }
    }
  } finally {
    closeSync(fd);
  }
  const index = encodeMeshFragmentIndex({
    lodCount: L,
    quantization,
    voxelSize,
    lodErrors: meshes.lodErrors,
    ids,
    offsets,
    lengths,
  });
  writeFileSync(paths.index, index);

  const info = JSON.stringify(LEGACY_MESH_INFO);
  writeFileSync(join(paths.legacyDir, "info"), info);
  let legacyBytes = info.length;
  const scale = [quantization * voxelSize[0], quantization * voxelSize[1], quantization * voxelSize[2]];
  for (let i = 0; i < n; i++) {
    const frag = meshes.fragments[i * L]!;
    const positions = new Float32Array(frag.quantized.length);
    for (let k = 0; k < positions.length; k++) positions[k] = frag.quantized[k]! * scale[k % 3]!;
    const name = legacyMeshManifestName(ids[i]!);
    const manifest = formatLegacyMeshManifest([`${name}:lod0`]);
    const bytes = encodeLegacyMeshFragment({ positions, indices: frag.indices });
    writeFileSync(join(paths.legacyDir, name), manifest);
    writeFileSync(join(paths.legacyDir, `${name}:lod0`), bytes);
    legacyBytes += manifest.length + bytes.length;
  }
  return { indexBytes: index.length, dataBytes: offset, legacyBytes };
}
