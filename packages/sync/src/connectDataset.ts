/**
 * The client connection to a dataset's shared document (rules C1–C6): y-websocket's WebsocketProvider
 * with BroadcastChannel disabled [C1], awareness forwarding restricted to local changes [C2], and refusal
 * handling — a refused client discards its local document and resyncs from the server [C3, C4].
 */
import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { readAnnotations } from "./annotations";
import { readNeurons } from "./neurons";
import { observeOps, readOps } from "./ops";
import { type ClientPresence, type Presence, parseClientPresence, readPeers } from "./presence";
import { CloseCode, isRefusalClose, MessageType, roomForDataset, TOKEN_PARAM } from "./protocol";
import { type Annotation, datasetTypes, type NeuronRecord, type OpSummary } from "./schema";

type ProviderOptions = NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>;
/** A WebSocket class: the browser's, or `WebSocket` from the `ws` package in Node 20. */
export type WebSocketConstructor = NonNullable<ProviderOptions["WebSocketPolyfill"]>;

/** A refusal reported by the server's close frame. */
export interface Refusal {
  readonly code: number;
  readonly reason: string;
  /** True when the wrapper discards local state and resyncs; false when it stops (bad token, no dataset). */
  readonly resyncing: boolean;
}

export interface ConnectDatasetOptions {
  /** The server's sync endpoint, e.g. `ws://localhost:8080/sync`; the room path is appended. */
  serverUrl: string;
  datasetId: string;
  /** Bearer token, sent as the `token` query parameter. */
  token: string;
  WebSocketPolyfill?: WebSocketConstructor;
  onRefused?: (refusal: Refusal) => void;
  /** Milliseconds to wait before resyncing after the first refusal; doubles per consecutive refusal. */
  refusalBackoffMs?: number;
}

export type ConnectionStatus = "connecting" | "connected" | "disconnected" | "stopped";

export interface DatasetConnection {
  readonly datasetId: string;
  /** The current document; replaced by a fresh one after a refusal [C3]. */
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly status: ConnectionStatus;
  readonly synced: boolean;
  /** Resolves when the current document has received the server's state. */
  whenSynced(): Promise<void>;
  ops(): OpSummary[];
  neurons(): Map<string, NeuronRecord>;
  annotations(): Map<string, Annotation>;
  /** Other clients' presence, as stamped by the server. */
  peers(): Map<number, Presence>;
  /** Updates the local presence (cursor, selection, tool); the server stamps the user [A2]. */
  setPresence(patch: Omit<ClientPresence, "user">): void;
  /** New op summaries as they arrive, across document replacements. Returns the unsubscribe function. */
  onOps(listener: (summaries: OpSummary[]) => void): () => void;
  /** Any change of the document, of presence, of status, or a document replacement. */
  onChange(listener: () => void): () => void;
  /**
   * Replaces the token (e.g. after a refresh) and reconnects with it, keeping the document. After a
   * stop for a bad token this starts a fresh session [C4].
   */
  setToken(token: string): void;
  destroy(): void;
}

interface Session {
  doc: Y.Doc;
  awareness: Awareness;
  provider: WebsocketProvider;
  /** Detaches the wrapper's listeners and destroys the provider; idempotent. */
  disconnect: () => void;
}

/** Connects to `dataset/<datasetId>` on the server and keeps the connection until `destroy()`. */
export function connectDataset(options: ConnectDatasetOptions): DatasetConnection {
  return new Connection(options);
}

