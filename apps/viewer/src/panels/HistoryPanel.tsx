import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectHistory = (s: ViewerState) => s.history;
const selectPeers = (s: ViewerState) => s.peers;
const selectUser = (s: ViewerState) => s.user;
const selectPeople = (s: ViewerState) => s.people;

/** The live operation history, newest first, with author and time. */
export function HistoryPanel({ session }: { session: ViewerSession }) {
  const history = useStore(session.store, selectHistory);
  const peers = useStore(session.store, selectPeers);
  const user = useStore(session.store, selectUser);
  const people = useStore(session.store, selectPeople);
  const nameOf = (id: string) =>
    id === user?.id
      ? "you"
      : (people[id]?.name ?? peers.find((p) => p.user.id === id)?.user.name ?? `user ${id.slice(0, 6)}`);
  return (
    <section className="panel" aria-label="history">
      <h3>History</h3>
      <ol className="plain list" data-testid="history">
        {[...history].reverse().map((op) => (
          <li key={op.seq}>
            #{op.seq} <b>{op.type}</b> by {nameOf(op.author)} at {new Date(op.time).toLocaleTimeString()}
            {op.newRoots.length > 0 && <small> → {op.newRoots.join(", ")}</small>}
          </li>
        ))}
        {history.length === 0 && <li className="hint">No edits yet.</li>}
      </ol>
    </section>
  );
}
