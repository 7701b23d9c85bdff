import { Agglomeration, type IndexEdge, type KnownPieces } from "./Agglomeration";
import { EditHistory } from "./EditHistory";
import { InvalidGraphError, ReplayMismatchError, SequenceError } from "./errors";
import { Lineage, type RootLineage } from "./Lineage";
import type {
  EdgePair,
  MergeRequest,
  Operation,
  OperationPoint,
  OperationType,
  SplitRequest,
  UndoRequest,
} from "./Operation";
import { OperationLog } from "./OperationLog";
import { planMerge } from "./planMerge";
import { planSplit, previewSplit, type SplitPreview } from "./planSplit";
import { conflictOf, planRedo, planUndo } from "./planUndo";
import { DEFAULT_ROOT_ID_BASE } from "./rootIds";
import type { SupervoxelGraph } from "./SupervoxelGraph";

export interface ProofreadingOptions {
  /** Base edges with affinity at or above this value are active in the initial agglomeration (A1). */
  readonly threshold: number;
  /** Largest distance in nm between the two points of a merge (M5); absent means no limit. */
  readonly maxMergeDistance?: number | undefined;
  /** Root ids are `rootIdBase + counter` (A3); every supervoxel id must be below it. Default 10^18. */
  readonly rootIdBase?: bigint | undefined;
}

/**
 * A validated edit, computed against the state at sequence number `seq − 1` and not yet applied. The
 * `plan*` functions make one without changing anything; `ProofreadingState.commit` applies it.
 */
export interface EditPlan {
  readonly seq: number;
  readonly type: OperationType;
  readonly id: string;
  readonly author: string;
  readonly time: number;
  readonly points: readonly OperationPoint[];
  readonly added: readonly IndexEdge[];
  readonly removed: readonly IndexEdge[];
  readonly target?: string;
  /** @internal A split's two pieces, already found by the planner, so that the commit need not search. */
  readonly knownPieces?: KnownPieces;
}

/** A segment query surface shared by the local state and remote implementations (viewer, server). */
export interface SegmentQueries {
  rootOf(supervoxel: bigint): bigint;
  supervoxelsOf(root: bigint): BigUint64Array;
  sizeOf(root: bigint): number;
}

/**
 * The live proofreading state of one dataset: base graph + agglomeration + operation log + lineage. The
 * log is the state of record; everything else is a cache that `replayOperations` rebuilds exactly (T3).
 * Edits are validated by the pure `plan*` functions (a refusal changes nothing) and applied by `commit`.
 */
export class ProofreadingState implements SegmentQueries {
  readonly graph: SupervoxelGraph;
  readonly options: Readonly<ProofreadingOptions>;
  readonly log = new OperationLog();
  /** @internal The active edges and segments. */
  readonly agg: Agglomeration;
  /** @internal Edge change history for undo and redo. */
  readonly history = new EditHistory();
  private readonly lineageStore: Lineage;

  constructor(graph: SupervoxelGraph, options: ProofreadingOptions) {
    if (!(options.threshold >= 0 && options.threshold <= 1)) {
      throw new InvalidGraphError(
        "A1",
        "threshold",
        `expected an affinity threshold in [0, 1], got ${options.threshold}`,
      );
    }
    const max = options.maxMergeDistance;
    if (max !== undefined && !(max > 0)) {
      throw new InvalidGraphError("M5", "maxMergeDistance", `expected a positive distance in nm, got ${max}`);
    }
    this.graph = graph;
    this.options = { ...options };
    this.agg = new Agglomeration(graph, options.threshold, options.rootIdBase ?? DEFAULT_ROOT_ID_BASE);
    this.lineageStore = new Lineage(this.agg);
  }

  /** Sequence number of the last operation (0 before any). */
  get seq(): number {
    return this.log.length;
  }

  get segmentCount(): number {
    return this.agg.segmentCount;
  }

  // ------------------------------------------------------------------ queries (A5)

  rootOf(supervoxel: bigint): bigint {
    return this.agg.rootOfIndex(this.graph.requireIndex(supervoxel, "supervoxel"));
  }

