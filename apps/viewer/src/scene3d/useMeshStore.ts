import { useEffect, useState } from "react";
import type { DatasetInfo } from "../api/ApiClient";
import type { ViewerSession } from "../state/ViewerSession";
import { openMeshFragmentSource } from "./meshFragmentSource";
import { SegmentMeshStore } from "./SegmentMeshStore";

/** The mesh store of the open dataset: its fragment index is fetched once, when the dataset opens. */
export function useMeshStore(session: ViewerSession, dataset: DatasetInfo | null): SegmentMeshStore | null {
  const [store, setStore] = useState<SegmentMeshStore | null>(null);
  useEffect(() => {
    if (!dataset) return;
    let cancelled = false;
    let created: SegmentMeshStore | null = null;
    const layer = dataset.manifest.layers.meshes;
    openMeshFragmentSource(
      session.api.fileUrl(dataset.id, layer.index),
      session.api.fileUrl(dataset.id, layer.data),
      (url, range) => session.api.fetchBytes(url, range),
    ).then(
      (source) => {
        if (cancelled) return;
        created = new SegmentMeshStore(source, { onError: (err) => session.report(err) });
        setStore(created);
      },
      (err: unknown) => {
        if (!cancelled) session.report(err);
      },
    );
    return () => {
      cancelled = true;
      created?.dispose();
      setStore(null);
    };
  }, [session, dataset]);
  return store;
}
