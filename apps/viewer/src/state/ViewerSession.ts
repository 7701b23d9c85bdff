import {
  claimNeuron,
  connectDataset,
  type DatasetConnection,
  type Membership,
  readAnnotations,
  readNeurons,
  releaseNeuron,
  SegmentMapping,
  setNeuronStatus,
  upsertAnnotation,
  upsertNeuron,
} from "@danio/sync";
import { ApiClient, ApiError, type PointJson } from "../api/ApiClient";
import { type PickedPoint, type ToolEvent, type ToolRequest, toolReducer } from "../tools/toolMachine";
import { createStore, type Store } from "./createStore";
import { INITIAL_VIEWER_STATE, type ViewerState } from "./ViewerState";

const toPoint = (p: PickedPoint): PointJson => ({
  supervoxel: p.supervoxel,
  position: p.position,
  root: p.root,
});

/** The segment mapping of a membership payload, at its sequence number. */
function mappingOf(m: Membership): SegmentMapping {
  return new SegmentMapping(
    Array.from(m.supervoxels, (sv, i) => [sv.toString(), m.roots[i]!.toString()] as const),
    m.seq,
  );
}

/** Friendlier words for the server's refusals, by code. */
const REFUSAL_WORDS: Record<string, string> = {
  "root.stale": "this segment changed since you saw it — refreshed; look again and retry",
  "access.claimed": "another proofreader has claimed this neuron",
  "access.locked": "another edit on this segment is in progress; try again",
  "access.role": "your role cannot edit",
  "merge.same-segment": "both points are already in one segment",
  "merge.too-far": "the two points are too far apart to merge",
  "split.already-apart": "these points are already in different segments",
  "split.still-connected": "no cut separates these points",
  "split.isolates-seed": "that cut would cut off a single clicked supervoxel; add more points",
};

/**
 * The viewer's session with the server: HTTP for commands and reads, the shared Yjs document for live
 * state. It owns the supervoxel → segment mapping (updated from op summaries within one round trip) and
 * is the only writer of the store.
 */
export class ViewerSession {
  readonly store: Store<ViewerState> = createStore(INITIAL_VIEWER_STATE);
  readonly api: ApiClient;
  mapping = new SegmentMapping();
  /** Supervoxel ids of the dataset, ascending (dense index order of the graph). */
  supervoxelIds: BigUint64Array = new BigUint64Array(0);
  private connection: DatasetConnection | null = null;
  private offs: (() => void)[] = [];
  /** The last supervoxel clicked, and where: new neuron records are anchored there. */
  private lastPick: { supervoxel: string; position: [number, number, number] } | null = null;
  private messageId = 0;
  private opCounter = 0;

  constructor(baseUrl: string) {
    this.api = new ApiClient(baseUrl);
  }

  get conn(): DatasetConnection | null {
    return this.connection;
  }

  // ---------------------------------------------------------------- sign in and datasets

  async signInWithToken(token: string): Promise<void> {
    this.api.setToken(token);
    try {
      const user = await this.api.me();
      this.store.set({ user, datasets: await this.api.datasets(), people: await this.api.directory() });
    } catch (err) {
      this.api.setToken(null);
      throw err;
    }
  }

  async signIn(name: string, password: string): Promise<void> {
    const { user } = await this.api.login(name, password);
    this.store.set({ user, datasets: await this.api.datasets(), people: await this.api.directory() });
  }

