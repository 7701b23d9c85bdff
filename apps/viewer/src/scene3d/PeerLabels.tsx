import type { CSSProperties } from "react";
import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";
import { peerMarkers } from "./peerMarkers";
import type { ViewBridge } from "./viewBridge";

const selectPeers = (s: ViewerState) => s.peers;

const base: CSSProperties = {
  position: "absolute",
  left: 0,
  top: 0,
  display: "none",
  pointerEvents: "none",
  whiteSpace: "nowrap",
  font: "11px/1.3 system-ui, sans-serif",
  color: "#f2f5f7",
  background: "rgba(10, 14, 18, 0.72)",
  padding: "1px 6px 2px 5px",
  borderRadius: 3,
  marginLeft: 10,
  marginTop: -8,
};

/**
 * The other users' name tags (name, tool, selected segments) over the 3D view. React renders them when
 * the peers change; PeerCursors moves them to the projected cursors on each frame.
 */
export function PeerLabels({ session, bridge }: { session: ViewerSession; bridge: ViewBridge }) {
  const markers = peerMarkers(useStore(session.store, selectPeers));
  return (
    <div
      data-testid="peer-labels"
      style={{ position: "absolute", inset: 0, pointerEvents: "none", overflow: "hidden" }}
    >
      {markers.map((m) => (
        <div
          key={m.key}
          data-peer={m.name}
          style={{ ...base, borderLeft: `3px solid ${m.colour}` }}
          ref={(el) => {
            if (el) {
              bridge.labels.set(m.key, el);
              bridge.invalidate();
            } else {
              bridge.labels.delete(m.key);
            }
          }}
        >
          {m.label}
        </div>
      ))}
    </div>
  );
}
