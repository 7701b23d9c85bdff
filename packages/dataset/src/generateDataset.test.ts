import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  COMPARTMENT_AXON,
  COMPARTMENT_DENDRITE,
  COMPARTMENT_SOMA,
  decodeLegacyMeshFragment,
  parseLegacyMeshManifest,
  parsePrecomputedInfo,
} from "@danio/formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../test/tempDir";
import { type GenerateProgress, type GenerateSummary, generateDataset } from "./generateDataset";
import { type LoadedDataset, loadDataset } from "./loadDataset";
import { readPrecomputedVolume } from "./precomputedVolume";

const SMALL = {
  neurons: 6,
  size: [64, 64, 32] as [number, number, number],
  mergeErrorRate: 0.1,
  splitErrorRate: 0.05,
};
const tmp = makeTempDir();
const dirA = join(tmp.dir, "a");
const dirB = join(tmp.dir, "b");
const dirC = join(tmp.dir, "c");
let summary: GenerateSummary;
const progress: GenerateProgress[] = [];
let ds: LoadedDataset;
let seg: BigUint64Array;
let image: Uint8Array;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  summary = await generateDataset({ out: dirA, seed: 5, ...SMALL }, (p) => progress.push(p));
  await generateDataset({ out: dirB, seed: 5, ...SMALL });
  await generateDataset({ out: dirC, seed: 6, ...SMALL });
  ds = loadDataset(dirA);
  seg = readPrecomputedVolume(join(dirA, "segmentation")).data as BigUint64Array;
  image = readPrecomputedVolume(join(dirA, "image")).data as Uint8Array;
}, 120_000);

afterAll(() => {
  ds?.meshes.close();
  tmp.cleanup();
});

const voxel = (x: number, y: number, z: number) => x + 64 * (y + 64 * z);
const voxelAt = (nm: Float32Array, i: number) =>
  voxel(Math.floor(nm[3 * i]! / 32), Math.floor(nm[3 * i + 1]! / 32), Math.floor(nm[3 * i + 2]! / 32));

