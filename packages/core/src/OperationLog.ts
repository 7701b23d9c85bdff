import { DuplicateOperationError, SequenceError } from "./errors";
import type { Operation } from "./Operation";

/**
 * The append-only operation log (SPEC.md T1, T2): sequence numbers 1, 2, 3… without gaps, operation ids
 * unique. Nothing is ever removed or rewritten; undo and redo are appended like any other operation.
 */
export class OperationLog {
  private readonly entries: Operation[] = [];
  private readonly seqById = new Map<string, number>();

  /** Number of operations, which is also the sequence number of the last one (0 when empty). */
  get length(): number {
    return this.entries.length;
  }

  /** The operation with sequence number `seq`, if any. */
  get(seq: number): Operation | undefined {
    return this.entries[seq - 1];
  }

  /** The operation with this id, if any. */
  byId(id: string): Operation | undefined {
    const seq = this.seqById.get(id);
    return seq === undefined ? undefined : this.entries[seq - 1];
  }

  /** Sequence number of an operation id, or 0 when absent. */
  seqOf(id: string): number {
    return this.seqById.get(id) ?? 0;
  }

  /** All operations in order. The array is the log's own: do not modify it. */
  all(): readonly Operation[] {
    return this.entries;
  }

  /** Operations after sequence number `seq` (what a client that has seen up to `seq` is missing). */
  since(seq: number): Operation[] {
    return this.entries.slice(Math.max(0, seq));
  }

  /** Throws SequenceError or DuplicateOperationError when `op` cannot be appended next. */
  checkAppend(op: Pick<Operation, "seq" | "id">): void {
    if (op.seq !== this.entries.length + 1) throw new SequenceError(this.entries.length + 1, op.seq, op.id);
    const existing = this.seqById.get(op.id);
    if (existing !== undefined) throw new DuplicateOperationError(op.id, existing);
  }

  append(op: Operation): void {
    this.checkAppend(op);
    this.entries.push(op);
    this.seqById.set(op.id, op.seq);
  }
}