  async openDataset(id: string): Promise<void> {
    this.closeDataset();
    this.store.set({ connection: "connecting", busy: true });
    const info = await this.api.dataset(id);
    const m = await this.api.membership(id);
    this.supervoxelIds = m.supervoxels;
    this.mapping = mappingOf(m);
    const b = info.manifest.bounds;
    const centre: [number, number, number] = [
      Math.floor((b.min[0] + b.max[0]) / 2),
      Math.floor((b.min[1] + b.max[1]) / 2),
      Math.floor((b.min[2] + b.max[2]) / 2),
    ];
    this.store.set({
      dataset: info,
      seq: m.seq,
      mappingVersion: this.store.getState().mappingVersion + 1,
      slice: centre,
      selected: [],
      busy: false,
    });
    const token = this.api.getToken() ?? "";
    const wsBase = this.api.baseUrl.replace(/^http/, "ws");
    const conn = connectDataset({
      serverUrl: `${wsBase}/sync`,
      datasetId: id,
      token,
      onRefused: (r) => this.say("error", `the server refused a change: ${r.reason}`),
    });
    this.connection = conn;
    this.offs.push(
      conn.onOps((summaries) => this.applyOps(summaries)),
      conn.onChange(() => this.syncShared()),
    );
    const history = (await this.api.history(id, Math.max(0, m.seq - 50), 50)).operations;
    this.store.set({
      history: history.map((o) => ({ ...o, members: [] })),
    });
    conn.whenSynced().then(
      () => {
        this.store.set({ connection: "connected" });
        this.syncShared();
      },
      () => undefined,
    );
  }

  closeDataset(): void {
    for (const off of this.offs) off();
    this.offs = [];
    this.connection?.destroy();
    this.connection = null;
    this.store.set({
      dataset: null,
      connection: "offline",
      peers: [],
      selected: [],
      preview: null,
      confirm: null,
    });
  }

  // ---------------------------------------------------------------- live state

  private applyOps(summaries: Parameters<SegmentMapping["apply"]>[0]): void {
    let change: ReturnType<SegmentMapping["apply"]>;
    try {
      change = this.mapping.apply(summaries);
    } catch {
      // Missed ops (offline too long): reload the whole mapping.
      const id = this.store.getState().dataset?.id;
      if (id) void this.reloadMapping(id);
      return;
    }
    if (change.applied.length === 0) return;
    const s = this.store.getState();
    const retired = new Set(change.retired);
    const selected: string[] = [];
    for (const root of s.selected) {
      if (!retired.has(root)) selected.push(root);
    }
    if (s.selected.some((r) => retired.has(r))) {
      for (const root of change.created) if (!selected.includes(root)) selected.push(root);
    }
    const history = [...s.history, ...summaries.filter((x) => change.applied.includes(x.seq))].slice(-200);
    const preview = s.preview && retired.has(s.preview.root) ? null : s.preview;
    this.store.set({
      mappingVersion: s.mappingVersion + 1,
      seq: this.mapping.lastSeq,
      selected,
      history,
      preview,
    });
    void this.refreshSynapses();
  }

  private async reloadMapping(id: string): Promise<void> {
    const m = await this.api.membership(id);
    this.mapping = mappingOf(m);
    this.store.set({ mappingVersion: this.store.getState().mappingVersion + 1, seq: m.seq });
  }

  private syncShared(): void {
    const conn = this.connection;
    if (!conn) return;
    this.store.set({
      neurons: [...readNeurons(conn.doc)],
      annotations: [...readAnnotations(conn.doc)],
      peers: [...conn.peers().values()],
    });
  }

  // ---------------------------------------------------------------- picking and tools

  /** The segment of a supervoxel now. */
  rootOf(supervoxel: string): string | undefined {
    return this.mapping.rootOf(supervoxel);
  }

  /** A click on a supervoxel in any view; the active tool decides what it means. */
  pick(supervoxel: string, position: [number, number, number], additive = false): void {
    const root = this.rootOf(supervoxel);
    if (!root) return;
    this.lastPick = { supervoxel, position };
    this.dispatch({ type: "pick", point: { supervoxel, root, position } }, additive);
  }

  dispatch(event: ToolEvent, additive = false): void {
    const s = this.store.getState();
    const { state, request } = toolReducer(s.tool, event);
    const reset = event.type === "choose" || event.type === "cancel" || event.type === "done";
    this.store.set({
      tool: state,
      ...(reset ? { preview: null, confirm: null } : {}),
    });
    this.connection?.setPresence({ tool: state.tool });
    if (request) void this.handle(request, additive);
  }

