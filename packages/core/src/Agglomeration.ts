import { RetiredRootError, UnknownRootError } from "./errors";
import { findPieces, type Piece } from "./findPieces";
import { checkRootIdBase } from "./rootIds";
import type { SupervoxelGraph } from "./SupervoxelGraph";

/** An edge between two supervoxel indices (either order). */
export interface IndexEdge {
  readonly a: number;
  readonly b: number;
}

/** One connected change of membership inside an operation (SPEC.md A4, T4). */
export interface MembershipGroup {
  /** Roots retired, in the order of the operation's hints they contain. */
  readonly oldRoots: readonly bigint[];
  /** Roots minted, in the order of the operation's hints they contain. */
  readonly newRoots: readonly bigint[];
  /**
   * Sorted supervoxel indices of each new root, except one entry left null (the piece that was not
   * enumerated, or the largest). A merge group has one new root and `[null]`.
   */
  readonly members: readonly (Uint32Array | null)[];
}

/** The pieces a removal leaves in one slot, when the caller already knows them (a split's two sides). */
export interface KnownPieces {
  readonly slot: number;
  readonly pieces: readonly Piece[];
}

/** A change computed but not yet committed; see `Agglomeration.prepare`. */
export interface PendingChange {
  readonly groups: readonly MembershipGroup[];
  readonly oldRoots: readonly bigint[];
  readonly newRoots: readonly bigint[];
  /** Applies the change as operation `seq`: relabels, retires the old roots, mints the new ones. */
  commit(seq: number): void;
  /** Restores the edge flags that `prepare` cleared. */
  abort(): void;
}

/**
 * The agglomeration (SPEC.md A*): which edges are active, and the segments (connected components of the
 * active edges) with their root ids. Active edges are the base edges at or above the threshold, plus edges
 * added by merges, minus edges removed by splits; a merge between two supervoxels that are not adjacent in
 * the graph adds an "extra" edge (edge key ≥ graph.edgeCount), treated as affinity 1.
 *
 * Segments live in slots: `segmentOf[v]` is the slot of supervoxel v, the members of a slot form a circular
 * doubly linked list (`next`, `prev`), so root-of is O(1), members-of is O(size), a merge relabels the
 * smaller side and splices the lists in O(1), and a split relabels only the pieces it enumerates.
 */
export class Agglomeration {
  readonly graph: SupervoxelGraph;
  readonly rootIdBase: bigint;
  /** Active flag of each base edge. */
  readonly active: Uint8Array;
  /** Slot of each supervoxel. */
  readonly segmentOf: Uint32Array;
  readonly next: Uint32Array;
  readonly prev: Uint32Array;
  /** 1 where a supervoxel has extra (merge-added, non-graph) edges. */
  readonly hasExtra: Uint8Array;
  /** Counter of each supervoxel's root at sequence number 0. */
  readonly initialCounter: Uint32Array;
  /** Scratch for traversals: `mark[v] === epoch` means visited; `label[v]` is valid only then. */
  readonly mark: Uint32Array;
  readonly label: Uint32Array;
  private epoch = 0;
  private slotCounter: Float64Array;
  private slotHead: Uint32Array;
  private slotSize: Uint32Array;
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  /** Per root counter: > 0 alive in slot (value − 1); < 0 retired by operation −value; 0 never minted. */
  private rootState: Float64Array;
  private counterValue = 0;
  private liveSegments = 0;
  // extra edges
  readonly extraLo: number[] = [];
  readonly extraHi: number[] = [];
  readonly extraActive: number[] = [];
  private readonly extraKey = new Map<string, number>();
  /** Per supervoxel with extra edges, the indices into extraLo/extraHi. */
  readonly extraAdj = new Map<number, number[]>();

