import type { SegmentMeshData } from "./buildSegmentMesh";

export type Rgb = readonly [number, number, number];

/** Source side, sink side: fixed, easy to tell apart from each other and from segment colours. */
export const SPLIT_SOURCE_COLOUR: Rgb = [0.2, 0.55, 1];
export const SPLIT_SINK_COLOUR: Rgb = [1, 0.3, 0.2];

/**
 * Per-vertex colours (0–1 RGB, 3 per vertex) for a split preview: supervoxels on the source side in one
 * colour, the sink side in another, any other (not in the preview) in `other`.
 */
export function splitPreviewColours(
  mesh: Pick<SegmentMeshData, "supervoxels" | "vertexSupervoxel">,
  sources: ReadonlySet<string>,
  sinks: ReadonlySet<string>,
  other: Rgb,
  source: Rgb = SPLIT_SOURCE_COLOUR,
  sink: Rgb = SPLIT_SINK_COLOUR,
): Float32Array {
  const perSv = mesh.supervoxels.map((sv) => (sources.has(sv) ? source : sinks.has(sv) ? sink : other));
  const out = new Float32Array(mesh.vertexSupervoxel.length * 3);
  for (let i = 0; i < mesh.vertexSupervoxel.length; i++) {
    const c = perSv[mesh.vertexSupervoxel[i]!] ?? other;
    out[i * 3] = c[0];
    out[i * 3 + 1] = c[1];
    out[i * 3 + 2] = c[2];
  }
  return out;
}