  private async handle(request: ToolRequest, additive: boolean): Promise<void> {
    switch (request.kind) {
      case "select":
        this.select(request.root, additive);
        return;
      case "refuse":
        this.say("error", request.message);
        return;
      case "confirm-merge":
        this.store.set({ confirm: { kind: "merge", points: request.points } });
        return;
      case "annotate":
        this.store.set({ annotating: request.point });
        return;
      case "preview-split":
        await this.previewSplit(request.sources, request.sinks);
        return;
    }
  }

  select(root: string, additive = false): void {
    const s = this.store.getState();
    let selected: string[];
    if (additive)
      selected = s.selected.includes(root) ? s.selected.filter((r) => r !== root) : [...s.selected, root];
    else selected = s.selected.length === 1 && s.selected[0] === root ? [] : [root];
    this.store.set({ selected });
    this.connection?.setPresence({ selection: selected });
    void this.refreshSynapses();
  }

  clearSelection(): void {
    this.store.set({ selected: [], synapses: [] });
    this.connection?.setPresence({ selection: [] });
  }

  setSlice(slice: [number, number, number]): void {
    this.store.set({ slice });
  }

  /** Shares the 3D cursor (nm) with everyone. */
  setCursor(position: [number, number, number] | null): void {
    this.connection?.setPresence({ cursor: position ? { position } : null });
  }

  private async refreshSynapses(): Promise<void> {
    const s = this.store.getState();
    if (!s.dataset || s.selected.length === 0) {
      this.store.set({ synapses: [] });
      return;
    }
    try {
      this.store.set({ synapses: await this.api.synapses(s.dataset.id, s.selected) });
    } catch (err) {
      this.report(err);
    }
  }

  // ---------------------------------------------------------------- edits (commands to the server)

  private nextOpId(): string {
    this.opCounter += 1;
    return `${this.store.getState().user?.name ?? "op"}-${Date.now().toString(36)}-${this.opCounter}`;
  }

  async confirmMerge(): Promise<void> {
    const s = this.store.getState();
    if (!s.dataset || !s.confirm) return;
    const [a, b] = s.confirm.points;
    await this.command({ type: "merge", id: this.nextOpId(), points: [toPoint(a), toPoint(b)] });
    this.dispatch({ type: "done" });
  }

  private async previewSplit(sources: PickedPoint[], sinks: PickedPoint[]): Promise<void> {
    const s = this.store.getState();
    if (!s.dataset) return;
    try {
      const preview = await this.api.splitPreview(s.dataset.id, {
        sources: sources.map(toPoint),
        sinks: sinks.map(toPoint),
      });
      this.store.set({ preview });
    } catch (err) {
      this.store.set({ preview: null });
      this.report(err);
    }
  }

  async confirmSplit(): Promise<void> {
    const s = this.store.getState();
    if (!s.dataset || s.tool.tool !== "split" || !s.preview) return;
    await this.command({
      type: "split",
      id: this.nextOpId(),
      sources: s.tool.sources.map(toPoint),
      sinks: s.tool.sinks.map(toPoint),
    });
    this.dispatch({ type: "done" });
  }

  undo(): Promise<void> {
    return this.command({ type: "undo", id: this.nextOpId() });
  }

  redo(): Promise<void> {
    return this.command({ type: "redo", id: this.nextOpId() });
  }

  private async command(body: unknown): Promise<void> {
    const s = this.store.getState();
    if (!s.dataset) return;
    this.store.set({ busy: true });
    try {
      const op = await this.api.submit(s.dataset.id, body);
      this.say("info", `${op.type} #${op.seq} done`);
    } catch (err) {
      this.report(err);
      if (err instanceof ApiError && err.code === "root.stale") await this.reloadMapping(s.dataset.id);
    } finally {
      this.store.set({ busy: false });
    }
  }

  // ---------------------------------------------------------------- neurons and annotations (shared document)

