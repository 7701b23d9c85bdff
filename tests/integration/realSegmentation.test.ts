import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { formatId } from "@danio/core";
import { importNeuroproof, loadDataset } from "@danio/dataset";
import { afterAll, describe, expect, it } from "vitest";
import { type LiveServer, mergeCandidate, startLiveServer } from "./liveServer";

const SHARED =
  process.env.DANIO_SHARED_DATA ?? resolve(new URL("../../../shared/data", import.meta.url).pathname);
const SAMPLE = join(SHARED, "neuroproof-samp1");
const present = existsSync(SAMPLE);
if (!present && process.env.CI === "true")
  throw new Error(`${SAMPLE} is absent (CI=true: the real data must be there)`);

let live: LiveServer | undefined;
afterAll(() => live?.close());

describe.skipIf(!present)(
  `a real segmentation (${present ? "NeuroProof FIB-SEM sample" : `skipped: ${SAMPLE} absent`})`,
  () => {
    it("is imported, served, merged and unmerged, split with several seeds per side, and exported", async () => {
      const out = join(mkdtempSync(join(tmpdir(), "danio-np-")), "np");
      const summary = await importNeuroproof({ src: SAMPLE, out });
      expect(summary).toBeTruthy();
      live = await startLiveServer(out);
      const { tokens, datasetId } = live;
      const info = await (await live.api(`/api/datasets/${datasetId}`, { token: tokens.ana })).json();
      expect(info.supervoxelCount).toBe(8179);
      expect(info.segmentCount).toBe(164); // NeuroProof's own agglomeration of the sample
      const m = await live.membership(tokens.ana);
      const rootOf = (sv: bigint) => m.roots[Array.from(m.supervoxels).indexOf(sv)]!;
      const { a, b, posA, posB } = mergeCandidate(out, rootOf);
      const point = (sv: bigint, position: [number, number, number]) => ({
        supervoxel: formatId(sv),
        position,
      });
      const merge = await live.api(`/api/datasets/${datasetId}/operations`, {
        token: tokens.ana,
        body: { type: "merge", id: "np-merge", points: [point(a, posA), point(b, posB)] },
      });
      expect(merge.status, await merge.clone().text()).toBe(201);
      // Ana undoes her merge, then Ben splits the largest body between its west and east ends.
      const undo = await live.api(`/api/datasets/${datasetId}/operations`, {
        token: tokens.ana,
        body: { type: "undo", id: "np-undo", target: "np-merge" },
      });
      expect(undo.status, await undo.clone().text()).toBe(201);
      const ds = loadDataset(out);
      const sizes = new Map<bigint, number[]>();
      m.roots.forEach((r, i) => {
        if (!sizes.has(r)) sizes.set(r, []);
        sizes.get(r)!.push(i);
      });
      const biggest = [...sizes.values()].sort((x, y) => y.length - x.length)[0]!;
      const px = (i: number) => ds.graph.positions[3 * i]!;
      // Several seeds per side, as a proofreader clicks along a neurite: the 5 westmost and 5 eastmost pieces.
      const byX = [...biggest].sort((i, j) => px(i) - px(j));
      const west = byX.slice(0, 5);
      const east = byX.slice(-5);
      const at = (i: number) =>
        point(m.supervoxels[i]!, [px(i), ds.graph.positions[3 * i + 1]!, ds.graph.positions[3 * i + 2]!]);
      const split = await live.api(`/api/datasets/${datasetId}/operations`, {
        token: tokens.ben,
        body: { type: "split", id: "np-split", sources: west.map(at), sinks: east.map(at) },
      });
      expect(split.status, await split.clone().text()).toBe(201);
      const after = await (await live.api(`/api/datasets/${datasetId}`, { token: tokens.ana })).json();
      expect(after.segmentCount).toBe(165);
      const snap = await live.api(`/api/datasets/${datasetId}/snapshots`, {
        token: tokens.admin,
        body: { neurons: "all" },
      });
      expect(snap.status).toBe(201);
      expect((await snap.json()).manifest.rowCounts.synapses).toBeGreaterThan(0);
    }, 120_000);
  },
);
