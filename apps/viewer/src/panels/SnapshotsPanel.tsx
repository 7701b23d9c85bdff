import { readConnectomeCsr } from "@danio/formats";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SnapshotSummary } from "../api/ApiClient";
import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";
import { type ConnectivityMatrix, connectivityMatrix } from "./connectivityMatrix";

const selectDataset = (s: ViewerState) => s.dataset;
const selectRole = (s: ViewerState) => s.user?.role;
const selectSeq = (s: ViewerState) => s.seq;

/** Snapshots of the approved wiring diagram: admins create one; anyone sees its connectivity as a heat map. */
export function SnapshotsPanel({ session }: { session: ViewerSession }) {
  const dataset = useStore(session.store, selectDataset);
  const role = useStore(session.store, selectRole);
  const seq = useStore(session.store, selectSeq);
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const [neurons, setNeurons] = useState<"approved" | "all">("approved");
  const [matrix, setMatrix] = useState<{ id: string; m: ConnectivityMatrix } | null>(null);
  const refresh = useCallback(async () => {
    if (dataset) setSnapshots(await session.api.snapshots(dataset.id));
  }, [dataset, session]);
  useEffect(() => {
    refresh().catch((e: unknown) => session.report(e));
  }, [refresh, session]);
  if (!dataset) return null;
  const create = async () => {
    try {
      const r = await session.api.createSnapshot(dataset.id, neurons);
      session.say(
        "info",
        r.created ? `snapshot ${r.id} made` : `snapshot ${r.id} already exists (snapshots never change)`,
      );
      await refresh();
      await show(r.id);
    } catch (e) {
      session.report(e);
    }
  };
  const show = async (id: string) => {
    try {
      const csr = readConnectomeCsr(
        await session.api.snapshotFile(dataset.id, id, "connectome.csr"),
        `${id}/connectome.csr`,
      );
      setMatrix({ id, m: connectivityMatrix(csr) });
    } catch (e) {
      session.report(e);
    }
  };
  const download = async (id: string, path: string) => {
    try {
      const bytes = await session.api.snapshotFile(dataset.id, id, path);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
      const a = document.createElement("a");
      a.href = url;
      a.download = `${dataset.id}-${id}-${path.replaceAll("/", "-")}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      session.report(e);
    }
  };
  return (
    <section className="panel" aria-label="snapshots">
      <h3>Snapshots</h3>
      {role === "admin" && (
        <div className="actions">
          <select
            value={neurons}
            onChange={(e) => setNeurons(e.target.value as "approved" | "all")}
            aria-label="neurons"
          >
            <option value="approved">approved neurons</option>
            <option value="all">all neurons</option>
          </select>
          <button type="button" onClick={() => void create()}>
            Snapshot at #{seq}
          </button>
        </div>
      )}
      <ul className="plain list" data-testid="snapshots">
        {snapshots.map((s) => (
          <li key={s.id}>
            <button type="button" className="link" onClick={() => void show(s.id)}>
              {s.id}
            </button>{" "}
            <small>
              {s.rowCounts.neurons} neurons, {s.rowCounts.edges} edges
            </small>{" "}
            <button
              type="button"
              className="link"
              onClick={() => void download(s.id, "neuprint/Neuprint_Neuron_Connections.csv")}
            >
              neuPrint
            </button>
            <button type="button" className="link" onClick={() => void download(s.id, "edges.parquet")}>
              Parquet
            </button>
          </li>
        ))}
        {snapshots.length === 0 && <li className="hint">No snapshot yet.</li>}
      </ul>
      {matrix && <Heatmap title={matrix.id} m={matrix.m} />}
    </section>
  );
}

/** The connectivity matrix, log-scaled, pre neurons in rows, post in columns. */
function Heatmap({ title, m }: { title: string; m: ConnectivityMatrix }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const n = m.nodes.length;
    canvas.width = Math.max(1, n);
    canvas.height = Math.max(1, n);
    const image = ctx.createImageData(canvas.width, canvas.height);
    const scale = Math.log1p(m.max || 1);
    for (let i = 0; i < n * n; i++) {
      const v = m.counts[i]! > 0 ? Math.log1p(m.counts[i]!) / scale : 0;
      image.data[4 * i] = Math.round(255 * Math.min(1, v * 1.6));
      image.data[4 * i + 1] = Math.round(255 * Math.max(0, v * 1.6 - 0.6));
      image.data[4 * i + 2] = Math.round(60 + 120 * v);
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [m]);
  return (
    <figure className="heatmap">
      <canvas ref={ref} data-testid="heatmap" style={{ width: "100%", imageRendering: "pixelated" }} />
      <figcaption>
        {title}: {m.nodes.length} neurons (rows: pre, columns: post), max {m.max} synapses
      </figcaption>
    </figure>
  );
}
