/** A byte range of a file. */
export interface ByteRange {
  offset: number;
  length: number;
}

/** One HTTP Range request covering several wanted ranges; `members` index the input list. */
export interface RangeBatch extends ByteRange {
  members: number[];
}

export interface BatchOptions {
  /** Merge two ranges when at most this many unwanted bytes lie between them. */
  maxGap: number;
  /** Never make a batch longer than this (a single longer range still gets a batch of its own). */
  maxLength: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxGap: 32 * 1024, maxLength: 4 * 1024 * 1024 };

/**
 * Groups byte ranges into as few requests as the options allow: sorted by offset, a range joins the
 * current batch when the gap before it is ≤ maxGap and the batch stays ≤ maxLength. Overlapping and
 * duplicate ranges share a batch. Empty ranges are skipped.
 */
export function batchRanges(
  ranges: readonly ByteRange[],
  options: BatchOptions = DEFAULT_BATCH,
): RangeBatch[] {
  const order: number[] = [];
  for (let i = 0; i < ranges.length; i++) if (ranges[i]!.length > 0) order.push(i);
  order.sort((a, b) => ranges[a]!.offset - ranges[b]!.offset || a - b);
  const out: RangeBatch[] = [];
  let cur: RangeBatch | null = null;
  for (const i of order) {
    const r = ranges[i]!;
    if (cur) {
      const end = cur.offset + cur.length;
      const newEnd = Math.max(end, r.offset + r.length);
      if (r.offset - end <= options.maxGap && newEnd - cur.offset <= options.maxLength) {
        cur.length = newEnd - cur.offset;
        cur.members.push(i);
        continue;
      }
    }
    cur = { offset: r.offset, length: r.length, members: [i] };
    out.push(cur);
  }
  return out;
}
