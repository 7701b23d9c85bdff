/** Keyboard shortcuts, listed in the help panel. `action` names are handled by the app. */
export const SHORTCUTS = [
  { key: "s", action: "tool-select", about: "select tool: click a segment (shift-click adds)" },
  { key: "m", action: "tool-merge", about: "merge tool: click two segments, then confirm" },
  {
    key: "x",
    action: "tool-split",
    about: "split tool: click sources, press 2, click sinks; a preview shows both sides",
  },
  { key: "1", action: "side-source", about: "split: mark sources" },
  { key: "2", action: "side-sink", about: "split: mark sinks" },
  { key: "a", action: "tool-annotate", about: "annotate tool: click to place a note" },
  { key: "Enter", action: "confirm", about: "confirm the merge or split" },
  { key: "Escape", action: "cancel", about: "cancel the current tool's points; clear the selection" },
  { key: "z", action: "undo", about: "undo my last edit" },
  { key: "y", action: "redo", about: "redo my last undone edit" },
  { key: "c", action: "claim", about: "claim the selected neuron" },
  { key: "k", action: "complete", about: "mark the selected neuron complete" },
  { key: "PageUp", action: "slice-up", about: "next slice" },
  { key: "PageDown", action: "slice-down", about: "previous slice" },
  { key: "?", action: "help", about: "show or hide this help" },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]["action"];

/** The action of a key press, or undefined; typing in a form field never triggers a shortcut. */
export function shortcutFor(key: string, target: { tagName?: string } | null): ShortcutAction | undefined {
  const tag = target?.tagName?.toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select") return undefined;
  const k = key.length === 1 ? key.toLowerCase() : key;
  return SHORTCUTS.find((s) => s.key === k)?.action;
}
