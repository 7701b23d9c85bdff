import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectAnnotations = (s: ViewerState) => s.annotations;
const selectPeople = (s: ViewerState) => s.people;

/** Notes, points and cell-type labels, anchored to supervoxels so they follow their neuron through edits. */
export function AnnotationsPanel({ session }: { session: ViewerSession }) {
  const annotations = useStore(session.store, selectAnnotations);
  const people = useStore(session.store, selectPeople);
  return (
    <section className="panel" aria-label="annotations">
      <h3>Annotations</h3>
      <ul className="plain list" data-testid="annotations">
        {[...annotations]
          .sort((a, b) => b[1].createdAt - a[1].createdAt)
          .map(([id, a]) => (
            <li key={id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  const root = session.rootOf(a.anchor.supervoxel);
                  if (root) session.select(root);
                }}
              >
                {a.kind === "cellType" ? `type: ${a.text}` : a.text || "(point)"}
              </button>{" "}
              <small>by {people[a.author]?.name ?? a.author.slice(0, 6)}</small>
            </li>
          ))}
        {annotations.length === 0 && <li className="hint">Press A and click to annotate.</li>}
      </ul>
    </section>
  );
}
