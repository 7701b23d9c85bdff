import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDataset } from "@danio/dataset";
import { addUser, type RunningServer, SqliteStore, startServer } from "@danio/server";
import { connectDataset, type DatasetConnection, decodeMembership } from "@danio/sync";
import WebSocket from "ws";

/** A small generated dataset served by a real server on port 0, with one user per role. */
export interface LiveServer {
  server: RunningServer;
  store: SqliteStore;
  snapshotsDir: string;
  dataDir: string;
  datasetId: string;
  tokens: Record<"admin" | "rita" | "ana" | "ben" | "vic", string>;
  api(path: string, init?: { method?: string; token?: string; body?: unknown }): Promise<Response>;
  connect(token: string): DatasetConnection;
  membership(token: string): Promise<ReturnType<typeof decodeMembership>>;
  close(): Promise<void>;
}

export async function generateSmallDataset(seed = 3): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), "danio-it-")), "small");
  await generateDataset({ out: dir, seed, neurons: 6, size: [64, 64, 48], name: "small" });
  return dir;
}

export async function startLiveServer(dataDir?: string): Promise<LiveServer> {
  const dir = dataDir ?? (await generateSmallDataset());
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "danio-it-store-")), "s.db"));
  await store.migrate();
  const users = [
    ["admin", "admin"],
    ["rita", "reviewer"],
    ["ana", "annotator"],
    ["ben", "annotator"],
    ["vic", "viewer"],
  ] as const;
  for (const [name, role] of users) await addUser(store, name, role, `${name}-password`);
  const snapshotsDir = join(mkdtempSync(join(tmpdir(), "danio-it-snap-")), "snapshots");
  const server = await startServer({ store, dataDir: dir, snapshotsDir });
  const api: LiveServer["api"] = (path, init = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  const tokens = {} as LiveServer["tokens"];
  for (const [name] of users) {
    const r = await api("/api/login", { body: { name, password: `${name}-password` } });
    tokens[name] = (await r.json()).token;
  }
  const datasetId = (await server.datasets.list())[0]!.id;
  const connections: DatasetConnection[] = [];
  return {
    server,
    store,
    snapshotsDir,
    dataDir: dir,
    datasetId,
    tokens,
    api,
    connect(token) {
      const c = connectDataset({
        serverUrl: `${server.url.replace("http", "ws")}/sync`,
        datasetId,
        token,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      });
      connections.push(c);
      return c;
    },
    async membership(token) {
      const r = await api(`/api/datasets/${datasetId}/membership`, { token });
      return decodeMembership(new Uint8Array(await r.arrayBuffer()));
    },
    async close() {
      for (const c of connections) c.destroy();
      await server.close();
      await store.close();
    },
  };
}

export { mergeCandidate } from "@danio/server";
