/**
 * Reads a dataset's per-supervoxel mesh fragments from disk: the index is read once, each fragment by a
 * positioned read of its byte range (what a viewer does over HTTP with Range requests).
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import {
  decodeMeshFragment,
  decodeMeshFragmentIndex,
  decodeMeshFragmentQuantized,
  findMeshFragment,
  type MeshFragmentIndex,
  type QuantizedMesh,
  type TriangleMesh,
} from "@danio/formats";

export class MeshFragmentReader {
  readonly index: MeshFragmentIndex;
  private fd: number | undefined;

  constructor(
    readonly indexPath: string,
    readonly dataPath: string,
  ) {
    this.index = decodeMeshFragmentIndex(new Uint8Array(readFileSync(indexPath)), indexPath);
  }

  get lodCount(): number {
    return this.index.lodCount;
  }

  has(id: bigint): boolean {
    return findMeshFragment(this.index, id, 0) !== undefined;
  }

  /** The raw bytes of a fragment (what an HTTP Range request returns). */
  readBytes(id: bigint, lod: number): Uint8Array {
    const range = findMeshFragment(this.index, id, lod);
    if (!range) throw new RangeError(`${this.indexPath}: no mesh for supervoxel ${id}`);
    this.fd ??= openSync(this.dataPath, "r");
    const out = new Uint8Array(range.length);
    const got = readSync(this.fd, out, 0, range.length, range.offset);
    if (got !== range.length) {
      throw new Error(
        `${this.dataPath}: fragment of supervoxel ${id} LOD ${lod} is truncated (${got} of ${range.length} bytes)`,
      );
    }
    return out;
  }

  /** A fragment with vertex positions on the global quantization grid. */
  readQuantized(id: bigint, lod: number): QuantizedMesh {
    return decodeMeshFragmentQuantized(
      this.readBytes(id, lod),
      `${this.dataPath} (supervoxel ${id}, LOD ${lod})`,
    );
  }

  /** A fragment with vertex positions in nanometres. */
  read(id: bigint, lod: number): TriangleMesh {
    return decodeMeshFragment(
      this.readBytes(id, lod),
      this.index,
      `${this.dataPath} (supervoxel ${id}, LOD ${lod})`,
    );
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
