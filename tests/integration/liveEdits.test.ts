import { formatId } from "@danio/core";
import { SegmentMapping } from "@danio/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./until";
import { type LiveServer, mergeCandidate, startLiveServer } from "./liveServer";

let live: LiveServer;

beforeAll(async () => {
  live = await startLiveServer();
}, 60_000);
afterAll(() => live?.close());

describe("live edits: commands over HTTP, state through Yjs", () => {
  it("a merge and a split sent over HTTP reach a second client's document and its segment mapping", async () => {
    const { tokens, datasetId } = live;
    const ana = live.connect(tokens.ana);
    const ben = live.connect(tokens.ben);
    await Promise.all([ana.whenSynced(), ben.whenSynced()]);

    // Ben's view: the membership over HTTP, then op summaries through the document.
    const m = await live.membership(tokens.ben);
    const mapping = new SegmentMapping(
      Array.from(m.supervoxels, (sv, i) => [formatId(sv), formatId(m.roots[i]!)] as const),
      m.seq,
    );
    ben.onOps((summaries) => mapping.apply(summaries));
    const rootOf = (sv: bigint) => BigInt(mapping.rootOf(formatId(sv))!);
    const { a, b, posA, posB } = mergeCandidate(live.dataDir, rootOf);
    const [rootA, rootB] = [rootOf(a), rootOf(b)];

    const merge = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ana,
      body: {
        type: "merge",
        id: "merge-1",
        points: [
          { supervoxel: formatId(a), position: posA, root: formatId(rootA) },
          { supervoxel: formatId(b), position: posB, root: formatId(rootB) },
        ],
      },
    });
    expect(merge.status).toBe(201);
    const op = (await merge.json()).operation;
    expect(op.oldRoots.sort()).toEqual([formatId(rootA), formatId(rootB)].sort());
    await until(() => mapping.lastSeq === 1, "ben's mapping to apply the merge");
    expect(rootOf(a)).toBe(rootOf(b));
    expect(formatId(rootOf(a))).toBe(op.newRoots[0]);
    expect(ben.ops().map((s) => s.id)).toEqual(["merge-1"]);

    // The same merge again, with the roots Ana saw before: stale, refused, nothing changes.
    const stale = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ana,
      body: {
        type: "merge",
        id: "merge-2",
        points: [
          { supervoxel: formatId(a), position: posA, root: formatId(rootA) },
          { supervoxel: formatId(b), position: posB, root: formatId(rootB) },
        ],
      },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.code).toBe("root.stale");

    // Ben previews and then splits the merged segment apart again.
    const merged = formatId(rootOf(a));
    const seeds = {
      sources: [{ supervoxel: formatId(a), position: posA, root: merged }],
      sinks: [{ supervoxel: formatId(b), position: posB, root: merged }],
    };
    const preview = await live.api(`/api/datasets/${datasetId}/split-preview`, {
      token: tokens.ben,
      body: seeds,
    });
    expect(preview.status).toBe(200);
    const p = await preview.json();
    expect(p.sources).toContain(formatId(a));
    expect(p.sinks).toContain(formatId(b));
    expect(p.cutEdges.length).toBeGreaterThan(0);
    const split = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ben,
      body: { type: "split", id: "split-1", ...seeds },
    });
    expect(split.status).toBe(201);
    await until(() => ana.ops().length === 2, "ana's document to hold the split");
    await until(() => mapping.lastSeq === 2, "ben's mapping to apply the split");
    expect(rootOf(a)).not.toBe(rootOf(b));
    for (const sv of p.sources) expect(mapping.rootOf(sv)).toBe(formatId(rootOf(a)));
    for (const sv of p.sinks) expect(mapping.rootOf(sv)).toBe(formatId(rootOf(b)));

    // The HTTP membership agrees with the mapping built from the op summaries.
    const after = await live.membership(tokens.ana);
    expect(after.seq).toBe(2);
    after.supervoxels.forEach((sv, i) => {
      expect(mapping.rootOf(formatId(sv))).toBe(formatId(after.roots[i]!));
    });
    // Time travel: at seq 0 the supervoxels have their original roots.
    const at0 = await live.api(`/api/datasets/${datasetId}/supervoxels/${formatId(a)}/root?at=0`, {
      token: tokens.vic,
    });
    expect((await at0.json()).root).toBe(formatId(rootA));
  });

  it("a viewer's forced edit is refused and nothing changes", async () => {
    const { tokens, datasetId } = live;
    const before = await live.api(`/api/datasets/${datasetId}`, { token: tokens.vic });
    const seq = (await before.json()).seq;
    const r = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.vic,
      body: { type: "undo", id: "vic-undo" },
    });
    expect(r.status).toBe(403);
    expect((await r.json()).error.message).toMatch(/vic is viewer/);
    expect((await (await live.api(`/api/datasets/${datasetId}`, { token: tokens.vic })).json()).seq).toBe(
      seq,
    );
  });

  it("undo and redo of one's own operation, with history paging", async () => {
    const { tokens, datasetId } = live;
    const undo = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ben,
      body: { type: "undo", id: "u-1" },
    });
    expect(undo.status).toBe(201);
    expect((await undo.json()).operation.target).toBe("split-1");
    const redo = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ben,
      body: { type: "redo", id: "r-1" },
    });
    expect(redo.status).toBe(201);
    const page1 = await (
      await live.api(`/api/datasets/${datasetId}/operations?limit=2`, { token: tokens.vic })
    ).json();
    expect(page1.operations.map((o: { id: string }) => o.id)).toEqual(["merge-1", "split-1"]);
    expect(page1.next).toBe(2);
    const page2 = await (
      await live.api(`/api/datasets/${datasetId}/operations?after=2`, { token: tokens.vic })
    ).json();
    expect(page2.operations.map((o: { id: string }) => o.id)).toEqual(["u-1", "r-1"]);
    expect(page2.next).toBeNull();
    const dup = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ben,
      body: { type: "undo", id: "u-1" },
    });
    expect(dup.status).toBe(409);
  });

  it("bad bodies, unknown ids and unknown datasets get errors naming the problem; the server keeps serving", async () => {
    const { tokens, datasetId } = live;
    const bad = await live.api(`/api/datasets/${datasetId}/operations`, {
      token: tokens.ana,
      body: { type: "merge", id: "m", points: [{ supervoxel: "12" }] },
    });
    expect(bad.status).toBe(400);
    const unknown = await live.api(`/api/datasets/${datasetId}/supervoxels/999999999/root`, {
      token: tokens.ana,
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/supervoxel 999999999 is not in this dataset/);
    expect((await live.api("/api/datasets/nope", { token: tokens.ana })).status).toBe(404);
    expect((await live.api(`/api/datasets/${datasetId}`, { token: tokens.ana })).status).toBe(200);
  });
});