  /**
   * Every supervoxel's root as a counter (root id = rootIdBase + counter), by dense index, in one pass:
   * counters are dense, increase with the root ids, and fit a Uint32Array (for materialization).
   */
  rootCounters(out: Uint32Array = new Uint32Array(this.graph.size)): Uint32Array {
    return this.agg.fillRootCounters(out);
  }

  /** One more than the largest root counter minted so far. */
  get rootCounterLimit(): number {
    return this.agg.counter + 1;
  }

  get rootIdBase(): bigint {
    return this.agg.rootIdBase;
  }

  /** Root of a dense supervoxel index; O(1), for hot loops. */
  rootOfIndex(index: number): bigint {
    return this.agg.rootOfIndex(index);
  }

  /** Supervoxel ids of a live root, ascending. Refuses unknown and retired roots (naming the descendants). */
  supervoxelsOf(root: bigint): BigUint64Array {
    const members = this.supervoxelIndicesOf(root);
    const ids = this.graph.supervoxelIds;
    const out = new BigUint64Array(members.length);
    for (let i = 0; i < members.length; i++) out[i] = ids[members[i]!]!;
    return out;
  }

  /** Dense indices of a live root's supervoxels, ascending. */
  supervoxelIndicesOf(root: bigint): Uint32Array {
    const slot = this.agg.slotOfRoot(root, (r) => this.descendants(r));
    return this.agg.membersOfSlot(slot).sort();
  }

  sizeOf(root: bigint): number {
    return this.agg.sizeOfSlot(this.agg.slotOfRoot(root, (r) => this.descendants(r)));
  }