  constructor(graph: SupervoxelGraph, threshold: number, rootIdBase: bigint) {
    const n = graph.size;
    checkRootIdBase(rootIdBase, n > 0 ? graph.supervoxelIds[n - 1] : undefined, n + 1);
    this.graph = graph;
    this.rootIdBase = rootIdBase;
    const m = graph.edgeCount;
    this.active = new Uint8Array(m);
    const aff = graph.affinities;
    // Affinities are stored as float32, so the threshold is compared at float32 precision (0.9 means 0.9f).
    const t = Math.fround(threshold);
    for (let e = 0; e < m; e++) this.active[e] = aff[e]! >= t ? 1 : 0;
    this.segmentOf = new Uint32Array(n);
    this.next = new Uint32Array(n);
    this.prev = new Uint32Array(n);
    this.hasExtra = new Uint8Array(n);
    this.initialCounter = new Uint32Array(n);
    this.mark = new Uint32Array(n);
    this.label = new Uint32Array(n);
    this.slotCounter = new Float64Array(16);
    this.slotHead = new Uint32Array(16);
    this.slotSize = new Uint32Array(16);
    this.rootState = new Float64Array(16);
    this.labelInitialComponents();
  }

  private labelInitialComponents(): void {
    const { offsets, neighbors, slotEdge } = this.graph;
    const n = this.graph.size;
    const active = this.active;
    const seen = this.mark;
    const queue = this.label; // scratch, overwritten below by later uses
    const epoch = this.nextEpoch();
    for (let s = 0; s < n; s++) {
      if (seen[s] === epoch) continue;
      const slot = this.allocSlot();
      seen[s] = epoch;
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      let last = s;
      while (head < tail) {
        const v = queue[head++]!;
        this.segmentOf[v] = slot;
        this.next[last] = v;
        this.prev[v] = last;
        last = v;
        for (let i = offsets[v]!, end = offsets[v + 1]!; i < end; i++) {
          if (active[slotEdge[i]!] === 0) continue;
          const w = neighbors[i]!;
          if (seen[w] === epoch) continue;
          seen[w] = epoch;
          queue[tail++] = w;
        }
      }
      this.next[last] = s;
      this.prev[s] = last;
      this.slotHead[slot] = s;
      this.slotSize[slot] = tail;
      const counter = this.mint(slot);
      for (let i = 0; i < tail; i++) this.initialCounter[queue[i]!] = counter;
    }
  }

  /** Last root counter minted. */
  get counter(): number {
    return this.counterValue;
  }

  /** Number of segments alive. */
  get segmentCount(): number {
    return this.liveSegments;
  }

