import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectPeers = (s: ViewerState) => s.peers;
const selectUser = (s: ViewerState) => s.user;
const selectConnection = (s: ViewerState) => s.connection;

/** Who is online on this dataset, with their colour, tool and selection. */
export function PeoplePanel({ session }: { session: ViewerSession }) {
  const peers = useStore(session.store, selectPeers);
  const user = useStore(session.store, selectUser);
  const connection = useStore(session.store, selectConnection);
  return (
    <section className="panel" aria-label="people online">
      <h3>
        People online <small className={`conn ${connection}`}>{connection}</small>
      </h3>
      <ul className="plain list" data-testid="people">
        {user && (
          <li>
            <span className="swatch" style={{ background: user.colour }} />
            {user.name} (you, {user.role})
          </li>
        )}
        {peers.map((p) => (
          <li key={p.user.id + p.user.name}>
            <span className="swatch" style={{ background: p.user.colour }} />
            {p.user.name} <small>{p.tool}</small>
            {p.selection.length > 0 && <small> · {p.selection.length} selected</small>}
          </li>
        ))}
      </ul>
    </section>
  );
}
