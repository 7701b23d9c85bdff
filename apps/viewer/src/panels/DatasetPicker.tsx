import { useState } from "react";
import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectDatasets = (s: ViewerState) => s.datasets;

export function DatasetPicker({ session }: { session: ViewerSession }) {
  const datasets = useStore(session.store, selectDatasets);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="card">
      <h2>Datasets</h2>
      {datasets.length === 0 && <p>No dataset is served. Start the server with --data DIR.</p>}
      <ul className="plain">
        {datasets.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              onClick={() => {
                session
                  .openDataset(d.id)
                  .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
                history.replaceState(null, "", `?dataset=${encodeURIComponent(d.id)}`);
              }}
            >
              {d.name} <small>({d.id})</small>
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
    </div>
  );
}