class Connection implements DatasetConnection {
  readonly datasetId: string;
  private session: Session;
  private stopped = false;
  private destroyed = false;
  private token: string;
  private refusalsInARow = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private currentStatus: ConnectionStatus = "connecting";
  private readonly opsListeners = new Set<(summaries: OpSummary[]) => void>();
  private readonly changeListeners = new Set<() => void>();
  /** Callers of whenSynced(), settled by whichever session syncs next (documents may be replaced). */
  private syncWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly options: ConnectDatasetOptions) {
    this.datasetId = options.datasetId;
    this.token = options.token;
    roomForDataset(options.datasetId); // refuses a bad id before any socket opens
    this.session = this.startSession({}, true);
  }

  get doc(): Y.Doc {
    return this.session.doc;
  }
  get awareness(): Awareness {
    return this.session.awareness;
  }
  get status(): ConnectionStatus {
    return this.currentStatus;
  }
  get synced(): boolean {
    return this.session.provider.synced;
  }

  whenSynced(): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error(`dataset ${this.datasetId}: connection destroyed`));
    if (this.session.provider.synced) return Promise.resolve();
    return new Promise((resolve, reject) => this.syncWaiters.push({ resolve, reject }));
  }

  ops(): OpSummary[] {
    return readOps(this.doc);
  }
  neurons(): Map<string, NeuronRecord> {
    return readNeurons(this.doc);
  }
  annotations(): Map<string, Annotation> {
    return readAnnotations(this.doc);
  }
  peers(): Map<number, Presence> {
    return readPeers(this.awareness);
  }

  setPresence(patch: Omit<ClientPresence, "user">): void {
    const state = this.awareness.getLocalState() ?? {};
    this.awareness.setLocalState({ ...state, ...patch });
  }

  onOps(listener: (summaries: OpSummary[]) => void): () => void {
    this.opsListeners.add(listener);
    return () => this.opsListeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  setToken(token: string): void {
    if (this.destroyed) return;
    this.token = token;
    if (this.stopped) {
      this.stopped = false;
      this.session.disconnect();
      this.session.doc.destroy();
      this.session = this.startSession({}, true);
      this.notify();
      return;
    }
    const { provider } = this.session;
    provider.params = { [TOKEN_PARAM]: token };
    if (provider.shouldConnect) {
      provider.disconnect();
      provider.connect();
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.endSession(this.session);
    this.setStatus("stopped");
    this.opsListeners.clear();
    this.changeListeners.clear();
    for (const waiter of this.syncWaiters.splice(0)) {
      waiter.reject(new Error(`dataset ${this.datasetId}: connection destroyed before it synced`));
    }
  }

  private notify(): void {
    for (const listener of this.changeListeners) listener();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.currentStatus === status) return;
    this.currentStatus = status;
    this.notify();
  }

  private startSession(presence: ClientPresence, connect: boolean): Session {
    const { options } = this;
    const doc = new Y.Doc();
    datasetTypes(doc);
    const awareness = new Awareness(doc);
    awareness.setLocalState({ ...presence });
    const provider = new WebsocketProvider(options.serverUrl, roomForDataset(options.datasetId), doc, {
      awareness,
      connect,
      params: { [TOKEN_PARAM]: this.token },
      disableBc: true,
      shouldReconnect: (event) => !isRefusalClose(event.code),
      ...(options.WebSocketPolyfill === undefined ? {} : { WebSocketPolyfill: options.WebSocketPolyfill }),
    });
    // [C2] y-websocket 3.1.0 re-sends every awareness change, remote ones included, to the server.
    awareness.off("update", provider._awarenessUpdateHandler);
    const forwardLocal = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === provider) return;
      const own = [...added, ...updated, ...removed].filter((c) => c === doc.clientID);
      if (own.length === 0) return;
      const ws = provider.ws;
      if (!provider.wsconnected || ws === null || ws.readyState !== ws.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.awareness);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, own));
      ws.send(encoding.toUint8Array(encoder));
    };
    awareness.on("update", forwardLocal);
    const onStatus = ({ status }: { status: "connected" | "disconnected" | "connecting" }) => {
      this.setStatus(status);
      // [C6] A reconnect reuses the awareness clock the server already knows; bump it so the state counts.
      if (status === "connected") awareness.setLocalState(awareness.getLocalState());
    };
    provider.on("status", onStatus);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      this.refusalsInARow = 0;
      for (const waiter of this.syncWaiters.splice(0)) waiter.resolve();
    };
    provider.on("sync", onSync);
    provider.on("closed", ({ code, reason }) => this.refused(code, reason));
    const stopOps = observeOps(doc, (summaries) => {
      for (const listener of this.opsListeners) listener(summaries);
    });
    const onDocUpdate = () => this.notify();
    doc.on("update", onDocUpdate);
    const onAwarenessChange = () => this.notify();
    awareness.on("change", onAwarenessChange);
    let attached = true;
    const disconnect = () => {
      if (!attached) return;
      attached = false;
      awareness.off("update", forwardLocal);
      awareness.off("change", onAwarenessChange);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      doc.off("update", onDocUpdate);
      stopOps();
      provider.destroy();
    };
    return { doc, awareness, provider, disconnect };
  }

  private endSession(session: Session): void {
    session.disconnect();
    session.doc.destroy(); // destroys its awareness too
  }

  /** [C3, C4] */
  private refused(code: number, reason: string): void {
    if (this.stopped) return;
    const resyncing = code !== CloseCode.unauthorized && code !== CloseCode.unknownDataset;
    const old = this.session;
    const carried = parseClientPresence(old.awareness.getLocalState());
    const presence: ClientPresence = {};
    if (carried.ok) {
      const { user: _stampedByServer, ...rest } = carried.value;
      Object.assign(presence, rest);
    }
    old.disconnect();
    if (!resyncing) {
      this.stopped = true;
      this.setStatus("stopped");
      this.options.onRefused?.({ code, reason, resyncing });
      return;
    }
    old.doc.destroy();
    const backoff = this.options.refusalBackoffMs ?? 100;
    const delay = this.refusalsInARow === 0 ? 0 : Math.min(backoff * 2 ** (this.refusalsInARow - 1), 10_000);
    this.refusalsInARow += 1;
    this.session = this.startSession(presence, false);
    this.setStatus("disconnected");
    this.options.onRefused?.({ code, reason, resyncing });
    this.notify();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.session.provider.connect();
    }, delay);
  }
}