describe("generateDataset", () => {
  it("[G10] writes a byte-identical dataset for the same seed, and a different one for another seed", () => {
    const files = listFiles(dirA);
    expect(files).toEqual(listFiles(dirB));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files)
      expect(readFileSync(join(dirA, f)).equals(readFileSync(join(dirB, f))), f).toBe(true);
    expect(readFileSync(join(dirA, "graph.bin")).equals(readFileSync(join(dirC, "graph.bin")))).toBe(false);
  });

  it("[D1] lays the dataset out as the manifest says, with Neuroglancer precomputed image and segmentation", () => {
    const m = ds.manifest;
    expect(m.version).toBe(1);
    expect(m.bounds).toEqual({ min: [0, 0, 0], max: [64, 64, 32] });
    for (const p of [
      m.graph.path,
      m.synapses.path,
      m.groundTruth!.path,
      m.layers.meshes.index,
      m.layers.meshes.data,
    ]) {
      expect(existsSync(join(dirA, p)), p).toBe(true);
    }
    const imgInfo = parsePrecomputedInfo(readFileSync(join(dirA, m.layers.image.path, "info")));
    expect(imgInfo).toMatchObject({ type: "image", dataType: "uint8" });
    expect(imgInfo.scales[0]).toMatchObject({ encoding: "raw", size: [64, 64, 32], resolution: m.voxelSize });
    const segInfo = parsePrecomputedInfo(readFileSync(join(dirA, m.layers.segmentation.path, "info")));
    expect(segInfo).toMatchObject({ type: "segmentation", dataType: "uint64", mesh: "mesh" });
    expect(segInfo.scales[0]).toMatchObject({
      encoding: "compressed_segmentation",
      compressedSegmentationBlockSize: [8, 8, 8],
    });
    expect(join(m.layers.segmentation.path, segInfo.mesh!)).toBe(m.layers.meshes.legacyPath);
    expect(readdirSync(join(dirA, ".."))).not.toContain(expect.stringMatching(/partial/));
  });

  it("[D6] loads the graph, synapses and ground truth as typed arrays that agree with the manifest", () => {
    const n = ds.graph.ids.length;
    expect(n).toBe(summary.supervoxels);
    expect(ds.graph.ids).toBeInstanceOf(BigUint64Array);
    expect(ds.graph.affinity).toBeInstanceOf(Float32Array);
    expect(ds.graph.edgeA.length).toBe(ds.manifest.graph.edgeCount);
    expect(ds.synapses.ids.length).toBe(summary.synapses);
    expect(ds.synapses.preIndex.every((i, k) => ds.graph.ids[i] === ds.synapses.preSupervoxel[k])).toBe(true);
    expect(ds.groundTruth!.neuronIds.length).toBe(6);
    expect(ds.indexOf(ds.graph.ids[3]!)).toBe(3);
    expect(ds.indexOf(12345n)).toBe(-1);
    // Ids are uint64 beyond 2^32, as in real data, and say nothing about neurons (random order).
    expect(ds.graph.ids[0]! > 2n ** 32n).toBe(true);
  });

  it("[G2] over-segments every neuron into connected supervoxels that the segmentation volume holds", () => {
    const n = ds.graph.ids.length;
    const count = new Uint32Array(n);
    const dense = new Int32Array(seg.length).fill(-1);
    for (let v = 0; v < seg.length; v++) {
      if (seg[v] === 0n) continue;
      const i = ds.indexOf(seg[v]!);
      expect(i).toBeGreaterThanOrEqual(0);
      dense[v] = i;
      count[i]!++;
    }
    expect(Array.from(count)).toEqual(Array.from(ds.graph.voxelCounts));
    // 6-connected: a flood fill from each supervoxel's representative position reaches all its voxels.
    const seen = new Uint8Array(seg.length);
    for (let i = 0; i < n; i++) {
      const start = voxelAt(ds.graph.positions, i);
      expect(dense[start], `representative of supervoxel ${i} lies inside it`).toBe(i);
      let reached = 0;
      const stack = [start];
      seen[start] = 1;
      while (stack.length > 0) {
        const v = stack.pop()!;
        reached++;
        const x = v % 64;
        const y = Math.floor(v / 64) % 64;
        const z = Math.floor(v / 4096);
        for (const [dx, dy, dz] of [
          [1, 0, 0],
          [-1, 0, 0],
          [0, 1, 0],
          [0, -1, 0],
          [0, 0, 1],
          [0, 0, -1],
        ]) {
          const [a, b, c] = [x + dx!, y + dy!, z + dz!];
          if (a < 0 || b < 0 || c < 0 || a >= 64 || b >= 64 || c >= 32) continue;
          const w = voxel(a, b, c);
          if (!seen[w] && dense[w] === i) {
            seen[w] = 1;
            stack.push(w);
          }
        }
      }
      expect(reached, `supervoxel ${i} is one connected piece`).toBe(count[i]);
    }
    const perNeuron = new Map<bigint, number>();
    for (const nid of ds.groundTruth!.neuronOfSupervoxel) perNeuron.set(nid, (perNeuron.get(nid) ?? 0) + 1);
    for (const [nid, c] of perNeuron) expect(c, `supervoxels of neuron ${nid}`).toBeGreaterThanOrEqual(5);
  });

  it("[G7] places synapses at axon–dendrite contacts between different neurons, inside their supervoxels", () => {
    const gt = ds.groundTruth!;
    expect(ds.synapses.ids.length).toBeGreaterThan(5);
    for (let k = 0; k < ds.synapses.ids.length; k++) {
      const pre = ds.synapses.preIndex[k]!;
      const post = ds.synapses.postIndex[k]!;
      expect(gt.compartment[pre]).toBe(COMPARTMENT_AXON);
      expect([COMPARTMENT_DENDRITE, COMPARTMENT_SOMA]).toContain(gt.compartment[post]);
      expect(gt.neuronOfSupervoxel[pre]).not.toBe(gt.neuronOfSupervoxel[post]);
      expect(seg[voxelAt(ds.synapses.prePosition, k)]).toBe(ds.synapses.preSupervoxel[k]);
      expect(seg[voxelAt(ds.synapses.postPosition, k)]).toBe(ds.synapses.postSupervoxel[k]);
      const d = Math.hypot(
        ...[0, 1, 2].map((c) => ds.synapses.prePosition[3 * k + c]! - ds.synapses.postPosition[3 * k + c]!),
      );
      expect(d).toBeLessThanOrEqual(3 * 32 + 1e-3);
    }
  });

  it("[G9] stores the true connectome: synapses counted per (pre neuron, post neuron)", () => {
    const gt = ds.groundTruth!;
    const counts = new Map<string, number>();
    for (let k = 0; k < ds.synapses.ids.length; k++) {
      const key = `${gt.neuronOfSupervoxel[ds.synapses.preIndex[k]!]}>${gt.neuronOfSupervoxel[ds.synapses.postIndex[k]!]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const stored = new Map<string, number>();
    for (let e = 0; e < gt.edgePre.length; e++)
      stored.set(`${gt.edgePre[e]}>${gt.edgePost[e]}`, gt.edgeSynapses[e]!);
    expect(stored).toEqual(counts);
    expect(ds.manifest.groundTruth!.connectomeEdgeCount).toBe(gt.edgePre.length);
  });

  it("[G8] draws an EM-like image: membranes darker than cytoplasm, with texture and noise", () => {
    const gt = ds.groundTruth!;
    const neuronAt = (v: number) => (seg[v] === 0n ? 0n : gt.neuronOfSupervoxel[ds.indexOf(seg[v]!)]!);
    let mem = 0;
    let memN = 0;
    let cyto = 0;
    let cytoN = 0;
    const cytoValues: number[] = [];
    for (let z = 2; z < 30; z++) {
      for (let y = 2; y < 62; y++) {
        for (let x = 2; x < 62; x++) {
          const v = voxel(x, y, z);
          const n = neuronAt(v);
          if (n === 0n) continue;
          const nb = [
            voxel(x + 1, y, z),
            voxel(x - 1, y, z),
            voxel(x, y + 1, z),
            voxel(x, y - 1, z),
            voxel(x, y, z + 1),
            voxel(x, y, z - 1),
          ];
          const boundary = nb.some((w) => neuronAt(w) !== n);
          const deep =
            !boundary &&
            [voxel(x + 2, y, z), voxel(x - 2, y, z), voxel(x, y + 2, z), voxel(x, y - 2, z)].every(
              (w) => neuronAt(w) === n,
            );
          if (boundary) {
            mem += image[v]!;
            memN++;
          } else if (deep) {
            cyto += image[v]!;
            cytoN++;
            cytoValues.push(image[v]!);
          }
        }
      }
    }
    expect(memN).toBeGreaterThan(100);
    expect(cytoN).toBeGreaterThan(100);
    expect(cyto / cytoN - mem / memN).toBeGreaterThan(40);
    const mean = cyto / cytoN;
    const sd = Math.sqrt(cytoValues.reduce((s, v) => s + (v - mean) ** 2, 0) / cytoN);
    expect(sd).toBeGreaterThan(4); // textured and noisy, not flat
  });

  it("[MESH5] writes each supervoxel's finest LOD also as a Neuroglancer legacy mesh equal to the Danio fragment", () => {
    const legacy = join(dirA, ds.manifest.layers.meshes.legacyPath);
    expect(JSON.parse(readFileSync(join(legacy, "info"), "utf8"))).toEqual({
      "@type": "neuroglancer_legacy_mesh",
    });
    expect(Array.from(ds.meshes.index.ids)).toEqual(Array.from(ds.graph.ids));
    for (let i = 0; i < ds.graph.ids.length; i += 7) {
      const id = ds.graph.ids[i]!;
      const manifest = parseLegacyMeshManifest(readFileSync(join(legacy, `${id}:0`)));
      expect(manifest.fragments).toHaveLength(1);
      const fromLegacy = decodeLegacyMeshFragment(
        new Uint8Array(readFileSync(join(legacy, manifest.fragments[0]!))),
      );
      const fromDanio = ds.meshes.read(id, 0);
      expect(fromLegacy.indices).toEqual(fromDanio.indices);
      expect(fromLegacy.positions).toEqual(fromDanio.positions);
      for (let l = 1; l < ds.meshes.lodCount; l++)
        expect(ds.meshes.read(id, l).indices.length).toBeLessThanOrEqual(fromDanio.indices.length);
    }
  });

  it("[MESH5] lays the fragment data out as one contiguous block per LOD, coarsest first", () => {
    const { offsets, lengths, lodCount: L, ids } = ds.meshes.index;
    let end = 0;
    for (let l = L - 1; l >= 0; l--) {
      for (let i = 0; i < ids.length; i++) {
        expect(offsets[i * L + l]).toBe(end);
        end += lengths[i * L + l]!;
      }
    }
  });

  it("shows progress from 0 to 1 through every stage", () => {
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]!))).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(new Set(progress.map((p) => p.stage))).toEqual(
      new Set(["grow", "rasterize", "supervoxels", "graph", "synapses", "image", "mesh", "write"]),
    );
  });

  it("[D7] refuses to overwrite an existing directory unless asked, leaving it untouched", async () => {
    const marker = join(dirC, "graph.bin");
    const before = readFileSync(marker);
    await expect(generateDataset({ out: dirC, seed: 9, ...SMALL })).rejects.toThrow(/already exists/);
    expect(readFileSync(marker).equals(before)).toBe(true);
    writeFileSync(join(dirC, "stray.txt"), "x");
    await generateDataset({ out: dirC, seed: 6, ...SMALL, overwrite: true });
    expect(existsSync(join(dirC, "stray.txt"))).toBe(false);
    expect(readFileSync(marker).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir).sort()).toEqual(["a", "b", "c"]);
  }, 60_000);

  it("[G1] refuses bad options with the option's name", async () => {
    await expect(generateDataset({ out: join(tmp.dir, "x"), neurons: 0 })).rejects.toThrow(
      /neurons: expected an integer from 1 to 5000, got 0/,
    );
    await expect(generateDataset({ out: join(tmp.dir, "x"), size: [8, 64, 64] })).rejects.toThrow(
      /size: expected three integers from 16 to 2048/,
    );
    await expect(generateDataset({ out: join(tmp.dir, "x"), mergeErrorRate: 1.5 })).rejects.toThrow(
      /mergeErrorRate: expected a rate from 0 to 1, got 1.5/,
    );
    expect(existsSync(join(tmp.dir, "x"))).toBe(false);
  });
});
