import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDelimited, readConnectomeCsr } from "@danio/formats";
import { setNeuronStatus, upsertNeuron } from "@danio/sync";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "./until";
import { type LiveServer, startLiveServer } from "./liveServer";

let live: LiveServer;
const repo = new URL("../../", import.meta.url).pathname;

beforeAll(async () => {
  live = await startLiveServer();
}, 60_000);
afterAll(() => live?.close());

describe("materialization snapshots", () => {
  it("[X7] an admin snapshots the approved neurons; it is immutable, downloadable, verified by its manifest and read back in every format", async () => {
    const { tokens, datasetId, api } = live;
    // A reviewer approves two neurons through the shared document.
    const rita = live.connect(tokens.rita);
    await rita.whenSynced();
    const m = await live.membership(tokens.rita);
    const roots = [...new Set(Array.from(m.roots, String))];
    const anchors = roots
      .slice(0, 2)
      .map((root) => String(m.supervoxels[Array.from(m.roots, String).indexOf(root)]));
    const me = (await (await api("/api/me", { token: tokens.rita })).json()).user;
    anchors.forEach((sv, k) => {
      upsertNeuron(
        rita.doc,
        `n${k}`,
        { anchor: { supervoxel: sv, position: [0, 0, 0] }, cellType: `T${k}` },
        me,
      );
      setNeuronStatus(rita.doc, `n${k}`, "approved", me);
    });
    const doc = await live.server.sync.getDoc(datasetId);
    await until(() => doc.getMap("neurons").size === 2, "the server to hold the approved records");

    const url = `/api/datasets/${datasetId}/snapshots`;
    expect((await api(url, { token: tokens.ana, body: {} })).status).toBe(403);
    const created = await api(url, { token: tokens.admin, body: { neurons: "approved" } });
    expect(created.status).toBe(201);
    const snap = await created.json();
    expect(snap.id).toBe("seq0-approved");
    expect(snap.manifest.rowCounts.neurons).toBe(2);
    const again = await (await api(url, { token: tokens.admin, body: { neurons: "approved" } })).json();
    expect(again.created).toBe(false);
    expect(again.manifest).toEqual(snap.manifest);
    const list = await (await api(url, { token: tokens.vic })).json();
    expect(list.snapshots.map((s: { id: string }) => s.id)).toEqual(["seq0-approved"]);

    // Every file downloads with the sha256 its manifest names.
    const files = new Map<string, Uint8Array>();
    for (const f of snap.manifest.files as { path: string; sha256: string }[]) {
      const r = await api(`${url}/${snap.id}/files/${f.path}`, { token: tokens.vic });
      expect(r.status).toBe(200);
      const bytes = new Uint8Array(await r.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(f.sha256);
      files.set(f.path, bytes);
    }
    const text = (p: string) => new TextDecoder().decode(files.get(p)!);
    // Rows after the header line.
    const csv = (p: string) => ({ rows: parseDelimited(text(p)).rows.slice(1) });
    const synCsv = csv("synapses.csv");
    const edgeCsv = csv("edges.csv");
    expect(synCsv.rows.length).toBe(snap.manifest.rowCounts.synapses);
    // Only synapses between the two approved neurons, and the edge weights add up to them.
    const rootsCsv = new Set(csv("neurons.csv").rows.map((r) => r[0]));
    for (const r of synCsv.rows) {
      expect(rootsCsv.has(r[3]!)).toBe(true);
      expect(rootsCsv.has(r[4]!)).toBe(true);
    }
    const syncount = edgeCsv.rows.reduce((a, r) => a + Number(r[2]), 0);
    expect(syncount).toBe(synCsv.rows.length);
    // Parquet, read by an independent reader, holds the same synapse ids in the same order.
    const pq = files.get("synapses.parquet")!;
    const rows = (await parquetReadObjects({
      file: pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.byteLength) as ArrayBuffer,
    })) as { synapse_id: bigint }[];
    expect(rows.map((r) => String(r.synapse_id))).toEqual(synCsv.rows.map((r) => r[0]));
    // JSON and the CSR agree with the CSV.
    expect(JSON.parse(text("edges.json")).length).toBe(edgeCsv.rows.length);
    const csr = readConnectomeCsr(files.get("connectome.csr")!);
    expect(csr.weights.reduce((a, b) => a + b, 0)).toBe(syncount);
    expect(csr.nodeIds.length).toBe(2);
    expect((text("connectome.graphml").match(/<edge /g) ?? []).length).toBe(edgeCsv.rows.length);

    // danio export, without the server, on the same store and dataset: byte-identical files.
    const out = join(mkdtempSync(join(tmpdir(), "danio-export-")), "snap");
    const r = spawnSync(
      "node",
      [
        "--import",
        "tsx",
        "server/src/cli/main.ts",
        "export",
        "--data",
        live.dataDir,
        "--store",
        `sqlite:${live.store.path}`,
        "--out",
        out,
      ],
      { cwd: repo, encoding: "utf8" },
    );
    expect(r.stderr + r.stdout).toContain("wrote");
    expect(r.status).toBe(0);
    for (const [path, bytes] of files)
      expect(readFileSync(join(out, path)), path).toEqual(Buffer.from(bytes));
  });

  it("refuses a sequence number beyond the log, naming the range", async () => {
    const { tokens, datasetId, api } = live;
    const future = await api(`/api/datasets/${datasetId}/snapshots`, {
      token: tokens.admin,
      body: { at: 99 },
    });
    expect(future.status).toBe(409);
    expect((await future.json()).error.message).toMatch(/at: expected a sequence number from 0 to/);
  });
});
