/**
 * The WebSocket sync server (SPEC rules S1–S13): the y-websocket protocol written on y-protocols and ws,
 * one room per dataset, every client update validated before it is applied, presence stamped with the
 * authenticated identity, documents persisted as appended updates with periodic compaction.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import {
  CloseCode,
  closeReason,
  datasetOfRoom,
  MAX_MESSAGE_BYTES,
  type OpSummary,
  SYNC_PATH,
  TOKEN_PARAM,
} from "@danio/sync";
import { type WebSocket, WebSocketServer } from "ws";
import type * as Y from "yjs";
import { type RoomConnection, SyncRoom } from "./SyncRoom";
import type { Authenticate, SyncIdentity, SyncLogEntry, SyncPersistence } from "./syncTypes";

export interface SyncServerOptions {
  authenticate: Authenticate;
  persistence: SyncPersistence;
  onLog?: (entry: SyncLogEntry) => void;
  /** When given, sockets for datasets it denies are closed with 4404 before any data is sent. */
  datasetExists?: (datasetId: string) => boolean | Promise<boolean>;
  /** Stored updates per room before they are compacted into one snapshot (default 200). */
  compactEvery?: number;
  /** Largest accepted message in bytes (default MAX_MESSAGE_BYTES = 1 MiB); larger ones close with 1009. */
  maxMessageBytes?: number;
  /** Milliseconds a room stays loaded after its last connection left (default 30 000). */
  idleUnloadMs?: number;
  /** Milliseconds between pings; a socket that did not answer the previous ping is dropped (default 30 000). */
  pingIntervalMs?: number;
}

export interface SyncServerStats {
  rooms: number;
  connections: number;
  /** Messages received from clients, by y-websocket message type. */
  received: { sync: number; awareness: number; queryAwareness: number; other: number };
  /** Connections closed because the server refused what they sent. */
  refusals: number;
}

export interface SyncServer {
  /** For an http server's 'upgrade' event. Answers 404 for paths other than `/sync/dataset/<id>`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Appends op summaries to the dataset's `ops` (server-owned) and broadcasts them to every client. */
  publishOps(datasetId: string, summaries: readonly OpSummary[]): Promise<void>;
  /**
   * The live document of a dataset, loaded if needed. Server code may write to it directly (trusted,
   * not validated); the change is broadcast and persisted. Valid while the room stays loaded.
   */
  getDoc(datasetId: string): Promise<Y.Doc>;
  stats(): SyncServerStats;
  /** Closes every socket with 1001, stores what is pending, and unloads every room. */
  close(): Promise<void>;
}