  /** A fresh traversal epoch for `mark`. */
  nextEpoch(): number {
    if (this.epoch >= 0xfffffffe) {
      this.mark.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  rootOfIndex(v: number): bigint {
    return this.rootIdBase + BigInt(this.slotCounter[this.segmentOf[v]!]!);
  }

  /** Writes each supervoxel's root counter (root id − rootIdBase) into `out` (length ≥ supervoxels). */
  fillRootCounters(out: Uint32Array): Uint32Array {
    const n = this.graph.size;
    const seg = this.segmentOf;
    const counters = this.slotCounter;
    for (let v = 0; v < n; v++) out[v] = counters[seg[v]!]!;
    return out;
  }

  rootOfSlot(slot: number): bigint {
    return this.rootIdBase + BigInt(this.slotCounter[slot]!);
  }

  sizeOfSlot(slot: number): number {
    return this.slotSize[slot]!;
  }

  headOfSlot(slot: number): number {
    return this.slotHead[slot]!;
  }

  /** Root counter of a root id, or -1 when it was never minted. */
  counterOf(root: bigint): number {
    const c = root - this.rootIdBase;
    if (c < 1n || c > BigInt(this.counterValue)) return -1;
    return Number(c);
  }

  rootOfCounter(counter: number): bigint {
    return this.rootIdBase + BigInt(counter);
  }

  /** Operation that retired a root counter, or 0 when it is alive. */
  retiredBy(counter: number): number {
    const s = this.rootState[counter]!;
    return s < 0 ? -s : 0;
  }

  /** Slot of a live root; throws UnknownRootError or RetiredRootError (with its descendants). */
  slotOfRoot(root: bigint, descendants: (root: bigint) => bigint[]): number {
    const c = this.counterOf(root);
    if (c < 0) throw new UnknownRootError(root);
    const s = this.rootState[c]!;
    if (s < 0) throw new RetiredRootError(root, -s, descendants(root));
    return s - 1;
  }

  /** Members of a slot, in list order. */
  membersOfSlot(slot: number): Uint32Array {
    const size = this.slotSize[slot]!;
    const out = new Uint32Array(size);
    let v = this.slotHead[slot]!;
    for (let i = 0; i < size; i++) {
      out[i] = v;
      v = this.next[v]!;
    }
    return out;
  }

  /** Slots of all live segments. */
  liveSlots(): number[] {
    const out: number[] = [];
    for (let c = 1; c <= this.counterValue; c++) {
      const s = this.rootState[c]!;
      if (s > 0) out.push(s - 1);
    }
    return out;
  }

  /** Key of the edge between two indices: graph edge index, graph.edgeCount + extra index, or -1. */
  edgeKey(a: number, b: number): number {
    const e = this.graph.edgeIndex(a, b);
    if (e >= 0) return e;
    const k = this.extraKey.get(a < b ? `${a},${b}` : `${b},${a}`);
    return k === undefined ? -1 : this.graph.edgeCount + k;
  }

  isActiveKey(key: number): boolean {
    const m = this.graph.edgeCount;
    return key < m ? this.active[key] === 1 : this.extraActive[key - m] === 1;
  }

  isActive(a: number, b: number): boolean {
    const key = this.edgeKey(a, b);
    return key >= 0 && this.isActiveKey(key);
  }

  private setActiveKey(key: number, on: boolean): void {
    const m = this.graph.edgeCount;
    if (key < m) this.active[key] = on ? 1 : 0;
    else this.extraActive[key - m] = on ? 1 : 0;
  }

  /** Key of an edge, creating an (inactive) extra edge when the graph has none. */
  private ensureEdgeKey(a: number, b: number): number {
    const key = this.edgeKey(a, b);
    if (key >= 0) return key;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const k = this.extraLo.length;
    this.extraLo.push(lo);
    this.extraHi.push(hi);
    this.extraActive.push(0);
    this.extraKey.set(`${lo},${hi}`, k);
    for (const v of [lo, hi]) {
      const list = this.extraAdj.get(v);
      if (list === undefined) this.extraAdj.set(v, [k]);
      else list.push(k);
      this.hasExtra[v] = 1;
    }
    return this.graph.edgeCount + k;
  }

  /**
   * Computes the membership change of adding or removing edges (never both), without committing it.
   * `hints` (supervoxel indices: the operation's points first) order the groups and the new roots.
   * Removed edges must be active and added edges inactive (the caller checks). Call `commit` or `abort`
   * on the result before anything else touches this agglomeration.
   */
  prepare(
    added: readonly IndexEdge[],
    removed: readonly IndexEdge[],
    hints: readonly number[],
    known?: KnownPieces,
  ): PendingChange {
    if (added.length > 0 && removed.length > 0)
      throw new Error("internal: an operation adds or removes edges, not both");
    return added.length > 0 ? this.prepareAdd(added, hints) : this.prepareRemove(removed, hints, known);
  }

  /** Retires the old roots of a committed change at `seq`. Called by commit work. */
  private retire(slot: number, seq: number): void {
    this.rootState[this.slotCounter[slot]!] = -seq;
  }

  private prepareAdd(added: readonly IndexEdge[], hints: readonly number[]): PendingChange {
    const parent = new Map<number, number>();
    const find = (s: number): number => {
      let r = s;
      for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
      parent.set(s, r);
      return r;
    };
    for (const { a, b } of added) {
      const sa = this.segmentOf[a]!;
      const sb = this.segmentOf[b]!;
      if (!parent.has(sa)) parent.set(sa, sa);
      if (!parent.has(sb)) parent.set(sb, sb);
      const ra = find(sa);
      const rb = find(sb);
      if (ra !== rb) parent.set(ra, rb);
    }
    // Order slots by first hint (points first, then endpoints).
    const order = hintOrder(
      [...hints, ...added.flatMap((e) => [e.a, e.b])].map((v) => this.segmentOf[v]!),
      parent,
    );
    const bySet = new Map<number, number[]>();
    for (const s of order) {
      const r = find(s);
      const list = bySet.get(r);
      if (list === undefined) bySet.set(r, [s]);
      else list.push(s);
    }
    const groupsSlots = [...bySet.values()].filter((slots) => slots.length > 1);
    let counter = this.counterValue;
    const groups: MembershipGroup[] = groupsSlots.map((slots) => ({
      oldRoots: slots.map((s) => this.rootOfSlot(s)),
      newRoots: [this.rootOfCounter(++counter)],
      members: [null],
    }));
    return {
      groups,
      oldRoots: groups.flatMap((g) => g.oldRoots),
      newRoots: groups.flatMap((g) => g.newRoots),
      commit: (seq) => {
        for (const { a, b } of added) this.setActiveKey(this.ensureEdgeKey(a, b), true);
        for (const slots of groupsSlots) this.unionSlots(slots, seq);
      },
      abort: () => {},
    };
  }

  private unionSlots(slots: readonly number[], seq: number): void {
    let keeper = slots[0]!;
    for (const s of slots) if (this.slotSize[s]! > this.slotSize[keeper]!) keeper = s;
    for (const s of slots) this.retire(s, seq);
    for (const s of slots) {
      if (s === keeper) continue;
      let v = this.slotHead[s]!;
      for (let i = this.slotSize[s]!; i > 0; i--) {
        this.segmentOf[v] = keeper;
        v = this.next[v]!;
      }
      const a = this.slotHead[keeper]!;
      const b = this.slotHead[s]!;
      const an = this.next[a]!;
      const bn = this.next[b]!;
      this.next[a] = bn;
      this.prev[bn] = a;
      this.next[b] = an;
      this.prev[an] = b;
      this.slotSize[keeper]! += this.slotSize[s]!;
      this.freeSlot(s);
    }
    this.mint(keeper);
  }

  private prepareRemove(
    removed: readonly IndexEdge[],
    hints: readonly number[],
    known?: KnownPieces,
  ): PendingChange {
    const keys = removed.map(({ a, b }) => this.edgeKey(a, b));
    for (const key of keys) this.setActiveKey(key, false);
    const starts = [...hints, ...removed.flatMap((e) => [e.a, e.b])];
    const affected: number[] = [];
    for (const { a } of removed) {
      const s = this.segmentOf[a]!;
      if (!affected.includes(s)) affected.push(s);
    }
    const plans: { slot: number; pieces: Piece[]; firstHint: number }[] = [];
    for (const slot of affected) {
      const local = starts.filter((v) => this.segmentOf[v] === slot);
      const pieces = known?.slot === slot ? [...known.pieces] : this.pieces(local);
      if (pieces.length > 1) plans.push({ slot, pieces, firstHint: starts.indexOf(pieces[0]!.firstStart) });
    }
    plans.sort((x, y) => x.firstHint - y.firstHint);
    let counter = this.counterValue;
    const groups: MembershipGroup[] = plans.map(({ slot, pieces }) => {
      let kept = pieces.findIndex((p) => p.members === null);
      if (kept < 0) {
        kept = 0;
        for (let i = 1; i < pieces.length; i++)
          if (pieces[i]!.members!.length > pieces[kept]!.members!.length) kept = i;
      }
      return {
        oldRoots: [this.rootOfSlot(slot)],
        newRoots: pieces.map(() => this.rootOfCounter(++counter)),
        members: pieces.map((p, i) => (i === kept ? null : sortedCopy(p.members!))),
      };
    });
    return {
      groups,
      oldRoots: groups.flatMap((g) => g.oldRoots),
      newRoots: groups.flatMap((g) => g.newRoots),
      commit: (seq) => {
        plans.forEach(({ slot, pieces }, g) => {
          this.splitSlot(slot, pieces, groups[g]!.members, seq);
        });
      },
      abort: () => {
        for (const key of keys) this.setActiveKey(key, true);
      },
    };
  }

  /** Moves every piece except the kept one (members null) to a new slot, then mints roots in piece order. */
  private splitSlot(
    slot: number,
    pieces: readonly Piece[],
    members: readonly (Uint32Array | null)[],
    seq: number,
  ): void {
    this.retire(slot, seq);
    const slots: number[] = [];
    pieces.forEach((_, i) => {
      const list = members[i];
      if (list === null || list === undefined) {
        slots.push(slot);
        return;
      }
      const s = this.allocSlot();
      for (let j = 0; j < list.length; j++) {
        const v = list[j]!;
        const p = this.prev[v]!;
        const nx = this.next[v]!;
        this.next[p] = nx;
        this.prev[nx] = p;
        if (this.slotHead[slot] === v) this.slotHead[slot] = nx;
        this.segmentOf[v] = s;
        const prevInNew = j === 0 ? list[list.length - 1]! : list[j - 1]!;
        const nextInNew = j === list.length - 1 ? list[0]! : list[j + 1]!;
        this.prev[v] = prevInNew;
        this.next[v] = nextInNew;
      }
      this.slotHead[s] = list[0]!;
      this.slotSize[s] = list.length;
      this.slotSize[slot]! -= list.length;
      slots.push(s);
    });
    for (const s of slots) this.mint(s);
  }

  /**
   * Runs `fn` with the given edges inactive, restoring them afterwards (for checks on a hypothetical cut).
   */
  withEdgesInactive<T>(edges: readonly IndexEdge[], fn: () => T): T {
    const keys = edges.map(({ a, b }) => this.edgeKey(a, b)).filter((k) => k >= 0 && this.isActiveKey(k));
    for (const key of keys) this.setActiveKey(key, false);
    try {
      return fn();
    } finally {
      for (const key of keys) this.setActiveKey(key, true);
    }
  }

  /**
   * Connected pieces of one segment after its removed edges were deactivated (see `findPieces`).
   */
  pieces(starts: readonly number[]): Piece[] {
    return findPieces(this, starts);
  }

  private allocSlot(): number {
    this.liveSegments++;
    const free = this.freeSlots.pop();
    if (free !== undefined) return free;
    const s = this.slotCount++;
    if (s >= this.slotHead.length) {
      const cap = Math.max(16, Math.ceil(this.slotHead.length * 1.5));
      this.slotCounter = grow(this.slotCounter, cap);
      this.slotHead = grow(this.slotHead, cap);
      this.slotSize = grow(this.slotSize, cap);
    }
    return s;
  }

  private freeSlot(s: number): void {
    this.slotSize[s] = 0;
    this.freeSlots.push(s);
    this.liveSegments--;
  }

  private mint(slot: number): number {
    const c = ++this.counterValue;
    if (c >= this.rootState.length)
      this.rootState = grow(this.rootState, Math.ceil(this.rootState.length * 1.5) + 16);
    this.rootState[c] = slot + 1;
    this.slotCounter[slot] = c;
    return c;
  }

  /** Bytes held per supervoxel, per edge, and in tables that grow with roots and edits. */
  memoryBytes(): { perSupervoxel: number; perEdge: number; other: number } {
    const perSupervoxel =
      this.segmentOf.byteLength +
      this.next.byteLength +
      this.prev.byteLength +
      this.hasExtra.byteLength +
      this.initialCounter.byteLength +
      this.mark.byteLength +
      this.label.byteLength;
    const other =
      this.slotCounter.byteLength +
      this.slotHead.byteLength +
      this.slotSize.byteLength +
      this.rootState.byteLength;
    return { perSupervoxel, perEdge: this.active.byteLength, other };
  }
}

function hintOrder(slots: readonly number[], known: ReadonlyMap<number, number>): number[] {
  const out: number[] = [];
  for (const s of slots) if (known.has(s) && !out.includes(s)) out.push(s);
  return out;
}

function sortedCopy(list: readonly number[]): Uint32Array {
  const out = Uint32Array.from(list);
  out.sort();
  return out;
}

function grow<T extends Float64Array | Uint32Array>(a: T, capacity: number): T {
  const out = new (a.constructor as new (n: number) => T)(capacity);
  out.set(a);
  return out;
}
