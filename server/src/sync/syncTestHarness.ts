/**
 * Test harness for the sync server: a real http server on port 0 with the sync server on its 'upgrade'
 * event, users with tokens, and real y-websocket clients (raw, or through connectDataset).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  connectDataset,
  type DatasetConnection,
  type Refusal,
  roomForDataset,
  type WebSocketConstructor,
} from "@danio/sync";
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { createSyncServer, type SyncServer, type SyncServerOptions } from "./createSyncServer";
import { MemorySyncPersistence } from "./MemorySyncPersistence";
import type { SyncIdentity, SyncLogEntry } from "./syncTypes";

export const WS = WebSocket as unknown as WebSocketConstructor;

export const USERS = {
  admin: { id: "u-admin", name: "Ada Admin", role: "admin", colour: "#e6194b" },
  reviewer: { id: "u-rev", name: "Rita Reviewer", role: "reviewer", colour: "#3cb44b" },
  annotator: { id: "u-ann", name: "Anna Annotator", role: "annotator", colour: "#4363d8" },
  annotator2: { id: "u-ann2", name: "Otto Annotator", role: "annotator", colour: "#f58231" },
  viewer: { id: "u-view", name: "Vera Viewer", role: "viewer", colour: "#911eb4" },
} as const satisfies Record<string, SyncIdentity>;
export type UserKey = keyof typeof USERS;

/** The token of a user is `token-<key>`. */
export const tokenOf = (user: UserKey) => `token-${user}`;

export interface TestSyncServer {
  server: SyncServer;
  http: Server;
  /** `ws://127.0.0.1:<port>/sync` */
  url: string;
  port: number;
  persistence: MemorySyncPersistence;
  logs: SyncLogEntry[];
  close(): Promise<void>;
}

export async function startTestSyncServer(
  options: Partial<SyncServerOptions> & { persistence?: MemorySyncPersistence } = {},
): Promise<TestSyncServer> {
  const persistence = options.persistence ?? new MemorySyncPersistence();
  const logs: SyncLogEntry[] = [];
  const server = createSyncServer({
    authenticate: async (token) =>
      Object.entries(USERS).find(([key]) => tokenOf(key as UserKey) === token)?.[1],
    onLog: (entry) => logs.push(entry),
    idleUnloadMs: 60_000,
    ...options,
    persistence,
  });
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  http.on("upgrade", (req, socket, head) => server.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    server,
    http,
    port,
    url: `ws://127.0.0.1:${port}/sync`,
    persistence,
    logs,
    async close() {
      await server.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface RawClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: { code: number; reason: string }[];
  destroy(): void;
}

/** A plain y-websocket client, exactly as y-websocket 3.1.0 behaves (no wrapper). */
export function rawClient(url: string, datasetId: string, token: string): RawClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, roomForDataset(datasetId), doc, {
    WebSocketPolyfill: WS,
    disableBc: true,
    params: { token },
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on("connection-close", (event) => {
    if (event !== null) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export interface WrappedClient {
  connection: DatasetConnection;
  refusals: Refusal[];
}

/** A client through connectDataset. */
export function wrappedClient(url: string, datasetId: string, user: UserKey): WrappedClient {
  const refusals: Refusal[] = [];
  const connection = connectDataset({
    serverUrl: url,
    datasetId,
    token: tokenOf(user),
    WebSocketPolyfill: WS,
    onRefused: (r) => refusals.push(r),
    refusalBackoffMs: 20,
  });
  return { connection, refusals };
}

/** Polls `condition` every 5 ms; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** JSON of a document's three top-level types, for comparing documents. */
export function docJson(doc: Y.Doc): unknown {
  return {
    ops: doc.getArray("ops").toJSON(),
    neurons: doc.getMap("neurons").toJSON(),
    annotations: doc.getMap("annotations").toJSON(),
  };
}

export interface RawSocket {
  ws: WebSocket;
  /** Every binary message received, in order. */
  messages: Uint8Array[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves when the socket is open. */
  opened: Promise<void>;
}

/** A bare `ws` socket speaking bytes, for malformed and crafted messages. */
export function rawSocket(url: string, datasetId: string, token: string, path?: string): RawSocket {
  const ws = new WebSocket(`${url}/${path ?? roomForDataset(datasetId)}?token=${encodeURIComponent(token)}`);
  const messages: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", () => {});
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.on("open", () => resolve());
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  opened.catch(() => {});
  return { ws, messages, closed, opened };
}

/** The awareness states carried by the awareness messages among `messages`, latest per client id. */
export function awarenessStatesIn(messages: readonly Uint8Array[]): Map<number, unknown> {
  const states = new Map<number, unknown>();
  for (const m of messages) {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== 1) continue;
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    for (let i = 0; i < n; i++) {
      const client = decoding.readVarUint(u);
      decoding.readVarUint(u);
      states.set(client, JSON.parse(decoding.readVarString(u)));
    }
  }
  return states;
}
