/**
 * The one place the 3D view touches a mesh format: Danio's multi-LOD per-supervoxel fragment files
 * (index + data, fetched by HTTP Range). Everything else asks a `FragmentSource` for "the fragments of
 * these supervoxels at this LOD" and gets positions in nm and triangle indices.
 */
import {
  decodeMeshFragment,
  decodeMeshFragmentIndex,
  findMeshFragment,
  type MeshFragmentIndex,
} from "@danio/formats";
import { type BatchOptions, batchRanges, DEFAULT_BATCH } from "./batchRanges";
import { fragmentKey } from "./FragmentCache";

/** One supervoxel's surface at one LOD: positions in nm (3 per vertex), 3 indices per triangle. */
export interface Fragment {
  positions: Float32Array;
  indices: Uint32Array;
}

export interface FragmentRequest {
  supervoxel: string;
  lod: number;
}

export interface FragmentSource {
  readonly lodCount: number;
  /** Maximum geometric error of each LOD in nm (LOD 0 is the finest). */
  readonly lodErrorsNm: readonly number[];
  /** Whether the source has a surface for this supervoxel. */
  has(supervoxel: string): boolean;
  /** Triangles of a fragment, estimated before it is fetched (0 when there is none). */
  estimateTriangles(supervoxel: string, lod: number): number;
  /**
   * Fetches and decodes fragments; the map is keyed by `fragmentKey`, missing ones are left out.
   * `onPartial` gets each part as soon as it is decoded (one HTTP request's worth).
   */
  fetch(
    requests: readonly FragmentRequest[],
    onPartial?: (part: ReadonlyMap<string, Fragment>) => void,
  ): Promise<Map<string, Fragment>>;
}

export type FetchBytes = (url: string, range?: { offset: number; length: number }) => Promise<Uint8Array>;

export function fragmentBytes(f: Fragment): number {
  return f.positions.byteLength + f.indices.byteLength + 64;
}

/**
 * A fragment's bytes are a 20-byte header, 6 per vertex (padded to 4) and 6 per triangle; closed surface
 * meshes have about half as many vertices as triangles, so ~9 bytes per triangle.
 */
export function estimateTrianglesFromBytes(length: number): number {
  return length <= 20 ? 0 : Math.round((length - 20) / 9);
}

/** A source over the fragment index (already fetched) and the data file's URL. */
export function createMeshFragmentSource(
  index: MeshFragmentIndex,
  dataUrl: string,
  fetchBytes: FetchBytes,
  options: { batch?: BatchOptions; concurrency?: number; nmPerVoxel?: number } = {},
): FragmentSource {
  const batch = options.batch ?? DEFAULT_BATCH;
  const concurrency = options.concurrency ?? 6;
  const nmPerVoxel = options.nmPerVoxel ?? Math.max(...index.voxelSize);
  const range = (supervoxel: string, lod: number) => {
    let id: bigint;
    try {
      id = BigInt(supervoxel);
    } catch {
      return undefined;
    }
    return findMeshFragment(index, id, lod);
  };
  return {
    lodCount: index.lodCount,
    lodErrorsNm: index.lodErrors.map((e) => e * nmPerVoxel),
    has: (sv) => (range(sv, 0)?.length ?? 0) > 0,
    estimateTriangles: (sv, lod) => estimateTrianglesFromBytes(range(sv, lod)?.length ?? 0),
    async fetch(requests, onPartial) {
      const wanted: { key: string; offset: number; length: number }[] = [];
      for (const r of requests) {
        const found = range(r.supervoxel, r.lod);
        if (found && found.length > 0) wanted.push({ key: fragmentKey(r.supervoxel, r.lod), ...found });
      }
      const out = new Map<string, Fragment>();
      const batches = batchRanges(wanted, batch);
      let next = 0;
      const worker = async () => {
        while (next < batches.length) {
          const b = batches[next++]!;
          const bytes = await fetchBytes(dataUrl, { offset: b.offset, length: b.length });
          const part = new Map<string, Fragment>();
          for (const m of b.members) {
            const w = wanted[m]!;
            const start = w.offset - b.offset;
            const f = decodeMeshFragment(bytes.subarray(start, start + w.length), index, w.key);
            part.set(w.key, f);
            out.set(w.key, f);
          }
          onPartial?.(part);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
      return out;
    },
  };
}

/** Fetches the fragment index once and opens the source. */
export async function openMeshFragmentSource(
  indexUrl: string,
  dataUrl: string,
  fetchBytes: FetchBytes,
  options: { batch?: BatchOptions; concurrency?: number; nmPerVoxel?: number } = {},
): Promise<FragmentSource> {
  const index = decodeMeshFragmentIndex(await fetchBytes(indexUrl), indexUrl);
  return createMeshFragmentSource(index, dataUrl, fetchBytes, options);
}
