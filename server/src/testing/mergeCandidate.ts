import { loadDataset } from "@danio/dataset";

/**
 * For tests and benchmarks: two supervoxels in different segments, adjacent in the graph and close enough to merge
 * (by the dataset's maximum merge distance), given the segment of each supervoxel as the caller sees it.
 */
export function mergeCandidate(
  dataDir: string,
  rootOf: (sv: bigint) => bigint | string | undefined,
): { a: bigint; b: bigint; posA: [number, number, number]; posB: [number, number, number] } {
  const ds = loadDataset(dataDir);
  const g = ds.graph;
  const max = ds.manifest.proofreading.maxMergeDistance;
  const pos = (i: number): [number, number, number] => [
    g.positions[3 * i]!,
    g.positions[3 * i + 1]!,
    g.positions[3 * i + 2]!,
  ];
  for (let e = 0; e < g.edgeA.length; e++) {
    const i = g.edgeA[e]!;
    const j = g.edgeB[e]!;
    const a = g.ids[i]!;
    const b = g.ids[j]!;
    if (rootOf(a) === rootOf(b)) continue;
    const [p, q] = [pos(i), pos(j)];
    if (Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) > max) continue;
    return { a, b, posA: p, posB: q };
  }
  throw new Error(`${dataDir}: no mergeable pair of adjacent supervoxels in different segments`);
}
