import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";
import type { ToolState } from "../tools/toolMachine";

const selectTool = (s: ViewerState) => s.tool;
const selectRole = (s: ViewerState) => s.user?.role ?? "viewer";
const selectBusy = (s: ViewerState) => s.busy;

const TOOLS: { tool: ToolState["tool"]; label: string; key: string; edits: boolean }[] = [
  { tool: "select", label: "Select", key: "S", edits: false },
  { tool: "merge", label: "Merge", key: "M", edits: true },
  { tool: "split", label: "Split", key: "X", edits: true },
  { tool: "annotate", label: "Annotate", key: "A", edits: true },
];

/** The tools; editing tools are disabled for viewers (the server refuses them anyway). */
export function Toolbar({ session }: { session: ViewerSession }) {
  const tool = useStore(session.store, selectTool);
  const role = useStore(session.store, selectRole);
  const busy = useStore(session.store, selectBusy);
  const canEdit = role !== "viewer";
  return (
    <div className="toolbar" role="toolbar" aria-label="tools">
      {TOOLS.map((t) => (
        <button
          key={t.tool}
          type="button"
          data-tool={t.tool}
          aria-pressed={tool.tool === t.tool}
          disabled={t.edits && !canEdit}
          title={`${t.label} (${t.key})`}
          onClick={() => session.dispatch({ type: "choose", tool: t.tool })}
        >
          {t.label}
        </button>
      ))}
      <span className="sep" />
      <button
        type="button"
        disabled={!canEdit || busy}
        onClick={() => void session.undo()}
        title="Undo my last edit (Z)"
      >
        Undo
      </button>
      <button type="button" disabled={!canEdit || busy} onClick={() => void session.redo()} title="Redo (Y)">
        Redo
      </button>
      {tool.tool === "split" && (
        <>
          <span className="sep" />
          <button
            type="button"
            aria-pressed={tool.side === "source"}
            onClick={() => session.dispatch({ type: "side", side: "source" })}
            title="Mark sources (1)"
          >
            Sources ({tool.sources.length})
          </button>
          <button
            type="button"
            aria-pressed={tool.side === "sink"}
            onClick={() => session.dispatch({ type: "side", side: "sink" })}
            title="Mark sinks (2)"
          >
            Sinks ({tool.sinks.length})
          </button>
        </>
      )}
    </div>
  );
}
