import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo } from "react";
import type { PerspectiveCamera } from "three";
import { segmentColour } from "../state/segmentColour";
import type { ViewerSession } from "../state/ViewerSession";
import type { ViewerState } from "../state/ViewerState";
import { pixelsPerRadian } from "./chooseLods";
import { peerTints } from "./peerMarkers";
import type { SegmentMeshStore } from "./SegmentMeshStore";
import { SegmentLayer, type SegmentStyle } from "./SegmentLayer";

/** The segments to load: the selection, plus the segment of a split preview if it is not selected. */
export function wantedSegments(s: Pick<ViewerState, "selected" | "preview">): string[] {
  const out = [...s.selected];
  if (s.preview && !out.includes(s.preview.root)) out.push(s.preview.root);
  return out;
}

/**
 * The selected segments as meshes. Reads the store imperatively (no React re-render on selection, edit
 * or preview), hands the wanted segments to the mesh store, and mirrors what the mesh store says to draw
 * into a SegmentLayer; the camera position goes to the LOD policy once per rendered frame.
 */
export function SegmentMeshes({
  session,
  meshStore,
}: {
  session: ViewerSession;
  meshStore: SegmentMeshStore;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const layer = useMemo(() => new SegmentLayer(), []);
  useEffect(() => () => layer.dispose(), [layer]);

  useEffect(() => {
    let lastPreview: ViewerState["preview"] = null;
    let previewSets: SegmentStyle["preview"] = null;
    const style = (): SegmentStyle => {
      const s = session.store.getState();
      if (s.preview !== lastPreview) {
        lastPreview = s.preview;
        previewSets = s.preview
          ? { root: s.preview.root, sources: new Set(s.preview.sources), sinks: new Set(s.preview.sinks) }
          : null;
      }
      return { colourOf: segmentColour, preview: previewSets, tints: peerTints(s.peers) };
    };
    const push = () =>
      meshStore.setTargets(
        wantedSegments(session.store.getState()),
        (root) => session.mapping.membersOf(root),
        (sv) => session.mapping.rootOf(sv),
      );
    const offMeshes = meshStore.onChange(() => {
      layer.sync(meshStore.segments(), style());
      invalidate();
    });
    layer.sync(meshStore.segments(), style());
    push();
    const offStore = session.store.subscribe((s, p) => {
      if (s.selected !== p.selected || s.preview !== p.preview || s.mappingVersion !== p.mappingVersion)
        push();
      if (s.preview !== p.preview || s.peers !== p.peers) {
        layer.restyle(style());
        invalidate();
      }
    });
    invalidate();
    return () => {
      offMeshes();
      offStore();
    };
  }, [session, meshStore, layer, invalidate]);

  useFrame((state) => {
    const camera = state.camera as PerspectiveCamera;
    const p = camera.position;
    meshStore.setView({
      position: [p.x, p.y, p.z],
      pixelsPerRadian: pixelsPerRadian(camera.fov, state.size.height),
    });
  });

  return <primitive object={layer.group} />;
}