  /** The neuron record of a segment: the record whose anchor lies in it. */
  neuronOf(
    root: string,
  ): [string, ReturnType<typeof readNeurons> extends Map<string, infer R> ? R : never] | undefined {
    return this.store.getState().neurons.find(([, n]) => this.rootOf(n.anchor.supervoxel) === root);
  }

  private writer() {
    const u = this.store.getState().user;
    if (!u) throw new Error("sign in first");
    return { id: u.id, role: u.role };
  }

  private ensureNeuron(root: string): string {
    const existing = this.neuronOf(root);
    if (existing) return existing[0];
    const conn = this.connection;
    if (!conn) throw new Error("not connected");
    // Anchor the record where the user last clicked on this segment; else at one of its supervoxels, placed
    // at the crosshair (the viewer has no supervoxel positions of its own).
    const picked = this.lastPick && this.rootOf(this.lastPick.supervoxel) === root ? this.lastPick : null;
    const sv = picked?.supervoxel ?? [...this.mapping.membersOf(root)][0];
    if (!sv) throw new Error(`segment ${root} has no known supervoxel`);
    const id = `n-${root}`;
    const position = picked?.position ?? this.crosshairNm();
    upsertNeuron(conn.doc, id, { anchor: { supervoxel: sv, position }, status: "draft" }, this.writer());
    return id;
  }

  private crosshairNm(): [number, number, number] {
    const s = this.store.getState();
    const v = s.dataset?.manifest.voxelSize ?? [1, 1, 1];
    // Voxel centres, as the views report picks: voxel i spans [i, i + 1).
    return [(s.slice[0] + 0.5) * v[0], (s.slice[1] + 0.5) * v[1], (s.slice[2] + 0.5) * v[2]];
  }

  private shared(action: (doc: DatasetConnection["doc"], id: string) => void, root: string): void {
    const conn = this.connection;
    if (!conn) return;
    try {
      action(conn.doc, this.ensureNeuron(root));
      this.syncShared();
    } catch (err) {
      this.report(err);
    }
  }

  claim(root: string): void {
    this.shared((doc, id) => claimNeuron(doc, id, this.writer()), root);
  }

  release(root: string): void {
    this.shared((doc, id) => releaseNeuron(doc, id, this.writer()), root);
  }

  setStatus(root: string, status: "draft" | "complete" | "approved" | "rejected"): void {
    this.shared((doc, id) => setNeuronStatus(doc, id, status, this.writer()), root);
  }

  setCellType(root: string, cellType: string): void {
    this.shared((doc, id) => upsertNeuron(doc, id, { cellType }, this.writer()), root);
  }

  /** Saves the note for the point picked with the annotate tool. */
  saveAnnotation(text: string, kind: "point" | "note" | "cellType" = "note"): void {
    const point = this.store.getState().annotating;
    if (!point) return;
    this.annotate(point, text, kind);
    this.store.set({ annotating: null });
  }

  cancelAnnotation(): void {
    this.store.set({ annotating: null });
  }

  annotate(point: PickedPoint, text: string, kind: "point" | "note" | "cellType" = "note"): void {
    const conn = this.connection;
    if (!conn) return;
    try {
      upsertAnnotation(
        conn.doc,
        `a-${this.nextOpId()}`,
        { kind, anchor: { supervoxel: point.supervoxel, position: point.position }, text },
        this.writer(),
      );
      this.syncShared();
    } catch (err) {
      this.report(err);
    }
  }

  // ---------------------------------------------------------------- messages

  say(kind: "error" | "info", text: string): void {
    this.messageId += 1;
    const messages = [
      ...this.store.getState().messages,
      { id: this.messageId, kind, text, time: Date.now() },
    ].slice(-5);
    this.store.set({ messages });
  }

  report(err: unknown): void {
    if (err instanceof ApiError) this.say("error", REFUSAL_WORDS[err.code] ?? err.message);
    else this.say("error", err instanceof Error ? err.message : String(err));
  }

  dismiss(id: number): void {
    this.store.set({ messages: this.store.getState().messages.filter((m) => m.id !== id) });
  }
}
