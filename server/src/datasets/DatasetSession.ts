import {
  type EditAccess,
  formatId,
  type Operation,
  operationToJson,
  parseId,
  planMerge,
  planRedo,
  planSplit,
  planUndo,
  type ProofreadingState,
  previewSplit,
  replayOperations,
  type SegmentClaim,
  type SplitPreview,
  type SupervoxelGraph,
} from "@danio/core";
import type { LoadedDataset } from "@danio/dataset";
import { type NeuronRecord, readNeurons, roomForDataset } from "@danio/sync";
import type * as Y from "yjs";
import type { SessionClaims } from "../auth/TokenService";
import { HttpError } from "../http/HttpError";
import { readOperationLog } from "../store/readOperationLog";
import type { Store } from "../store/Store";
import { SERVER_ORIGIN } from "../sync/SyncRoom";
import { opSummary } from "./opSummary";
import { graphOfDataset, proofreadingOptionsOf } from "./proofreadingInputs";
import {
  type OperationBody,
  type SplitPreviewBody,
  toMergeRequest,
  toSplitRequest,
  toUndoRequest,
} from "./operationRequest";
import { SerialQueue } from "./SerialQueue";

/** What a session needs from the sync server. */
export interface SessionSync {
  publishOps(datasetId: string, summaries: ReturnType<typeof opSummary>[]): Promise<void>;
  getDoc(datasetId: string): Promise<Y.Doc>;
}

/**
 * One open dataset on the server: its graph and live proofreading state, rebuilt from the base graph and
 * the operation log in the store. Operations are serialized: each is validated by core, appended to the
 * log in one durable transaction, and only then acknowledged and published to the document's `ops`.
 */
export class DatasetSession {
  readonly room: string;
  private readonly queue = new SerialQueue();

  private constructor(
    readonly id: string,
    readonly dataset: LoadedDataset,
    readonly graph: SupervoxelGraph,
    private state: ProofreadingState,
    private readonly store: Store,
    private readonly sync: SessionSync,
    private readonly now: () => number,
  ) {
    this.room = roomForDataset(id);
  }

  static async open(
    id: string,
    dataset: LoadedDataset,
    store: Store,
    sync: SessionSync,
    now: () => number = Date.now,
  ): Promise<DatasetSession> {
    const graph = graphOfDataset(dataset);
    const state = await replayFromStore(id, graph, dataset, store);
    return new DatasetSession(id, dataset, graph, state, store, sync, now);
  }

  get proofreading(): ProofreadingState {
    return this.state;
  }

  get seq(): number {
    return this.state.seq;
  }

  /** Validates, logs durably, applies and publishes one operation; refusals change nothing. */
  submit(user: SessionClaims, body: OperationBody): Promise<Operation> {
    return this.queue.run(async () => {
      await this.catchUp();
      const state = this.state;
      const doc = await this.sync.getDoc(this.id);
      const access = this.access(user, doc);
      const time = this.now();
      let plan: ReturnType<typeof planMerge>;
      if (body.type === "merge") plan = planMerge(state, toMergeRequest(body, user.userId, time, access));
      else if (body.type === "split")
        plan = planSplit(state, toSplitRequest(body, user.userId, time, access));
      else {
        const target = body.target ?? this.defaultTarget(body.type, user.userId);
        const request = toUndoRequest(body.id, target, user.userId, time, access);
        plan = body.type === "undo" ? planUndo(state, request) : planRedo(state, request);
      }
      const op = state.commit(plan);
      try {
        await this.store.appendOperation({
          datasetId: this.id,
          seq: op.seq,
          id: op.id,
          body: JSON.stringify(operationToJson(op)),
        });
      } catch (err) {
        // Not durable, so not done: rebuild the state from the log of record and report the failure.
        this.state = await replayFromStore(this.id, this.graph, this.dataset, this.store);
        throw err;
      }
      await this.sync.publishOps(this.id, [opSummary(op, state)]);
      this.followNeurons(doc, op, user);
      return op;
    });
  }

  /** The cut a split would make, computed against the live state; nothing is committed. */
  previewSplit(user: SessionClaims, body: SplitPreviewBody): Promise<SplitPreview> {
    return this.queue.run(async () => {
      await this.catchUp();
      const doc = await this.sync.getDoc(this.id);
      const request = toSplitRequest(
        { id: "preview", ...body },
        user.userId,
        this.now(),
        this.access(user, doc),
      );
      return previewSplit(this.state, request);
    });
  }

