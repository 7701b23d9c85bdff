import type { Agglomeration, MembershipGroup } from "./Agglomeration";
import { InvalidSequenceNumberError, UnknownRootError } from "./errors";

/** Where a root id came from and where it went (SPEC.md T4). */
export interface RootLineage {
  readonly root: bigint;
  /** Sequence number of the operation that minted it; 0 for the initial agglomeration. */
  readonly mintedBy: number;
  /** Sequence number of the operation that retired it; 0 while alive. */
  readonly retiredBy: number;
  /** Roots retired by the operation that minted this one, in its group (empty at seq 0). */
  readonly parents: readonly bigint[];
  /** Roots minted by the operation that retired this one, in its group (empty while alive). */
  readonly children: readonly bigint[];
}

/**
 * Lineage and time travel (SPEC.md T4–T6). Each operation's membership groups are kept (old roots → new
 * roots, plus the member lists of all new roots but one), and the agglomeration knows which operation
 * retired each root. A root's members never change while it is alive, so the root of a supervoxel at
 * sequence number s is found by walking forward from its initial root through the groups of the
 * operations that retired each root, choosing at each split the piece whose member list holds it.
 */
export class Lineage {
  private readonly groupsBySeq: (readonly MembershipGroup[])[] = [];
  /** Operations that minted roots, and the first counter each minted (both ascending), for `mintedBy`. */
  private readonly mintSeq: number[] = [];
  private readonly mintFirst: number[] = [];

  constructor(private readonly agg: Agglomeration) {}

  /** Records operation `seq`'s groups; call after the change is committed. */
  record(seq: number, groups: readonly MembershipGroup[], firstCounter: number): void {
    this.groupsBySeq[seq - 1] = groups;
    if (groups.some((g) => g.newRoots.length > 0)) {
      this.mintSeq.push(seq);
      this.mintFirst.push(firstCounter);
    }
  }

  /** Groups of operation `seq`. */
  groupsOf(seq: number): readonly MembershipGroup[] {
    return this.groupsBySeq[seq - 1] ?? [];
  }

  /** Root of supervoxel index `v` after operation `seq` (0 = the initial agglomeration). */
  rootAt(v: number, seq: number, lastSeq: number): bigint {
    if (!Number.isInteger(seq) || seq < 0 || seq > lastSeq)
      throw new InvalidSequenceNumberError(seq, lastSeq);
    const agg = this.agg;
    let root = agg.rootOfCounter(agg.initialCounter[v]!);
    for (;;) {
      const t = agg.retiredBy(agg.counterOf(root));
      if (t === 0 || t > seq) return root;
      const group = this.groupRetiring(root, t);
      root = pieceHolding(group, v);
    }
  }

  /**
   * Today's roots that hold any supervoxel of `root` (T6), ascending: the live roots of the root's members.
   * (Following the lineage forward alone would over-count: a root merged into a segment that is later split
   * does not reach every piece.)
   */
  descendants(root: bigint): bigint[] {
    const agg = this.agg;
    const c = agg.counterOf(root);
    if (c < 0) throw new UnknownRootError(root);
    if (agg.retiredBy(c) === 0) return [root];
    const out = new Set<bigint>();
    for (const v of this.members(root)) out.add(agg.rootOfIndex(v));
    return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * Sorted supervoxel indices of any root ever minted, alive or retired (a root's members never change while
   * it is alive). Rebuilt from the lineage: an initial root from the initial labels, a merged root as the
   * union of its parents, a split piece from its stored member list or as its parent minus the other pieces.
   */
  members(root: bigint): Uint32Array {
    const agg = this.agg;
    const c = agg.counterOf(root);
    if (c < 0) throw new UnknownRootError(root);
    const memo = new Map<bigint, Uint32Array>();
    const resolve = (r: bigint): Uint32Array => {
      const known = memo.get(r);
      if (known !== undefined) return known;
      const counter = agg.counterOf(r);
      let out: Uint32Array;
      if (agg.retiredBy(counter) === 0) {
        out = agg.membersOfSlot(agg.slotOfRoot(r, () => [])).sort();
      } else {
        const minted = this.mintedBy(counter);
        if (minted === 0) {
          const list: number[] = [];
          const initial = agg.initialCounter;
          for (let v = 0; v < initial.length; v++) if (initial[v] === counter) list.push(v);
          out = Uint32Array.from(list);
        } else {
          const group = this.groupOf(minted, r, "newRoots");
          const i = group.newRoots.indexOf(r);
          const stored = group.members[i];
          if (group.newRoots.length === 1) {
            out = unionSorted(group.oldRoots.map(resolve));
          } else if (stored !== null && stored !== undefined) {
            out = stored;
          } else {
            const parent = resolve(group.oldRoots[0]!);
            const epoch = agg.nextEpoch();
            for (const list of group.members) if (list !== null) for (const v of list) agg.mark[v] = epoch;
            out = parent.filter((v) => agg.mark[v] !== epoch);
          }
        }
      }
      memo.set(r, out);
      return out;
    };
    return resolve(root);
  }

  lineage(root: bigint): RootLineage {
    const agg = this.agg;
    const c = agg.counterOf(root);
    if (c < 0) throw new UnknownRootError(root);
    const mintedBy = this.mintedBy(c);
    const retiredBy = agg.retiredBy(c);
    const parents = mintedBy === 0 ? [] : this.groupOf(mintedBy, root, "newRoots").oldRoots;
    const children = retiredBy === 0 ? [] : this.groupRetiring(root, retiredBy).newRoots;
    return { root, mintedBy, retiredBy, parents: [...parents], children: [...children] };
  }

  private mintedBy(counter: number): number {
    // Counters are minted in order: find the last minting operation whose first counter is ≤ counter.
    const first = this.mintFirst;
    let lo = 0;
    let hi = first.length - 1;
    let found = 0;
    while (lo <= hi) {
      const m = (lo + hi) >>> 1;
      if (first[m]! <= counter) {
        found = this.mintSeq[m]!;
        lo = m + 1;
      } else hi = m - 1;
    }
    return found;
  }

  private groupRetiring(root: bigint, seq: number): MembershipGroup {
    return this.groupOf(seq, root, "oldRoots");
  }

  private groupOf(seq: number, root: bigint, field: "oldRoots" | "newRoots"): MembershipGroup {
    for (const g of this.groupsOf(seq)) if (g[field].includes(root)) return g;
    throw new Error(`internal: operation #${seq} has no group with ${field} ${root}`);
  }
}

function pieceHolding(group: MembershipGroup, v: number): bigint {
  const { newRoots, members } = group;
  if (newRoots.length === 1) return newRoots[0]!;
  let rest = -1;
  for (let i = 0; i < newRoots.length; i++) {
    const list = members[i];
    if (list === null || list === undefined) {
      rest = i;
      continue;
    }
    if (contains(list, v)) return newRoots[i]!;
  }
  return newRoots[rest]!;
}

function contains(sorted: Uint32Array, v: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >>> 1;
    const x = sorted[m]!;
    if (x < v) lo = m + 1;
    else if (x > v) hi = m - 1;
    else return true;
  }
  return false;
}

function unionSorted(lists: readonly Uint32Array[]): Uint32Array {
  let total = 0;
  for (const l of lists) total += l.length;
  const out = new Uint32Array(total);
  let k = 0;
  for (const l of lists) {
    out.set(l, k);
    k += l.length;
  }
  return out.sort();
}
