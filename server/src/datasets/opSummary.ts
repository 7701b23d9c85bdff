import { formatId, type Operation, type ProofreadingState } from "@danio/core";
import type { OpSummary } from "@danio/sync";

/**
 * The summary of an operation that goes into the document's `ops` (packages/sync SPEC Y3): for every new
 * root but the last, its supervoxels; the last takes the rest. The largest new root is put last so that a
 * split lists only its smaller piece.
 */
export function opSummary(op: Operation, state: ProofreadingState): OpSummary {
  const sized = op.newRoots.map((root) => ({ root, size: state.sizeOf(root) }));
  sized.sort((a, b) => a.size - b.size || (a.root < b.root ? -1 : 1));
  const members = sized.slice(0, -1).map(({ root }) => Array.from(state.supervoxelsOf(root), formatId));
  return {
    seq: op.seq,
    id: op.id,
    type: op.type,
    author: op.author,
    time: op.time,
    oldRoots: op.oldRoots.map(formatId),
    newRoots: sized.map(({ root }) => formatId(root)),
    members,
  };
}
