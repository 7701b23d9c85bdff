import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectConfirm = (s: ViewerState) => s.confirm;
const selectPreview = (s: ViewerState) => s.preview;
const selectTool = (s: ViewerState) => s.tool;
const selectBusy = (s: ViewerState) => s.busy;

/** Asks to confirm a merge, or shows the split preview's figures with confirm / cancel. */
export function ConfirmBar({ session }: { session: ViewerSession }) {
  const confirm = useStore(session.store, selectConfirm);
  const preview = useStore(session.store, selectPreview);
  const tool = useStore(session.store, selectTool);
  const busy = useStore(session.store, selectBusy);
  if (confirm?.kind === "merge") {
    const [a, b] = confirm.points;
    return (
      <div className="confirm" role="dialog" aria-label="confirm merge">
        Merge segment {a.root} with {b.root}?
        <button type="button" disabled={busy} onClick={() => void session.confirmMerge()}>
          Merge (Enter)
        </button>
        <button type="button" onClick={() => session.dispatch({ type: "cancel" })}>
          Cancel (Esc)
        </button>
      </div>
    );
  }
  if (tool.tool === "split" && preview) {
    return (
      <div className="confirm" role="dialog" aria-label="confirm split">
        Split {preview.root}: {preview.sources.length} supervoxels (sources) | {preview.sinks.length} (sinks),
        cutting {preview.cutEdges.length} edges (weight {preview.cutWeight.toFixed(2)})
        <button type="button" disabled={busy} onClick={() => void session.confirmSplit()}>
          Split (Enter)
        </button>
        <button type="button" onClick={() => session.dispatch({ type: "cancel" })}>
          Cancel (Esc)
        </button>
      </div>
    );
  }
  return null;
}
