/**
 * The `ops` log of the dataset document [Y2, Y3]: recent operation summaries, appended by the server only.
 */
import type * as Y from "yjs";
import { parseOpSummary } from "./parseRecord";
import { datasetTypes, MAX_RETAINED_OPS, type OpSummary } from "./schema";

/** Thrown when summaries cannot be appended to `ops`, naming the summary and the reason. */
export class OpsAppendError extends Error {
  override readonly name = "OpsAppendError";
}

/** The retained op summaries, oldest first. Throws naming the entry if one is malformed. */
export function readOps(doc: Y.Doc): OpSummary[] {
  return datasetTypes(doc)
    .ops.toArray()
    .map((value, i) => {
      const parsed = parseOpSummary(value, `ops[${i}]`);
      if (!parsed.ok) throw new OpsAppendError(`reading ops: ${parsed.reason}`);
      return parsed.value;
    });
}

/**
 * Server side: appends summaries in one transaction and deletes the oldest beyond `retain` [Y2]. Each
 * summary is checked [Y3] and seq must increase strictly; a refused batch appends nothing.
 */
export function appendOps(
  doc: Y.Doc,
  summaries: readonly OpSummary[],
  options: { retain?: number; origin?: unknown } = {},
): void {
  const retain = options.retain ?? MAX_RETAINED_OPS;
  if (!Number.isSafeInteger(retain) || retain < 1) {
    throw new OpsAppendError(`appendOps: retain must be a positive integer, got ${retain}`);
  }
  const { ops } = datasetTypes(doc);
  const last = ops.length > 0 ? ops.get(ops.length - 1) : undefined;
  let lastSeq = last === undefined ? -1 : last.seq;
  const checked = summaries.map((s, i) => {
    const parsed = parseOpSummary(s, `summaries[${i}]`);
    if (!parsed.ok) throw new OpsAppendError(`appendOps: ${parsed.reason}`);
    if (parsed.value.seq <= lastSeq) {
      throw new OpsAppendError(
        `appendOps: summaries[${i}].seq ${parsed.value.seq} must be greater than ${lastSeq}`,
      );
    }
    lastSeq = parsed.value.seq;
    return parsed.value;
  });
  if (checked.length === 0) return;
  doc.transact(() => {
    ops.push(checked);
    if (ops.length > retain) ops.delete(0, ops.length - retain);
  }, options.origin);
}

/**
 * Calls `listener` with the summaries inserted into `ops` by each transaction (the whole retained log on
 * the first sync). Returns the function that stops listening.
 */
export function observeOps(doc: Y.Doc, listener: (summaries: OpSummary[]) => void): () => void {
  const { ops } = datasetTypes(doc);
  const handler = (event: Y.YArrayEvent<OpSummary>) => {
    const inserted: OpSummary[] = [];
    for (const change of event.changes.delta) {
      if (change.insert === undefined || typeof change.insert === "string") continue;
      for (const value of change.insert) {
        const parsed = parseOpSummary(value);
        if (parsed.ok) inserted.push(parsed.value);
      }
    }
    if (inserted.length > 0) listener(inserted);
  };
  ops.observe(handler);
  return () => ops.unobserve(handler);
}
