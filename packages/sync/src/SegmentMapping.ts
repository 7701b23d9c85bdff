/**
 * A client's supervoxel → root (segment) mapping, kept current by applying op summaries [M1–M4]. Works
 * on a partial mapping too (a view that knows only the supervoxels it has loaded): supervoxels listed in
 * a summary are added, known supervoxels of a retired root move to the summary's last new root.
 */
import type { OpSummary } from "./schema";

/** Thrown when summaries skip sequence numbers the mapping has not seen; reload the mapping [M3]. */
export class OpsGapError extends Error {
  override readonly name = "OpsGapError";
  constructor(
    readonly expectedSeq: number,
    readonly gotSeq: number,
  ) {
    super(
      `op summaries: expected seq ${expectedSeq} next, got ${gotSeq}; ops ${expectedSeq}–${gotSeq - 1} are ` +
        "missing (older than the retained log), reload the mapping from the server",
    );
  }
}

/** Roots retired and minted by the summaries one `apply` call applied. */
export interface MappingChange {
  readonly retired: string[];
  readonly created: string[];
  /** The sequence numbers applied, in order (summaries already seen are skipped). */
  readonly applied: number[];
}

export class SegmentMapping {
  private readonly rootOfSv = new Map<string, string>();
  private readonly membersOfRoot = new Map<string, Set<string>>();
  private seq: number;

  /**
   * `entries` are (supervoxel, root) pairs as of operation `seq` (0: the base agglomeration, no op yet).
   * Summaries with seq ≤ `seq` are skipped when applied.
   */
  constructor(entries: Iterable<readonly [supervoxel: string, root: string]> = [], seq = 0) {
    this.seq = seq;
    for (const [sv, root] of entries) this.assign(sv, root);
  }

  /** The sequence number of the last operation reflected in the mapping. */
  get lastSeq(): number {
    return this.seq;
  }

  get size(): number {
    return this.rootOfSv.size;
  }

  rootOf(supervoxel: string): string | undefined {
    return this.rootOfSv.get(supervoxel);
  }

  /** The known supervoxels of `root` (a live view; do not modify). */
  membersOf(root: string): ReadonlySet<string> {
    return this.membersOfRoot.get(root) ?? new Set();
  }

  /** Every (supervoxel, root) pair known. */
  entries(): IterableIterator<[string, string]> {
    return this.rootOfSv.entries();
  }

  /**
   * Applies summaries in seq order [M1, M2]. Already-applied ones are skipped [M4]; a gap throws
   * OpsGapError before anything of the batch is applied [M3].
   */
  apply(summaries: readonly OpSummary[]): MappingChange {
    const todo = summaries.filter((s) => s.seq > this.seq).sort((a, b) => a.seq - b.seq);
    let expected = this.seq + 1;
    for (const s of todo) {
      if (s.seq !== expected) throw new OpsGapError(expected, s.seq);
      expected += 1;
    }
    const change: MappingChange = { retired: [], created: [], applied: [] };
    for (const s of todo) {
      this.applyOne(s);
      change.retired.push(...s.oldRoots);
      change.created.push(...s.newRoots);
      change.applied.push(s.seq);
      this.seq = s.seq;
    }
    return change;
  }

  private applyOne(s: OpSummary): void {
    const moving = new Set<string>();
    for (const root of s.oldRoots) {
      for (const sv of this.membersOfRoot.get(root) ?? []) moving.add(sv);
      this.membersOfRoot.delete(root);
    }
    for (const sv of moving) this.rootOfSv.delete(sv);
    const last = s.newRoots.length - 1;
    s.newRoots.forEach((root, i) => {
      if (i === last) return;
      for (const sv of s.members[i] ?? []) {
        moving.delete(sv);
        this.assign(sv, root);
      }
    });
    const rest = s.newRoots[last];
    if (rest !== undefined) for (const sv of moving) this.assign(sv, rest);
  }

  private assign(sv: string, root: string): void {
    const prev = this.rootOfSv.get(sv);
    if (prev !== undefined) this.membersOfRoot.get(prev)?.delete(sv);
    this.rootOfSv.set(sv, root);
    let members = this.membersOfRoot.get(root);
    if (members === undefined) {
      members = new Set();
      this.membersOfRoot.set(root, members);
    }
    members.add(sv);
  }
}
