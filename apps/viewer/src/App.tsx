import { useEffect, useMemo, useState } from "react";
import { AnnotationBar } from "./panels/AnnotationBar";
import { AnnotationsPanel } from "./panels/AnnotationsPanel";
import { ConfirmBar } from "./panels/ConfirmBar";
import { DatasetPicker } from "./panels/DatasetPicker";
import { HelpPanel } from "./panels/HelpPanel";
import { HistoryPanel } from "./panels/HistoryPanel";
import { Messages } from "./panels/Messages";
import { NeuronsPanel } from "./panels/NeuronsPanel";
import { PeoplePanel } from "./panels/PeoplePanel";
import { SignIn } from "./panels/SignIn";
import { SnapshotsPanel } from "./panels/SnapshotsPanel";
import { Toolbar } from "./panels/Toolbar";
import { MainView } from "./scene3d/MainView";
import { SliceView } from "./slices/SliceView";
import { useKeyboard } from "./panels/useKeyboard";
import { ViewerSession } from "./state/ViewerSession";
import { useStore } from "./state/useStore";
import type { ViewerState } from "./state/ViewerState";

const selectUser = (s: ViewerState) => s.user;
const selectDataset = (s: ViewerState) => s.dataset;

/** The proofreading app: sign in, pick a dataset, then the 3D view, three slice views, tools and panels. */
export function App() {
  const session = useMemo(() => new ViewerSession(window.location.origin), []);
  // A handle for debugging in the console and for end-to-end tests (window.__danio.session).
  (window as unknown as { __danio?: { session: ViewerSession } }).__danio = { session };
  const user = useStore(session.store, selectUser);
  const dataset = useStore(session.store, selectDataset);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  useKeyboard(session, () => setHelp((h) => !h));

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const token = params.get("token") ?? sessionStorage.getItem("danio-token");
    if (!token) return;
    // React's StrictMode mounts twice in development: a cancelled mount must not open a connection.
    let cancelled = false;
    session
      .signInWithToken(token)
      .then(async () => {
        if (cancelled) return;
        sessionStorage.setItem("danio-token", token);
        const datasets = session.store.getState().datasets;
        const wanted = params.get("dataset") ?? (datasets.length === 1 ? datasets[0]!.id : null);
        const url = new URL(window.location.href);
        url.searchParams.delete("token");
        history.replaceState(null, "", url);
        if (wanted) await session.openDataset(wanted);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        sessionStorage.removeItem("danio-token");
        setSignInError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      cancelled = true;
      session.closeDataset();
    };
  }, [session]);

  return (
    <div className="app">
      <header>
        <strong>Danio</strong>
        <span className="muted"> — collaborative connectome proofreading</span>
        {dataset && <span className="dataset"> · {dataset.name}</span>}
        <span className="grow" />
        {user && (
          <span>
            <span className="swatch" style={{ background: user.colour }} /> {user.name} ({user.role})
          </span>
        )}
        <button
          type="button"
          className="link"
          onClick={() => setHelp((h) => !h)}
          title="Keyboard shortcuts (?)"
        >
          Help
        </button>
      </header>
      {!user && <SignIn session={session} error={signInError} />}
      {user && !dataset && <DatasetPicker session={session} />}
      {user && dataset && (
        <div className="workspace">
          <div className="views">
            <Toolbar session={session} />
            <ConfirmBar session={session} />
            <AnnotationBar session={session} />
            <div className="view3d">
              <MainView session={session} />
            </div>
            <div className="slices">
              <SliceView session={session} axis="xy" />
              <SliceView session={session} axis="xz" />
              <SliceView session={session} axis="yz" />
            </div>
          </div>
          <aside className="sidebar">
            <NeuronsPanel session={session} />
            <AnnotationsPanel session={session} />
            <PeoplePanel session={session} />
            <HistoryPanel session={session} />
            <SnapshotsPanel session={session} />
          </aside>
        </div>
      )}
      <Messages session={session} />
      {help && <HelpPanel onClose={() => setHelp(false)} />}
    </div>
  );
}
