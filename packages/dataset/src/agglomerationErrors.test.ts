import { afterAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../test/tempDir";
import { agglomerate, measureAgglomerationErrors } from "./agglomerationErrors";
import { generateDataset } from "./generateDataset";
import { loadDataset } from "./loadDataset";
import { synthesizeBrain } from "./synthesizeBrain";

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe("agglomeration error rates", () => {
  it("[G5] [G6] measures merges per touching neuron pair and cuts per same-neuron edge on a hand-made graph", () => {
    // Supervoxels 0,1,2 are neuron 1; 3,4 neuron 2; 5 neuron 3. Edges: 0-1 .9, 1-2 .3 (cut), 2-3 .7 (merge),
    // 3-4 .8, 4-5 .1, 1-5 .2.
    const edgeA = Uint32Array.of(0, 1, 1, 2, 3, 4);
    const edgeB = Uint32Array.of(1, 2, 5, 3, 4, 5);
    const affinity = Float32Array.of(0.9, 0.3, 0.2, 0.7, 0.8, 0.1);
    const neuron = Uint32Array.of(1, 1, 1, 2, 2, 3);
    const m = measureAgglomerationErrors(edgeA, edgeB, affinity, neuron, new Uint32Array(6).fill(1), 0.5);
    expect(m).toMatchObject({ trueEdges: 3, cutTrueEdges: 1, touchingPairs: 3, mergedPairs: 1, segments: 3 });
    expect(m.splitErrorRate).toBeCloseTo(1 / 3, 12);
    expect(m.mergeErrorRate).toBeCloseTo(1 / 3, 12);
    // Segments {0,1}, {2,3,4}, {5}: neuron 1 is split once; {2,3,4} merges neurons 1 and 2.
    expect(m).toMatchObject({ falseMerges: 1, falseSplits: 1 });
    expect(Array.from(agglomerate(6, edgeA, edgeB, affinity, 0.5))).toEqual([0, 0, 1, 1, 1, 2]);
  });

  it("[G3] [G5] [G6] the generator's measured rates are within 1/(2n) of the rates asked for, read back from disk", async () => {
    const out = `${tmp.dir}/rates`;
    const summary = await generateDataset({
      out,
      seed: 3,
      neurons: 14,
      size: [112, 112, 48],
      mergeErrorRate: 0.1,
      splitErrorRate: 0.05,
    });
    const ds = loadDataset(out);
    const gt = ds.groundTruth!;
    const m = measureAgglomerationErrors(
      ds.graph.edgeA,
      ds.graph.edgeB,
      ds.graph.affinity,
      gt.neuronIndexOfSupervoxel,
      ds.graph.voxelCounts,
      ds.manifest.graph.agglomerationThreshold,
    );
    ds.meshes.close();
    expect(m).toEqual(summary.measured);
    expect(m.touchingPairs).toBeGreaterThanOrEqual(50); // of 91 neuron pairs: neurons are packed and touch
    expect(m.trueEdges).toBeGreaterThanOrEqual(500);
    expect(Math.abs(m.mergeErrorRate - 0.1)).toBeLessThanOrEqual(1 / (2 * m.touchingPairs));
    expect(Math.abs(m.splitErrorRate - 0.05)).toBeLessThanOrEqual(1 / (2 * m.trueEdges));
    // The errors show up as false merges and false splits of the automated segmentation.
    expect(m.falseMerges).toBeGreaterThanOrEqual(m.mergedPairs * 0.5);
    expect(m.falseSplits).toBeGreaterThan(0);
  }, 60_000);

  it("[G4] [G5] [G6] rate 0 gives no errors and rate 1 errs everywhere it can", async () => {
    const size: [number, number, number] = [64, 64, 32];
    for (const r of [0, 1]) {
      const b = await synthesizeBrain({ seed: 4, neurons: 6, size, mergeErrorRate: r, splitErrorRate: r });
      const m = measureAgglomerationErrors(
        b.graph.edgeA,
        b.graph.edgeB,
        b.graph.affinity,
        b.neuronOfSupervoxel,
        b.graph.voxelCounts,
        0.5,
      );
      expect(m.mergeErrorRate, `merge rate ${r}`).toBe(r);
      expect(m.splitErrorRate, `split rate ${r}`).toBe(r);
    }
  }, 60_000);
});
