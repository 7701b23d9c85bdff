import { useMemo, useState } from "react";
import { cssColour, segmentColour } from "../state/segmentColour";
import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectNeurons = (s: ViewerState) => s.neurons;
const selectVersion = (s: ViewerState) => s.mappingVersion;
const selectSelected = (s: ViewerState) => s.selected;
const selectUser = (s: ViewerState) => s.user;
const selectPeers = (s: ViewerState) => s.peers;
const selectPeople = (s: ViewerState) => s.people;

const STATUSES = ["all", "draft", "complete", "approved", "rejected", "flagged"] as const;

/** Neuron records with status and a filter; actions on the selected segment: claim, complete, approve, reject. */
export function NeuronsPanel({ session }: { session: ViewerSession }) {
  const neurons = useStore(session.store, selectNeurons);
  const version = useStore(session.store, selectVersion);
  const selected = useStore(session.store, selectSelected);
  const user = useStore(session.store, selectUser);
  const peers = useStore(session.store, selectPeers);
  const people = useStore(session.store, selectPeople);
  const [filter, setFilter] = useState<(typeof STATUSES)[number]>("all");
  const [cellType, setCellType] = useState("");
  const rows = useMemo(() => {
    void version;
    return neurons
      .map(([id, n]) => ({ id, n, root: session.rootOf(n.anchor.supervoxel) ?? "?" }))
      .filter(
        ({ n }) =>
          filter === "all" || (filter === "flagged" ? n.flaggedForReview === true : n.status === filter),
      );
  }, [neurons, version, filter, session]);
  const nameOf = (userId: string | undefined) =>
    userId === undefined
      ? ""
      : userId === user?.id
        ? "you"
        : (people[userId]?.name ?? peers.find((p) => p.user.id === userId)?.user.name ?? userId.slice(0, 8));
  const root = selected[0];
  const current = root ? session.neuronOf(root) : undefined;
  const role = user?.role ?? "viewer";
  const canEdit = role !== "viewer";
  const canReview = role === "reviewer" || role === "admin";
  return (
    <section className="panel" aria-label="neurons">
      <h3>Neurons</h3>
      {root && (
        <div className="actions">
          <div>
            Selected <b style={{ color: cssColour(segmentColour(root)) }}>{root}</b>
            {current && (
              <>
                {" "}
                — {current[1].status}
                {current[1].claimedBy && `, claimed by ${nameOf(current[1].claimedBy)}`}
                {current[1].flaggedForReview && ", flagged for review"}
              </>
            )}
          </div>
          <button type="button" disabled={!canEdit} onClick={() => session.claim(root)} title="Claim (C)">
            Claim
          </button>
          <button
            type="button"
            disabled={!canEdit || !current?.[1].claimedBy}
            onClick={() => session.release(root)}
          >
            Release
          </button>
          <button
            type="button"
            disabled={!canEdit}
            onClick={() => session.setStatus(root, "complete")}
            title="Complete (K)"
          >
            Mark complete
          </button>
          <button type="button" disabled={!canReview} onClick={() => session.setStatus(root, "approved")}>
            Approve
          </button>
          <button type="button" disabled={!canReview} onClick={() => session.setStatus(root, "rejected")}>
            Reject
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (cellType.trim()) session.setCellType(root, cellType.trim());
              setCellType("");
            }}
          >
            <input
              placeholder="cell type"
              value={cellType}
              disabled={!canEdit}
              onChange={(e) => setCellType(e.target.value)}
            />
          </form>
        </div>
      )}
      <label>
        Show{" "}
        <select value={filter} onChange={(e) => setFilter(e.target.value as (typeof STATUSES)[number])}>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <ul className="plain list" data-testid="neuron-list">
        {rows.map(({ id, n, root: r }) => (
          <li key={id}>
            <button type="button" className="link" onClick={() => r !== "?" && session.select(r)}>
              <span className="swatch" style={{ background: cssColour(segmentColour(r)) }} />
              {n.cellType || id}
            </button>{" "}
            <span className={`status ${n.status}`}>{n.status}</span>
            {n.flaggedForReview && <span title="flagged for review"> ⚑</span>}
            {n.claimedBy && <small> · {nameOf(n.claimedBy)}</small>}
          </li>
        ))}
        {rows.length === 0 && (
          <li className="hint">No neuron records yet: select a segment and claim or complete it.</li>
        )}
      </ul>
    </section>
  );
}
