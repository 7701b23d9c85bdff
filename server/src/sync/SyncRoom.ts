/**
 * One loaded room: the dataset's Yjs document, the gate that validates client updates, the room's
 * awareness, its connections, and the queue that persists accepted updates (SPEC rules S1–S13).
 */
import {
  appendOps,
  CloseCode,
  closeReason,
  datasetTypes,
  MessageType,
  type OpSummary,
  roomForDataset,
  SyncMessageType,
  UpdateGate,
} from "@danio/sync";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { WebSocket } from "ws";
import { screenAwarenessUpdate } from "./screenAwarenessUpdate";
import type { SyncIdentity, SyncLogEntry, SyncPersistence } from "./syncTypes";

/** The user id the room's own writes are attributed to. */
export const SERVER_USER_ID = "@server";
/** Transaction origin of server writes (publishOps). */
export const SERVER_ORIGIN = Symbol("danio-sync-server");
const LOAD_ORIGIN = Symbol("danio-sync-load");

export interface RoomConnection {
  readonly ws: WebSocket;
  readonly user: SyncIdentity;
  /** The awareness client id this connection announced. */
  awarenessClient: number | undefined;
  /** Set once the server refused or the socket closed; later messages are ignored. */
  closed: boolean;
  /** Answered the last ping. */
  alive: boolean;
}

export interface RoomOptions {
  readonly persistence: SyncPersistence;
  readonly log: (entry: Omit<SyncLogEntry, "datasetId">) => void;
  /** Compact the stored updates into a snapshot once this many are stored. */
  readonly compactEvery: number;
  readonly count: (kind: "sync" | "awareness" | "queryAwareness" | "other") => void;
  readonly refused: () => void;
}

class MalformedMessage extends Error {}

export class SyncRoom {
  readonly room: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<RoomConnection>();
  /** Users of the room besides its connections (upgrades in progress, publishOps); blocks unloading. */
  pins = 0;
  /** Set by destroy(); a destroyed room is never handed out again. */
  destroyed = false;
  private readonly gate: UpdateGate;
  private queue: Promise<void> = Promise.resolve();
  private stored: number;
  private needsSnapshot = false;