  /** All live roots, ascending. */
  roots(): bigint[] {
    return this.agg
      .liveSlots()
      .map((s) => this.agg.rootOfSlot(s))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  isEdgeActive(a: bigint, b: bigint): boolean {
    return this.agg.isActive(this.graph.requireIndex(a, "a"), this.graph.requireIndex(b, "b"));
  }

  /** Every active edge as an id pair, sorted (O(edges); for tests, export and checks). */
  activeEdges(): EdgePair[] {
    const { offsets, neighbors, slotEdge, supervoxelIds: ids, size } = this.graph;
    const out: EdgePair[] = [];
    for (let v = 0; v < size; v++) {
      for (let s = offsets[v]!; s < offsets[v + 1]!; s++) {
        const w = neighbors[s]!;
        if (w > v && this.agg.active[slotEdge[s]!] === 1) out.push([ids[v]!, ids[w]!]);
      }
    }
    this.agg.extraLo.forEach((lo, k) => {
      if (this.agg.extraActive[k] === 1) out.push([ids[lo]!, ids[this.agg.extraHi[k]!]!]);
    });
    return out.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  }

  // ------------------------------------------------------------------ edits

  merge(request: MergeRequest): Operation {
    return this.commit(planMerge(this, request));
  }

  split(request: SplitRequest): Operation {
    return this.commit(planSplit(this, request));
  }

  /** The cut a split would make, without changing anything (S9). */
  previewSplit(request: SplitRequest): SplitPreview {
    return previewSplit(this, request);
  }

  undo(request: UndoRequest): Operation {
    return this.commit(planUndo(this, request));
  }

  redo(request: UndoRequest): Operation {
    return this.commit(planRedo(this, request));
  }

  /** Applies a plan made against the current sequence number, appends the operation and returns it. */
  commit(plan: EditPlan): Operation {
    if (plan.seq !== this.log.length + 1) throw new SequenceError(this.log.length + 1, plan.seq, plan.id);
    return this.applyEdit(plan, plan.added, plan.removed, null, plan.knownPieces);
  }

  /**
   * Applies an operation from a log (replay, or another server's log), checking that it fits: the next
   * sequence number, a new id, edges in the expected state, undo/redo targets valid, and the same old and
   * new roots as recorded. A misfit throws ReplayMismatchError and changes nothing.
   */
  apply(op: Operation): void {
    this.log.checkAppend(op);
    const mismatch = (what: string) => new ReplayMismatchError(op.seq, op.id, what);
    const toIndex = (id: bigint, field: string) => {
      const i = this.graph.indexOf(id);
      if (i < 0) throw mismatch(`${field}: supervoxel ${id} is not in this dataset`);
      return i;
    };
    const added = op.addedEdges.map(([a, b], i) => ({
      a: toIndex(a, `addedEdges[${i}]`),
      b: toIndex(b, `addedEdges[${i}]`),
    }));
    const removed = op.removedEdges.map(([a, b], i) => ({
      a: toIndex(a, `removedEdges[${i}]`),
      b: toIndex(b, `removedEdges[${i}]`),
    }));
    op.points.forEach((p, i) => {
      toIndex(p.supervoxel, `points[${i}]`);
    });
    const shape =
      op.type === "merge"
        ? added.length === 1 && removed.length === 0
        : op.type === "split"
          ? added.length === 0 && removed.length > 0
          : added.length + removed.length > 0 && (added.length === 0 || removed.length === 0);
    if (!shape) throw mismatch(`a ${op.type} with ${added.length} added and ${removed.length} removed edges`);
    for (const e of added)
      if (e.a === e.b || this.agg.isActive(e.a, e.b))
        throw mismatch(`added edge ${this.pairOf(e).join("–")} is already active`);
    for (const e of removed)
      if (!this.agg.isActive(e.a, e.b))
        throw mismatch(`removed edge ${this.pairOf(e).join("–")} is not active`);
    if (op.type === "undo" || op.type === "redo") {
      const target = op.target === undefined ? undefined : this.log.byId(op.target);
      if (target === undefined || (target.type !== "merge" && target.type !== "split")) {
        throw mismatch(`${op.type} target ${JSON.stringify(op.target)} is not a merge or split of the log`);
      }
      const undone = this.history.isUndone(target.id);
      if (undone !== (op.type === "redo")) {
        throw mismatch(`target ${JSON.stringify(target.id)} is ${undone ? "undone" : "in force"}`);
      }
      const expect =
        op.type === "undo"
          ? { add: target.removedEdges, remove: target.addedEdges }
          : { add: target.addedEdges, remove: target.removedEdges };
      if (!samePairs(expect.add, op.addedEdges) || !samePairs(expect.remove, op.removedEdges)) {
        throw mismatch(`its edges are not the ${op.type} of ${JSON.stringify(target.id)}'s edges`);
      }
      const conflict = conflictOf(this, target, op.type);
      if (conflict !== null)
        throw mismatch(
          `edge ${conflict.edge.join("–")} was changed later by operation #${conflict.laterSeq}`,
        );
    }
    this.applyEdit(op, added, removed, { oldRoots: op.oldRoots, newRoots: op.newRoots });
  }

  private applyEdit(
    edit: Omit<EditPlan, "added" | "removed">,
    added: readonly IndexEdge[],
    removed: readonly IndexEdge[],
    expected: { oldRoots: readonly bigint[]; newRoots: readonly bigint[] } | null,
    known?: KnownPieces,
  ): Operation {
    const seq = edit.seq;
    this.log.checkAppend(edit);
    const hints = edit.points.map((p) => this.graph.indexOf(p.supervoxel));
    const pending = this.agg.prepare(added, removed, hints, known);
    if (
      expected !== null &&
      (!sameRoots(pending.oldRoots, expected.oldRoots) || !sameRoots(pending.newRoots, expected.newRoots))
    ) {
      pending.abort();
      throw new ReplayMismatchError(
        seq,
        edit.id,
        `it changes roots [${pending.oldRoots.join(", ")}] → [${pending.newRoots.join(", ")}], ` +
          `the log says [${expected.oldRoots.join(", ")}] → [${expected.newRoots.join(", ")}]`,
      );
    }
    const firstCounter = this.agg.counter + 1;
    pending.commit(seq);
    const op: Operation = {
      seq,
      id: edit.id,
      type: edit.type,
      author: edit.author,
      time: edit.time,
      points: edit.points,
      addedEdges: added.map((e) => this.pairOf(e)),
      removedEdges: removed.map((e) => this.pairOf(e)),
      oldRoots: pending.oldRoots,
      newRoots: pending.newRoots,
      ...(edit.target === undefined ? {} : { target: edit.target }),
    };
    const keys = [...added, ...removed].map((e) => this.agg.edgeKey(e.a, e.b));
    this.history.record(op, op.target === undefined ? undefined : this.log.byId(op.target), keys);
    this.lineageStore.record(seq, pending.groups, firstCounter);
    this.log.append(op);
    return op;
  }

  private pairOf(e: IndexEdge): EdgePair {
    const ids = this.graph.supervoxelIds;
    return e.a < e.b ? [ids[e.a]!, ids[e.b]!] : [ids[e.b]!, ids[e.a]!];
  }

  // ------------------------------------------------------------------ undo helpers

  /** "applied", "undone", or null when `operationId` is not a merge or split of the log. */
  undoStatus(operationId: string): "applied" | "undone" | null {
    const undone = this.history.isUndone(operationId);
    return undone === undefined ? null : undone ? "undone" : "applied";
  }

  /** The author's most recent merge or split still in force (what "undo" undoes), or undefined. */
  lastUndoable(author: string): Operation | undefined {
    const ops = this.log.all();
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i]!;
      if (
        op.author === author &&
        (op.type === "merge" || op.type === "split") &&
        this.undoStatus(op.id) === "applied"
      )
        return op;
    }
    return undefined;
  }

  /** The author's most recently undone merge or split that is still undone (what "redo" redoes), or undefined. */
  lastRedoable(author: string): Operation | undefined {
    const ops = this.log.all();
    for (let i = ops.length - 1; i >= 0; i--) {
      const op = ops[i]!;
      if (op.author !== author) continue;
      if (op.type === "merge" || op.type === "split") return undefined;
      if (op.type === "undo" && op.target !== undefined && this.undoStatus(op.target) === "undone")
        return this.log.byId(op.target);
    }
    return undefined;
  }

  // ------------------------------------------------------------------ lineage and time travel (T4–T6)

  /** Root of a supervoxel after operation `seq` (0 = the initial agglomeration). */
  rootAt(supervoxel: bigint, seq: number): bigint {
    return this.lineageStore.rootAt(this.graph.requireIndex(supervoxel, "supervoxel"), seq, this.log.length);
  }

  /** Today's roots holding any supervoxel of `root` (itself when alive), ascending. */
  descendants(root: bigint): bigint[] {
    return this.lineageStore.descendants(root);
  }

  lineage(root: bigint): RootLineage {
    return this.lineageStore.lineage(root);
  }

  /** Supervoxel ids of any root ever minted, alive or retired, ascending (its members while it was alive). */
  historicalSupervoxelsOf(root: bigint): BigUint64Array {
    const members = this.lineageStore.members(root);
    const ids = this.graph.supervoxelIds;
    const out = new BigUint64Array(members.length);
    for (let i = 0; i < members.length; i++) out[i] = ids[members[i]!]!;
    return out;
  }

  /** Bytes held per supervoxel and per edge by the graph and the agglomeration, and in growing tables. */
  memoryBytes(): { perSupervoxel: number; perEdge: number; other: number } {
    const g = this.graph.memoryBytes();
    const a = this.agg.memoryBytes();
    return {
      perSupervoxel: g.perSupervoxel + a.perSupervoxel,
      perEdge: g.perEdge + a.perEdge,
      other: a.other,
    };
  }
}

/** A fresh state at sequence number 0. */
export function createProofreadingState(
  graph: SupervoxelGraph,
  options: ProofreadingOptions,
): ProofreadingState {
  return new ProofreadingState(graph, options);
}

/** Rebuilds the live state from the base graph and the log (T3). */
export function replayOperations(
  graph: SupervoxelGraph,
  options: ProofreadingOptions,
  ops: Iterable<Operation>,
): ProofreadingState {
  const state = new ProofreadingState(graph, options);
  for (const op of ops) state.apply(op);
  return state;
}

function sameRoots(a: readonly bigint[], b: readonly bigint[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

function samePairs(a: readonly EdgePair[], b: readonly EdgePair[]): boolean {
  return a.length === b.length && a.every((p, i) => p[0] === b[i]![0] && p[1] === b[i]![1]);
}
