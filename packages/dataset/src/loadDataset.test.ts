import { copyFileSync, cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "../test/tempDir";
import { generateDataset } from "./generateDataset";
import { loadDataset, proofreadingTruth } from "./loadDataset";
import { scoreProofreading } from "./scoreProofreading";
import { agglomerate } from "./agglomerationErrors";

const tmp = makeTempDir();
const good = join(tmp.dir, "good");

beforeAll(async () => {
  await generateDataset({
    out: good,
    seed: 8,
    neurons: 5,
    size: [48, 48, 32],
    mergeErrorRate: 0.2,
    splitErrorRate: 0.1,
  });
}, 60_000);
afterAll(() => tmp.cleanup());

function broken(name: string, edit: (dir: string) => void): string {
  const dir = join(tmp.dir, name);
  cpSync(good, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe("loadDataset", () => {
  it("[D6] scores the automated agglomeration and the ground truth itself", () => {
    const ds = loadDataset(good);
    const truth = proofreadingTruth(ds);
    const auto = scoreProofreading(
      truth,
      agglomerate(ds.graph.ids.length, ds.graph.edgeA, ds.graph.edgeB, ds.graph.affinity, 0.5),
    );
    expect(auto.falseMerges + auto.falseSplits).toBeGreaterThan(0);
    expect(auto.variationOfInformation.total).toBeGreaterThan(0);
    const perfect = scoreProofreading(truth, ds.groundTruth!.neuronIndexOfSupervoxel);
    expect(perfect).toMatchObject({
      falseMerges: 0,
      falseSplits: 0,
      variationOfInformation: { split: 0, merge: 0, total: 0 },
    });
    expect(perfect.connectome).toMatchObject({ precision: 1, recall: 1 });
    ds.meshes.close();
  });

  it("[D6] names the directory, file or field when a dataset is incomplete or inconsistent", () => {
    expect(() => loadDataset(tmp.dir)).toThrow(/not a Danio dataset \(no danio\.json\)/);
    const noGraph = broken("no-graph", (d) => rmSync(join(d, "graph.bin")));
    expect(() => loadDataset(noGraph)).toThrow(/field "graph\.path" names graph\.bin, which does not exist/);
    const lying = broken("lying", (d) => {
      const m = JSON.parse(readFileSync(join(d, "danio.json"), "utf8"));
      m.synapses.count += 1;
      writeFileSync(join(d, "danio.json"), JSON.stringify(m));
    });
    expect(() => loadDataset(lying)).toThrow(/field "synapses\.count": says \d+, but synapses\.bin has \d+/);
    const swapped = broken("swapped", (d) => copyFileSync(join(d, "synapses.bin"), join(d, "graph.bin")));
    expect(() => loadDataset(swapped)).toThrow(/graph\.bin: not a Danio supervoxel graph file/);
    const old = broken("old", (d) => {
      const m = JSON.parse(readFileSync(join(d, "danio.json"), "utf8"));
      m.version = 0;
      writeFileSync(join(d, "danio.json"), JSON.stringify(m));
    });
    expect(() => loadDataset(old)).toThrow(/manifest version 0 is not supported/);
  });
});
