import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parsePrecomputedInfo } from "@danio/formats";
import { afterAll, describe, expect, it } from "vitest";
import { itShared, sharedPath } from "../test/sharedData";
import { makeTempDir } from "../test/tempDir";
import { agglomerate } from "./agglomerationErrors";
import { ImportError, type ImportSummary, importNeuroproof } from "./importNeuroproof";
import { type LoadedDataset, loadDataset } from "./loadDataset";
import { readPrecomputedVolume } from "./precomputedVolume";

const SAMPLE = ["neuroproof-samp1"];
const sample = (...p: string[]) => sharedPath(...SAMPLE, ...p);
const tmp = makeTempDir("danio-neuroproof-");
afterAll(() => tmp.cleanup());

let imported: Promise<{ summary: ImportSummary; ds: LoadedDataset; stages: Set<string> }> | undefined;
/** Imports the sample once, for all the tests that read it. */
function importOnce() {
  imported ??= (async () => {
    const stages = new Set<string>();
    const out = join(tmp.dir, "samp1");
    const summary = await importNeuroproof({ src: sample(), out, onProgress: (p) => stages.add(p.stage) });
    return { summary, ds: loadDataset(out), stages };
  })();
  return imported;
}

function graphJson(): { edge_list: { node1: number; node2: number; weight: number }[] } {
  return JSON.parse(readFileSync(sample("inputs", "samp1_graph_processed.json"), "utf8"));
}

