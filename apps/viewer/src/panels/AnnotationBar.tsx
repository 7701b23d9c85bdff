import { useState } from "react";
import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectAnnotating = (s: ViewerState) => s.annotating;

/** The note for a point picked with the annotate tool: a free note or a cell-type label. */
export function AnnotationBar({ session }: { session: ViewerSession }) {
  const point = useStore(session.store, selectAnnotating);
  const [text, setText] = useState("");
  const [kind, setKind] = useState<"note" | "cellType" | "point">("note");
  if (!point) return null;
  return (
    <form
      className="confirm"
      aria-label="annotation"
      onSubmit={(e) => {
        e.preventDefault();
        session.saveAnnotation(text.trim(), kind);
        setText("");
      }}
    >
      Note at supervoxel {point.supervoxel}:
      <select
        value={kind}
        onChange={(e) => setKind(e.target.value as "note" | "cellType" | "point")}
        aria-label="kind"
      >
        <option value="note">note</option>
        <option value="cellType">cell type</option>
        <option value="point">point</option>
      </select>
      <input
        // biome-ignore lint/a11y/noAutofocus: the bar opens because the user just picked a point to annotate
        autoFocus
        aria-label="note"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Save</button>
      <button type="button" onClick={() => session.cancelAnnotation()}>
        Cancel
      </button>
    </form>
  );
}
