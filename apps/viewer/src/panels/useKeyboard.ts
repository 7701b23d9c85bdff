import { useEffect } from "react";
import type { ViewerSession } from "../state/ViewerSession";
import { stepSlice } from "../slices/sliceCommands";
import { shortcutFor } from "../tools/shortcuts";

/** Wires the keyboard shortcuts of tools/shortcuts.ts to the session. */
export function useKeyboard(session: ViewerSession, toggleHelp: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e.key, e.target as { tagName?: string } | null);
      if (!action || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = session.store.getState();
      const root = s.selected[0];
      switch (action) {
        case "tool-select":
          return session.dispatch({ type: "choose", tool: "select" });
        case "tool-merge":
          return session.dispatch({ type: "choose", tool: "merge" });
        case "tool-split":
          return session.dispatch({ type: "choose", tool: "split" });
        case "tool-annotate":
          return session.dispatch({ type: "choose", tool: "annotate" });
        case "side-source":
          return session.dispatch({ type: "side", side: "source" });
        case "side-sink":
          return session.dispatch({ type: "side", side: "sink" });
        case "confirm":
          if (s.confirm) void session.confirmMerge();
          else if (s.preview) void session.confirmSplit();
          return;
        case "cancel":
          if (s.tool.tool === "select") session.clearSelection();
          return session.dispatch({ type: "cancel" });
        case "undo":
          return void session.undo();
        case "redo":
          return void session.redo();
        case "claim":
          if (root) session.claim(root);
          return;
        case "complete":
          if (root) session.setStatus(root, "complete");
          return;
        case "slice-up":
        case "slice-down":
          return stepSlice(session, "xy", (action === "slice-up" ? 1 : -1) * (e.shiftKey ? 10 : 1));
        case "help":
          return toggleHelp();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [session, toggleHelp]);
}