  /** Applies operations another server instance appended to the shared log. */
  private async catchUp(): Promise<void> {
    for (const op of await readOperationLog(this.store, this.id, this.state.seq)) this.state.apply(op);
  }

  private defaultTarget(type: "undo" | "redo", author: string): string {
    const op = type === "undo" ? this.state.lastUndoable(author) : this.state.lastRedoable(author);
    if (!op) throw new HttpError(409, `${type}.nothing`, `you have no operation to ${type}`);
    return op.id;
  }

  /** Claims come from the shared document's neuron records; the queue serializes operations, so no two overlap. */
  private access(user: SessionClaims, doc: Y.Doc): EditAccess {
    const claims: SegmentClaim[] = [];
    for (const record of readNeurons(doc).values()) {
      if (!record.claimedBy) continue;
      claims.push({
        anchor: parseId(record.anchor.supervoxel, "anchor.supervoxel"),
        user: record.claimedBy,
        claimedAt: record.updatedAt,
        expiresAt: Number.MAX_SAFE_INTEGER,
      });
    }
    const state = this.state;
    return {
      user: user.userId,
      role: user.role,
      now: this.now(),
      locks: [],
      claims,
      rootOf: (sv) => (state.graph.indexOf(sv) >= 0 ? state.rootOf(sv) : -1n),
    };
  }

  /**
   * Neuron records are bound to anchors, so they follow their neuron through edits. After an edit, a
   * completed or approved record whose segment changed is flagged for review; after a split, each new
   * piece holding no record's anchor gets a draft record, flagged for review, anchored at the clicked
   * point on that piece.
   */
  private followNeurons(doc: Y.Doc, op: Operation, user: SessionClaims): void {
    if (op.oldRoots.length === 0) return;
    const state = this.state;
    const neurons = doc.getMap<NeuronRecord>("neurons");
    const old = new Set(op.oldRoots);
    const anchored = new Set<bigint>();
    const changes: [string, NeuronRecord][] = [];
    let touched = false;
    for (const [id, record] of readNeurons(doc)) {
      const sv = parseId(record.anchor.supervoxel, "anchor.supervoxel");
      if (state.graph.indexOf(sv) < 0) continue;
      const before = state.rootAt(sv, op.seq - 1);
      if (!old.has(before)) continue;
      touched = true;
      anchored.add(state.rootOf(sv));
      if ((record.status === "complete" || record.status === "approved") && !record.flaggedForReview) {
        changes.push([id, { ...record, flaggedForReview: true, updatedBy: user.userId, updatedAt: op.time }]);
      }
    }
    if (touched && op.newRoots.length > 1) {
      op.newRoots.forEach((root, k) => {
        if (anchored.has(root)) return;
        const point = op.points.find((p) => state.rootOf(p.supervoxel) === root);
        const sv = point?.supervoxel ?? state.supervoxelsOf(root)[0]!;
        const i = state.graph.indexOf(sv);
        const pos = state.graph.positions;
        const position: [number, number, number] = point?.position
          ? [point.position[0], point.position[1], point.position[2]]
          : pos
            ? [pos[3 * i]!, pos[3 * i + 1]!, pos[3 * i + 2]!]
            : [0, 0, 0];
        changes.push([
          `n-${op.id}-${k}`,
          {
            status: "draft",
            cellType: "",
            notes: `split off by operation #${op.seq}`,
            reviewer: null,
            anchor: { supervoxel: formatId(sv), position },
            flaggedForReview: true,
            updatedBy: user.userId,
            updatedAt: op.time,
          },
        ]);
      });
    }
    if (changes.length === 0) return;
    doc.transact(() => {
      for (const [id, r] of changes) neurons.set(id, r);
    }, SERVER_ORIGIN);
  }
}

async function replayFromStore(
  id: string,
  graph: SupervoxelGraph,
  dataset: LoadedDataset,
  store: Store,
): Promise<ProofreadingState> {
  const ops = await readOperationLog(store, id);
  return replayOperations(graph, proofreadingOptionsOf(dataset), ops);
}