describe("importNeuroproof on the NeuroProof sample", () => {
  itShared(
    SAMPLE,
    "[NP1][NP8] writes a dataset that loadDataset opens, atomically, with every supervoxel of the volume",
    async () => {
      const { summary, ds, stages } = await importOnce();
      // samp1_labels.h5 holds ids 0..8179; 0 is the watershed boundary, so 8,179 supervoxels.
      expect(summary.supervoxels).toBe(8179);
      expect(ds.graph.ids.length).toBe(8179);
      expect(ds.graph.ids[0]).toBe(1n);
      expect(ds.graph.ids[8178]).toBe(8179n);
      expect(ds.manifest.voxelSize).toEqual([8, 8, 8]);
      expect(ds.manifest.bounds).toEqual({ min: [0, 0, 0], max: [100, 200, 50] });
      expect(ds.manifest.description).toMatch(/synthetic.*no grayscale/i);
      expect(ds.manifest.description).toMatch(/no voxel size/);
      expect(ds.groundTruth).toBeUndefined();
      expect([...stages]).toEqual(["read", "supervoxels", "graph", "synapses", "image", "mesh", "write"]);
      expect(readdirSync(tmp.dir).filter((f) => f.includes("partial"))).toEqual([]);
      await expect(importNeuroproof({ src: sample(), out: summary.out })).rejects.toThrow(/already exists/);
    },
    60_000,
  );

  itShared(SAMPLE, "[NP2] fills the boundary voxels, so the segmentation has no background", async () => {
    const { summary, ds } = await importOnce();
    expect(summary.filledVoxels).toBe(134_464);
    const seg = readPrecomputedVolume(ds.resolve(ds.manifest.layers.segmentation.path));
    expect(seg.info).toMatchObject({ type: "segmentation", dataType: "uint64", mesh: "mesh" });
    expect(seg.info.scales[0]).toMatchObject({ encoding: "compressed_segmentation", size: [100, 200, 50] });
    const data = seg.data as BigUint64Array;
    expect(data.includes(0n)).toBe(false);
    let voxels = 0;
    for (const c of ds.graph.voxelCounts) voxels += c;
    expect(voxels).toBe(100 * 200 * 50);
    // Each representative position lies in its own supervoxel.
    for (const i of [0, 1000, 4321, 8178]) {
      const [x, y, z] = [0, 1, 2].map((d) => Math.floor(ds.graph.positions[3 * i + d]! / 8));
      expect(data[x! + 100 * (y! + 200 * z!)]).toBe(ds.graph.ids[i]);
    }
  });

  itShared(
    SAMPLE,
    "[NP3][NP4] takes affinities from NeuroProof's bodies and graph, and its agglomeration gives the 164 bodies",
    async () => {
      const { summary, ds } = await importOnce();
      const json = graphJson();
      expect(json.edge_list.length).toBe(618);
      expect(summary.jsonEdges).toBe(618);
      // Every body pair the supervoxel graph crosses is an edge of the JSON; 614 of its 618 edges are carried.
      expect(summary.crossBodyEdgesWithoutWeight).toBe(0);
      expect(summary.jsonEdgesMatched).toBe(614);
      expect(ds.graph.edgeA.length).toBe(summary.edges);
      expect(summary.intraBodyEdges + summary.crossBodyEdges).toBe(summary.edges);
      const weights = new Set(json.edge_list.map((e) => Math.fround(e.weight)));
      let ones = 0;
      for (const a of ds.graph.affinity) {
        if (a === 1) ones++;
        else expect(weights.has(a)).toBe(true);
      }
      expect(ones).toBe(summary.intraBodyEdges);
      // The threshold agglomeration of the written graph reproduces samp1_labels_processed.h5's bodies.
      const seg = agglomerate(8179, ds.graph.edgeA, ds.graph.edgeB, ds.graph.affinity, 0.5);
      expect(new Set(seg).size).toBe(164);
      expect(summary.agglomeratedVolumeBodies).toBe(164);
      expect(summary.bodies).toBe(164);
      expect(summary.segments).toBe(164);
      expect(ds.manifest.graph.agglomerationThreshold).toBe(0.5);
    },
  );

  itShared(
    SAMPLE,
    "[NP5] reads one synapse per T-bar partner at the y-flipped positions, reporting points on background",
    async () => {
      const { summary, ds } = await importOnce();
      expect(summary.synapses).toBe(4);
      expect(ds.synapses.ids.length).toBe(4);
      // T-bar (45, 118, 36) → voxel (45, 81, 36), centre in nm.
      expect(Array.from(ds.synapses.prePosition.subarray(0, 3))).toEqual([45.5 * 8, 81.5 * 8, 36.5 * 8]);
      expect(ds.synapses.preSupervoxel[0]).toBe(3824n);
      expect(summary.synapsesOnBackground).toEqual([
        { synapse: 3, side: "post", voxel: [0, 74, 36], supervoxel: Number(ds.synapses.postSupervoxel[2]) },
      ]);
      // The graph JSON counts synapse annotations per body: the flipped points land in exactly those bodies.
      expect(summary.graphJsonSynapseBodies).toEqual([
        [267, 4],
        [3584, 1],
        [7411, 1],
      ]);
      expect(summary.synapsePointsPerBody).toEqual(summary.graphJsonSynapseBodies);
    },
  );

  itShared(SAMPLE, "[NP6][NP7] writes an image and meshes for every supervoxel at every LOD", async () => {
    const { summary, ds } = await importOnce();
    const image = readPrecomputedVolume(ds.resolve(ds.manifest.layers.image.path));
    expect(image.info).toMatchObject({ type: "image", dataType: "uint8" });
    expect(new Set(image.data as Uint8Array)).toEqual(new Set([40, 110, 190]));
    const index = ds.meshes.index;
    expect(index.ids).toEqual(ds.graph.ids);
    expect(index.lodCount).toBe(3);
    // Every supervoxel has a fragment at every LOD; only tiny ones (a few voxels) may be simplified away.
    const empty = [0, 0, 0];
    for (let j = 0; j < index.lengths.length; j++) {
      if (index.lengths[j]! > 20) continue;
      empty[j % 3]!++;
      expect(ds.graph.voxelCounts[Math.floor(j / 3)]!).toBeLessThanOrEqual(j % 3 === 0 ? 2 : 64);
    }
    expect(empty).toEqual(summary.mesh.emptyFragmentsPerLod);
    expect(empty[0]!).toBeLessThan(10);
    expect(empty[2]!).toBeLessThan(0.02 * 8179);
    expect(summary.mesh.trianglesPerLod[2]!).toBeLessThan(summary.mesh.trianglesPerLod[0]!);
    const legacy = ds.resolve(ds.manifest.layers.meshes.legacyPath);
    expect(existsSync(join(legacy, "8179:0:lod0"))).toBe(true);
    const segInfo = parsePrecomputedInfo(readFileSync(join(ds.dir, "segmentation", "info")));
    expect(segInfo.mesh).toBe("mesh");
    expect(ds.meshes.read(1n, 0).indices.length).toBeGreaterThan(0);
  });

  itShared(SAMPLE, "[NP1] a truncated graph JSON or HDF5 file is refused naming the file", async () => {
    const src = join(tmp.dir, "broken");
    mkdirSync(src);
    for (const f of ["samp1_labels.h5", "samp1_labels_processed.h5", "samp1_synapses.json"])
      symlinkSync(sample("inputs", f), join(src, f));
    const graph = readFileSync(sample("inputs", "samp1_graph_processed.json"));
    writeFileSync(join(src, "samp1_graph_processed.json"), graph.subarray(0, 5000));
    const out = join(tmp.dir, "broken-out");
    const err = await importNeuroproof({ src, out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(join(src, "samp1_graph_processed.json"));
    expect((err as Error).message).toMatch(/not valid JSON/);
    expect(existsSync(out)).toBe(false);

    const h5 = join(tmp.dir, "truncated");
    mkdirSync(h5);
    writeFileSync(
      join(h5, "samp1_labels.h5"),
      readFileSync(sample("inputs", "samp1_labels.h5")).subarray(0, 4096),
    );
    for (const f of ["samp1_labels_processed.h5", "samp1_synapses.json", "samp1_graph_processed.json"])
      symlinkSync(sample("inputs", f), join(h5, f));
    await expect(importNeuroproof({ src: h5, out })).rejects.toThrow(/samp1_labels\.h5/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("importNeuroproof inputs", () => {
  it("[NP1] a missing source folder or input file is an ImportError naming the path and what was expected", async () => {
    const out = join(tmp.dir, "never");
    await expect(importNeuroproof({ src: join(tmp.dir, "nope"), out })).rejects.toThrow(
      new RegExp(`${join(tmp.dir, "nope")}: not a directory \\(expected the NeuroProof sample folder`),
    );
    const empty = join(tmp.dir, "empty");
    mkdirSync(empty);
    const err = await importNeuroproof({ src: empty, out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toContain(join(empty, "samp1_labels.h5"));
    expect((err as Error).message).toMatch(/not found/);
    expect(existsSync(out)).toBe(false);
  });
});
