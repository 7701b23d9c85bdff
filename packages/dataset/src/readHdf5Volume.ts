/**
 * Reads one 3-D integer dataset of an HDF5 file (h5wasm: the HDF5 C library compiled to WebAssembly,
 * shipped inside the npm package) as a label volume, x fastest. HDF5 stores arrays in C order, so a
 * dataset of shape [z, y, x] is already x fastest in memory.
 */
import { existsSync, openSync, readSync, closeSync } from "node:fs";
import h5wasm from "h5wasm/node";

export class Hdf5VolumeError extends Error {
  override readonly name = "Hdf5VolumeError";
}

export interface Hdf5Volume {
  /** [x, y, z] in voxels. */
  size: [number, number, number];
  /** Label per voxel, x fastest. */
  data: Uint32Array;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function hasHdf5Signature(path: string): boolean {
  const head = new Uint8Array(8);
  const fd = openSync(path, "r");
  try {
    if (readSync(fd, head, 0, 8, 0) < 8) return false;
  } finally {
    closeSync(fd);
  }
  return HDF5_SIGNATURE.every((b, i) => head[i] === b);
}

/**
 * `path` must be an HDF5 file holding `datasetName`: a 3-D array of non-negative integers of at most
 * 32 bits, shaped [z, y, x]. Errors name the file, the dataset and what was expected.
 */
export async function readHdf5Volume(path: string, datasetName: string): Promise<Hdf5Volume> {
  if (!existsSync(path)) throw new Hdf5VolumeError(`${path}: not found (expected an HDF5 label volume)`);
  if (!hasHdf5Signature(path)) {
    throw new Hdf5VolumeError(`${path}: not an HDF5 file (no HDF5 signature in its first 8 bytes)`);
  }
  await h5wasm.ready;
  let file: InstanceType<typeof h5wasm.File>;
  try {
    file = new h5wasm.File(path, "r");
  } catch (e) {
    throw new Hdf5VolumeError(`${path}: cannot be opened as HDF5 (${(e as Error).message ?? e})`);
  }
  try {
    return readVolume(file, path, datasetName);
  } catch (e) {
    if (e instanceof Hdf5VolumeError) throw e;
    // h5wasm reports HDF5 library failures as thrown strings, e.g. on a truncated file.
    throw new Hdf5VolumeError(
      `${path}: dataset "${datasetName}" cannot be read (${e instanceof Error ? e.message : String(e)}); is the file truncated?`,
    );
  } finally {
    file.close();
  }
}

function readVolume(file: InstanceType<typeof h5wasm.File>, path: string, datasetName: string): Hdf5Volume {
  {
    const entry = file.get(datasetName);
    if (!(entry instanceof h5wasm.Dataset)) {
      throw new Hdf5VolumeError(
        `${path}: expected a dataset "${datasetName}", found ${entry ? entry.constructor.name : "nothing"} (keys: ${file.keys().join(", ")})`,
      );
    }
    const shape = entry.shape;
    if (shape?.length !== 3 || shape.some((s) => !(s > 0))) {
      throw new Hdf5VolumeError(
        `${path}: dataset "${datasetName}" must be 3-D [z, y, x], has shape ${JSON.stringify(shape)}`,
      );
    }
    const value: unknown = entry.value;
    const [sz, sy, sx] = shape as [number, number, number];
    const n = sx * sy * sz;
    let data: Uint32Array;
    if (value instanceof Uint32Array) data = value;
    else if (value instanceof Int32Array || value instanceof Uint16Array || value instanceof Uint8Array) {
      data = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const v = value[i]!;
        if (v < 0) {
          throw new Hdf5VolumeError(
            `${path}: dataset "${datasetName}" has a negative label ${v} at element ${i} (expected labels ≥ 0)`,
          );
        }
        data[i] = v;
      }
    } else {
      throw new Hdf5VolumeError(
        `${path}: dataset "${datasetName}" must hold integers of at most 32 bits, has ${entry.dtype}`,
      );
    }
    if (data.length !== n) {
      throw new Hdf5VolumeError(
        `${path}: dataset "${datasetName}" gave ${data.length} values for shape ${shape.join("x")}`,
      );
    }
    return { size: [sx, sy, sz], data };
  }
}
