import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectMessages = (s: ViewerState) => s.messages;

/** Server refusals and confirmations, in words. */
export function Messages({ session }: { session: ViewerSession }) {
  const messages = useStore(session.store, selectMessages);
  return (
    <div className="messages" aria-live="polite" data-testid="messages">
      {messages.map((m) => (
        <div key={m.id} className={`message ${m.kind}`}>
          {m.text}
          <button type="button" className="link" aria-label="dismiss" onClick={() => session.dismiss(m.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
