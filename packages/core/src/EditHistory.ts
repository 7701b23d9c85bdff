import type { Operation } from "./Operation";

/**
 * What undo and redo need to know (SPEC.md U2–U4). For every edge, the operation responsible for its
 * current state (`lastChange`, 0 for the base agglomeration); for every merge and split, what was
 * responsible for each of its edges before it, and whether it is undone.
 *
 * Applying merge or split X makes X responsible for its edges. Undoing X requires X to be still responsible
 * for all of them, and hands each back to its previous owner; redoing X requires the previous owners to be
 * still responsible, and makes X responsible again. So undo works like a stack per edge: a later edit that
 * is in force blocks it, a later edit that was itself undone does not.
 */
export class EditHistory {
  private readonly lastChange = new Map<number, number>();
  private readonly lastTouch = new Map<number, number>();
  private readonly before = new Map<string, Map<number, number>>();
  private readonly undone = new Map<string, boolean>();

  /** Sequence number of the operation responsible for edge `key`'s state, or 0 for the base agglomeration. */
  lastChangeOf(key: number): number {
    return this.lastChange.get(key) ?? 0;
  }

  /** Sequence number of the last operation (of any type) that changed edge `key`, or 0. */
  lastTouchOf(key: number): number {
    return this.lastTouch.get(key) ?? 0;
  }

  /** Whether a merge or split is undone; undefined when `operationId` is no merge or split of the log. */
  isUndone(operationId: string): boolean | undefined {
    return this.undone.get(operationId);
  }

  /** The operation that must be responsible for edge `key` for `target` to be undone or redone. */
  expectedOwner(target: Operation, type: "undo" | "redo", key: number): number {
    return type === "undo" ? target.seq : (this.before.get(target.id)?.get(key) ?? 0);
  }

  /** Records a committed operation whose changed edges have these keys (its target's for undo/redo). */
  record(op: Operation, target: Operation | undefined, edgeKeys: readonly number[]): void {
    for (const key of edgeKeys) this.lastTouch.set(key, op.seq);
    if (op.type === "merge" || op.type === "split") {
      const before = new Map<number, number>();
      for (const key of edgeKeys) {
        before.set(key, this.lastChangeOf(key));
        this.lastChange.set(key, op.seq);
      }
      this.before.set(op.id, before);
      this.undone.set(op.id, false);
      return;
    }
    if (target === undefined) throw new Error(`internal: ${op.type} ${op.id} without its target`);
    const before = this.before.get(target.id)!;
    for (const key of edgeKeys) {
      this.lastChange.set(key, op.type === "undo" ? (before.get(key) ?? 0) : target.seq);
    }
    this.undone.set(target.id, op.type === "undo");
  }
}