export function createSyncServer(options: SyncServerOptions): SyncServer {
  const log = options.onLog ?? (() => {});
  const idleUnloadMs = options.idleUnloadMs ?? 30_000;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
  });
  const rooms = new Map<string, Promise<SyncRoom>>();
  const unloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const received = { sync: 0, awareness: 0, queryAwareness: 0, other: 0 };
  let refusals = 0;
  let openConnections = 0;
  let closing = false;

  /** Loads (once) and pins a room; unpin with `release`. */
  async function pin(datasetId: string): Promise<SyncRoom> {
    if (closing) throw new Error(`sync server closed: dataset ${JSON.stringify(datasetId)} not loaded`);
    const timer = unloadTimers.get(datasetId);
    if (timer !== undefined) {
      clearTimeout(timer);
      unloadTimers.delete(datasetId);
    }
    for (;;) {
      let loading = rooms.get(datasetId);
      if (loading === undefined) {
        loading = SyncRoom.load(datasetId, {
          persistence: options.persistence,
          compactEvery: options.compactEvery ?? 200,
          log: (entry) => log({ ...entry, datasetId }),
          count: (kind) => {
            received[kind] += 1;
          },
          refused: () => {
            refusals += 1;
          },
        });
        rooms.set(datasetId, loading);
        loading.catch(() => rooms.delete(datasetId));
      }
      const room = await loading;
      // An idle unload may have finished while we waited; then load afresh from persistence.
      if (!room.destroyed && rooms.get(datasetId) === loading) {
        room.pins += 1;
        return room;
      }
    }
  }

  function release(room: SyncRoom): void {
    room.pins -= 1;
    scheduleUnload(room);
  }

  function scheduleUnload(room: SyncRoom): void {
    if (closing || room.pins > 0 || room.connections.size > 0 || unloadTimers.has(room.datasetId)) return;
    const timer = setTimeout(async () => {
      unloadTimers.delete(room.datasetId);
      await room.flush();
      if (room.pins > 0 || room.connections.size > 0 || unloadTimers.has(room.datasetId)) return;
      rooms.delete(room.datasetId);
      room.destroy();
    }, idleUnloadMs);
    timer.unref?.();
    unloadTimers.set(room.datasetId, timer);
  }

  const pingTimer = setInterval(() => {
    for (const loading of rooms.values()) {
      void loading.then((room) => {
        for (const conn of room.connections) {
          if (!conn.alive) conn.ws.terminate();
          else {
            conn.alive = false;
            conn.ws.ping();
          }
        }
      });
    }
  }, options.pingIntervalMs ?? 30_000);
  pingTimer.unref?.();

  function rejectUpgrade(socket: Duplex, status: number, text: string): void {
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  }

  /** Completes the upgrade only to close at once with `code`, before any document data [S1]. */
  function closeAfterUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    code: number,
    reason: string,
  ) {
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, closeReason(reason)));
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://localhost");
    const prefix = `${SYNC_PATH}/`;
    if (!url.pathname.startsWith(prefix)) return rejectUpgrade(socket, 404, "Not Found");
    let datasetId: string;
    try {
      datasetId = datasetOfRoom(decodeURIComponent(url.pathname.slice(prefix.length)));
    } catch {
      return rejectUpgrade(socket, 404, "Not Found");
    }
    if (closing) return rejectUpgrade(socket, 503, "Service Unavailable");
    let user: SyncIdentity | undefined;
    try {
      user = await options.authenticate(url.searchParams.get(TOKEN_PARAM) ?? "");
    } catch (e) {
      log({ level: "error", event: "auth-failed", datasetId, message: (e as Error).message });
      return rejectUpgrade(socket, 503, "Service Unavailable");
    }
    if (user === undefined) {
      log({ level: "warn", event: "unauthorized", datasetId, message: "missing, invalid or expired token" });
      return closeAfterUpgrade(
        req,
        socket,
        head,
        CloseCode.unauthorized,
        "unauthorized: missing, invalid or expired token",
      );
    }
    if (options.datasetExists !== undefined && !(await options.datasetExists(datasetId))) {
      return closeAfterUpgrade(
        req,
        socket,
        head,
        CloseCode.unknownDataset,
        `unknown dataset ${JSON.stringify(datasetId)}`,
      );
    }
    let room: SyncRoom;
    try {
      room = await pin(datasetId);
    } catch (e) {
      log({ level: "error", event: "load-failed", datasetId, message: (e as Error).message });
      return rejectUpgrade(socket, 500, "Internal Server Error");
    }
    if (closing || socket.destroyed) {
      release(room);
      return rejectUpgrade(socket, 503, "Service Unavailable");
    }
    const identity = user;
    let released = false;
    const releaseOnce = () => {
      if (released) return;
      released = true;
      release(room);
    };
    socket.once("close", releaseOnce); // ws answers a bad handshake itself and never calls back
    wss.handleUpgrade(req, socket, head, (ws) => {
      accept(room, ws, identity);
      releaseOnce();
    });
  }

  function accept(room: SyncRoom, ws: WebSocket, user: SyncIdentity): void {
    const conn: RoomConnection = { ws, user, awarenessClient: undefined, closed: false, alive: true };
    ws.binaryType = "nodebuffer";
    ws.on("message", (data, isBinary) => {
      if (!isBinary)
        return room.refuse(
          conn,
          CloseCode.malformed,
          "malformed message: text frames are not part of the protocol",
        );
      const buf = data as Buffer;
      room.receive(conn, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    });
    ws.on("pong", () => {
      conn.alive = true;
    });
    ws.on("error", (e) =>
      log({
        level: "warn",
        event: "socket-error",
        datasetId: room.datasetId,
        userId: user.id,
        message: e.message,
      }),
    );
    openConnections += 1;
    ws.on("close", (code) => {
      openConnections -= 1;
      room.leave(conn);
      log({
        level: "info",
        event: "disconnected",
        datasetId: room.datasetId,
        userId: user.id,
        message: `close ${code}`,
      });
      scheduleUnload(room);
    });
    log({
      level: "info",
      event: "connected",
      datasetId: room.datasetId,
      userId: user.id,
      message: user.role,
    });
    room.join(conn);
  }

  return {
    handleUpgrade(req, socket, head) {
      upgrade(req, socket, head).catch((e: unknown) => {
        log({ level: "error", event: "upgrade-failed", message: (e as Error).message });
        socket.destroy();
      });
    },
    async publishOps(datasetId, summaries) {
      const room = await pin(datasetId);
      try {
        room.publishOps(summaries);
      } finally {
        release(room);
      }
    },
    async getDoc(datasetId) {
      const room = await pin(datasetId);
      release(room);
      return room.doc;
    },
    stats() {
      return { rooms: rooms.size, connections: openConnections, received: { ...received }, refusals };
    },
    async close() {
      closing = true;
      clearInterval(pingTimer);
      for (const timer of unloadTimers.values()) clearTimeout(timer);
      unloadTimers.clear();
      const loaded = await Promise.allSettled(rooms.values());
      for (const result of loaded) {
        if (result.status !== "fulfilled") continue;
        const room = result.value;
        for (const conn of room.connections) conn.ws.close(CloseCode.goingAway, "server shutting down");
        await room.flush();
        room.destroy();
      }
      rooms.clear();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
