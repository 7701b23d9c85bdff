import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatId } from "@danio/core";
import { generateDataset, loadDataset } from "@danio/dataset";
import { connectDataset, type DatasetConnection, decodeMembership } from "@danio/sync";
import WebSocket from "ws";
import { addUser } from "../src/auth/Users";
import { SqliteStore } from "../src/store/SqliteStore";
import { spawnServe } from "../src/testing/spawnServe";

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * `danio bench sync`: a real server process on loopback and N real y-websocket clients (through the
 * @danio/sync wrapper). Measures edit → visible in every other client (p50, p99), operations per second
 * sustained, server memory per connected client, and awareness messages the server receives per cursor move.
 */
export async function benchSync(
  options: { clients?: number[]; edits?: number; onProgress?: (m: string) => void } = {},
) {
  const log = options.onProgress ?? (() => {});
  // Every y-websocket provider in Node adds a process 'exit' listener.
  process.setMaxListeners(0);
  const sizes = options.clients ?? [10, 50];
  const edits = options.edits ?? 40;
  const work = mkdtempSync(join(tmpdir(), "danio-bench-sync-"));
  const dataDir = join(work, "bench");
  log("generating a small dataset");
  await generateDataset({ out: dataDir, seed: 2, neurons: 8, size: [96, 96, 48], name: "bench" });
  const dbPath = join(work, "store.db");
  const store = new SqliteStore(dbPath);
  await store.migrate();
  await addUser(store, "admin", "admin", "admin-password");
  for (let i = 0; i < Math.max(...sizes); i++) await addUser(store, `u${i}`, "annotator", "bench-password");
  await store.close();
  const { url, child } = await spawnServe(
    ["serve", "--data", dataDir, "--store", `sqlite:${dbPath}`, "--port", "0", "--no-viewer"],
    ["--expose-gc"],
  );
  const api = (path: string, token?: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const login = async (name: string, password: string) =>
    ((await (await api("/api/login", undefined, { name, password })).json()) as { token: string }).token;
  const adminToken = await login("admin", "admin-password");
  // Two collections a moment apart: array buffers' backing stores are released after the first.
  const serverBytes = async () => {
    await api("/api/admin/stats?gc=true", adminToken);
    await new Promise((r) => setTimeout(r, 200));
    const { memory: mem } = (await (await api("/api/admin/stats?gc=true", adminToken)).json()) as {
      memory: { heapUsed: number; external: number };
    };
    return mem.heapUsed + mem.external;
  };
  const awarenessReceived = async () =>
    (
      (await (await api("/api/admin/stats", adminToken)).json()) as {
        sync: { received: { awareness: number } };
      }
    ).sync.received.awareness;

  // One mergeable pair; the editor merges it, then alternates undo and redo.
  const editorToken = await login("u0", "bench-password");
  const m = decodeMembership(
    new Uint8Array(await (await api("/api/datasets/bench/membership", editorToken)).arrayBuffer()),
  );
  const ds = loadDataset(dataDir);
  const g = ds.graph;
  let pair: [bigint, bigint] | undefined;
  for (let e = 0; e < g.edgeA.length && !pair; e++) {
    const [i, j] = [g.edgeA[e]!, g.edgeB[e]!];
    if (m.roots[i] !== m.roots[j]) pair = [g.ids[i]!, g.ids[j]!];
  }
  if (!pair) throw new Error("bench dataset has no mergeable pair");
  const pos = (sv: bigint): [number, number, number] => {
    const i = ds.indexOf(sv);
    return [g.positions[3 * i]!, g.positions[3 * i + 1]!, g.positions[3 * i + 2]!];
  };
  let opCounter = 0;
  let merged = false;
  const nextEdit = () => {
    const id = `bench-${opCounter++}`;
    if (!merged) {
      merged = true;
      return {
        type: "merge",
        id,
        points: pair!.map((sv) => ({ supervoxel: formatId(sv), position: pos(sv) })),
      };
    }
    return { type: opCounter % 2 === 0 ? "undo" : "redo", id };
  };

  const results: Record<string, unknown> = {};
  for (const n of sizes) {
    log(`connecting ${n} clients`);
    const tokens = await Promise.all(Array.from({ length: n }, (_, i) => login(`u${i}`, "bench-password")));
    const clients: DatasetConnection[] = tokens.map((token) =>
      connectDataset({
        serverUrl: `${url.replace("http", "ws")}/sync`,
        datasetId: "bench",
        token,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      }),
    );
    await Promise.all(clients.map((c) => c.whenSynced()));
    await new Promise((r) => setTimeout(r, 300));

    // Edit → visible: time from sending the command to each other client's receipt of the op summary.
    const latencies: number[] = [];
    let sentAt = 0;
    let pending = 0;
    let resolveAll: (() => void) | undefined;
    const offs = clients.slice(1).map((c) =>
      c.onOps((summaries) => {
        for (const _ of summaries) {
          latencies.push(performance.now() - sentAt);
          pending -= 1;
          if (pending === 0) resolveAll?.();
        }
      }),
    );
    log(`${n} clients: ${edits} edits`);
    for (let k = 0; k < edits; k++) {
      pending = clients.length - 1;
      const seen = new Promise<void>((r) => {
        resolveAll = r;
      });
      sentAt = performance.now();
      const r = await api("/api/datasets/bench/operations", editorToken, nextEdit());
      if (r.status !== 201) throw new Error(`edit refused: ${r.status} ${await r.text()}`);
      await seen;
    }
    for (const off of offs) off();
    latencies.sort((a, b) => a - b);

    // Sustained operations per second: sequential commands for ~3 s, each acknowledged before the next.
    log(`${n} clients: sustained throughput`);
    const t0 = performance.now();
    let done = 0;
    while (performance.now() - t0 < 3000) {
      const r = await api("/api/datasets/bench/operations", editorToken, nextEdit());
      if (r.status !== 201) throw new Error(`edit refused: ${r.status} ${await r.text()}`);
      done++;
    }
    const opsPerSecond = done / ((performance.now() - t0) / 1000);

    // Awareness: messages the server receives per cursor move of one client.
    const moves = 20;
    const before = await awarenessReceived();
    for (let k = 0; k < moves; k++) {
      clients[0]!.setPresence({ cursor: { position: [k, k, k] } });
      await new Promise((r) => setTimeout(r, 15));
    }
    await new Promise((r) => setTimeout(r, 300));
    const awarenessPerMove = ((await awarenessReceived()) - before) / moves;

    results[`clients${n}`] = {
      editVisibleMs: {
        p50: quantile(latencies, 0.5),
        p99: quantile(latencies, 0.99),
        samples: latencies.length,
      },
      opsPerSecond,
      serverHeapBytesPerClient: 0,
      awarenessMessagesPerCursorMove: awarenessPerMove,
    };
    // Server memory per client: heap + external with the clients connected, minus the same right after they
    // disconnect (everything else equal), after a full collection each time.
    const withClients = await serverBytes();
    for (const c of clients) c.destroy();
    await new Promise((r) => setTimeout(r, 500));
    const withoutClients = await serverBytes();
    (results[`clients${n}`] as { serverHeapBytesPerClient: number }).serverHeapBytesPerClient =
      (withClients - withoutClients) / n;
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill("SIGTERM");
  return results;
}