  static async load(datasetId: string, options: RoomOptions): Promise<SyncRoom> {
    const room = roomForDataset(datasetId);
    const updates = await options.persistence.loadUpdates(room);
    const doc = new Y.Doc();
    datasetTypes(doc);
    if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates), LOAD_ORIGIN);
    return new SyncRoom(datasetId, doc, updates.length, options);
  }

  private constructor(
    readonly datasetId: string,
    doc: Y.Doc,
    stored: number,
    private readonly options: RoomOptions,
  ) {
    this.room = roomForDataset(datasetId);
    this.doc = doc;
    this.stored = stored;
    this.gate = new UpdateGate(doc, SERVER_USER_ID);
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
  }

  /** [S2] Sends sync step 1 and the current awareness states to a new connection. */
  join(conn: RoomConnection): void {
    this.connections.add(conn);
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    encoding.writeVarUint(step1, SyncMessageType.step1);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(this.doc));
    send(conn, encoding.toUint8Array(step1));
    const clients = Array.from(this.awareness.getStates().keys());
    if (clients.length > 0) send(conn, this.awarenessMessage(clients));
  }

  /** [A5] Removes the connection and its awareness state; the removal reaches everyone else. */
  leave(conn: RoomConnection): void {
    conn.closed = true;
    if (!this.connections.delete(conn)) return;
    if (conn.awarenessClient !== undefined) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [conn.awarenessClient], null);
    }
  }

  /** Handles one message from `conn` [S3–S8]; refusals close that connection only. */
  receive(conn: RoomConnection, bytes: Uint8Array): void {
    if (conn.closed) return;
    try {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.sync:
          this.options.count("sync");
          this.receiveSync(conn, decoder);
          return;
        case MessageType.awareness: {
          this.options.count("awareness");
          const update = decoding.readVarUint8Array(decoder);
          end(decoder);
          this.receiveAwareness(conn, update);
          return;
        }
        case MessageType.queryAwareness:
          this.options.count("queryAwareness");
          end(decoder);
          send(conn, this.awarenessMessage(Array.from(this.awareness.getStates().keys())));
          return;
        default:
          this.options.count("other");
          throw new MalformedMessage(`unknown message type ${type}`);
      }
    } catch (e) {
      const reason = e instanceof MalformedMessage ? e.message : `undecodable (${(e as Error).message})`;
      this.refuse(conn, CloseCode.malformed, `malformed message: ${reason}`);
    }
  }

  private receiveSync(conn: RoomConnection, decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    end(decoder);
    if (sub === SyncMessageType.step1) {
      let state: Uint8Array;
      try {
        state = Y.encodeStateAsUpdate(this.doc, payload);
      } catch (e) {
        throw new MalformedMessage(`state vector: ${(e as Error).message}`);
      }
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      encoding.writeVarUint(reply, SyncMessageType.step2);
      encoding.writeVarUint8Array(reply, state);
      send(conn, encoding.toUint8Array(reply));
      return;
    }
    if (sub !== SyncMessageType.step2 && sub !== SyncMessageType.update) {
      throw new MalformedMessage(`unknown sync message type ${sub}`);
    }
    const verdict = this.gate.submit(payload, conn.user, conn);
    if (!verdict.ok) {
      this.refuse(
        conn,
        verdict.malformed ? CloseCode.malformed : CloseCode.refused,
        verdict.malformed ? verdict.reason : `update refused: ${verdict.reason}`,
      );
    }
  }

  private receiveAwareness(conn: RoomConnection, update: Uint8Array): void {
    const screened = screenAwarenessUpdate(update, {
      identity: { id: conn.user.id, name: conn.user.name, colour: conn.user.colour },
      ownClient: conn.awarenessClient,
      ownedByOther: (clientId) => this.ownerOf(clientId) !== conn && this.ownerOf(clientId) !== undefined,
      knownClock: (clientId) => this.awareness.meta.get(clientId)?.clock,
    });
    if (!screened.ok) {
      this.refuse(conn, screened.malformed ? CloseCode.malformed : CloseCode.refused, screened.reason);
      return;
    }
    if (screened.claimed !== undefined) conn.awarenessClient = screened.claimed;
    if (screened.update !== undefined)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, screened.update, conn);
  }

  private ownerOf(clientId: number): RoomConnection | "server" | undefined {
    if (clientId === this.awareness.clientID) return "server";
    for (const c of this.connections) if (c.awarenessClient === clientId) return c;
    return undefined;
  }

  /** Closes `conn` with a refusal; nothing it sent is applied. */
  refuse(conn: RoomConnection, code: number, reason: string): void {
    if (conn.closed) return;
    conn.closed = true;
    this.options.refused();
    this.options.log({ level: "warn", event: "refused", userId: conn.user.id, message: `${code} ${reason}` });
    conn.ws.close(code, closeReason(reason));
  }

  /** [S9] Server-side append to `ops`, broadcast to every connection. */
  publishOps(summaries: readonly OpSummary[]): void {
    appendOps(this.doc, summaries, { origin: SERVER_ORIGIN });
  }

  /** Resolves when every accepted update so far is stored (or its storing failed and was logged). */
  async flush(): Promise<void> {
    this.enqueue(async () => {
      if (this.needsSnapshot) await this.compact();
    });
    await this.queue;
  }

  destroy(): void {
    this.destroyed = true;
    this.doc.off("update", this.onDocUpdate);
    this.awareness.off("update", this.onAwarenessUpdate);
    this.gate.destroy();
    this.doc.destroy();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === LOAD_ORIGIN) return;
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.sync);
    encoding.writeVarUint(message, SyncMessageType.update);
    encoding.writeVarUint8Array(message, update);
    const bytes = encoding.toUint8Array(message);
    for (const c of this.connections) if (c !== origin) send(c, bytes);
    this.persist(update);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const bytes = this.awarenessMessage([...added, ...updated, ...removed]);
    for (const c of this.connections) if (c !== origin) send(c, bytes);
  };

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((e: unknown) => {
      this.needsSnapshot = true;
      this.options.log({
        level: "error",
        event: "persistence-failed",
        message: `${this.room}: ${(e as Error).message}; a snapshot will be written next`,
      });
    });
  }

  /** [S10] Append each accepted update; compact into a snapshot every `compactEvery` updates. */
  private persist(update: Uint8Array): void {
    this.enqueue(async () => {
      await this.options.persistence.appendUpdate(this.room, update);
      this.stored += 1;
      if (this.needsSnapshot || this.stored >= this.options.compactEvery) await this.compact();
    });
  }

  private async compact(): Promise<void> {
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    await this.options.persistence.replaceWithSnapshot(this.room, snapshot, this.stored);
    this.stored = 1;
    this.needsSnapshot = false;
  }
}

function end(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessage("trailing bytes after the message");
}

function send(conn: RoomConnection, bytes: Uint8Array): void {
  if (conn.closed || conn.ws.readyState !== conn.ws.OPEN) return;
  conn.ws.send(bytes);
}
