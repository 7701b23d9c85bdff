/**
 * `danio bench dataset`: generates the default demo brain once into a temporary directory and reports
 * generation seconds (total and per stage), meshing triangles per second, bytes on disk per layer, and
 * what was generated (counts and measured error rates).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { GENERATE_DEFAULTS, generateDataset } from "../src/index";

export async function benchDataset(options?: {
  onProgress?: (msg: string) => void;
}): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "danio-bench-dataset-"));
  const out = join(dir, "demo");
  let lastStage = "";
  try {
    const s = await generateDataset({ out }, (p) => {
      if (p.stage !== lastStage) {
        lastStage = p.stage;
        options?.onProgress?.(`generate: ${p.stage} (${Math.round(p.fraction * 100)}%)`);
      }
    });
    const lodTriangles = s.mesh.trianglesPerLod.reduce((a, b) => a + b, 0);
    const totalBytes = Object.values(s.bytes).reduce((a, b) => a + b, 0);
    return {
      benchmark: "dataset",
      machine: { cpus: cpus().length, node: process.version },
      demo: {
        seed: s.seed,
        neurons: s.neurons,
        size: s.size,
        supervoxels: s.supervoxels,
        edges: s.edges,
        synapses: s.synapses,
        connectomeEdges: s.connectomeEdges,
        defaults: GENERATE_DEFAULTS,
      },
      generationSeconds: round(s.seconds.total),
      stageSeconds: Object.fromEntries(Object.entries(s.seconds).map(([k, v]) => [k, round(v)])),
      meshing: {
        seconds: round(s.seconds.mesh),
        rawTriangles: s.mesh.rawTriangles,
        trianglesPerLod: s.mesh.trianglesPerLod,
        lodErrorsVoxels: s.mesh.lodErrors,
        /** Surface-nets triangles meshed (and simplified to every LOD) per second. */
        trianglesPerSecond: Math.round(s.mesh.rawTriangles / s.seconds.mesh),
        /** Triangles written over all LODs per second. */
        outputTrianglesPerSecond: Math.round(lodTriangles / s.seconds.mesh),
      },
      bytesOnDisk: { ...s.bytes, total: totalBytes },
      errorRates: {
        requested: s.requested,
        measured: {
          mergeErrorRate: round(s.measured.mergeErrorRate, 4),
          splitErrorRate: round(s.measured.splitErrorRate, 4),
          touchingPairs: s.measured.touchingPairs,
          mergedPairs: s.measured.mergedPairs,
          trueEdges: s.measured.trueEdges,
          cutTrueEdges: s.measured.cutTrueEdges,
          segments: s.measured.segments,
          falseMerges: s.measured.falseMerges,
          falseSplits: s.measured.falseSplits,
        },
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
