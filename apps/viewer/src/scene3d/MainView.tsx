import { Canvas } from "@react-three/fiber";
import { type CSSProperties, type Ref, useImperativeHandle, useMemo } from "react";
import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";
import { CameraRig } from "./CameraRig";
import { PeerCursors } from "./PeerCursors";
import { PeerLabels } from "./PeerLabels";
import { RenderLoop } from "./RenderLoop";
import { SegmentMeshes } from "./SegmentMeshes";
import { SlicePlanes } from "./SlicePlanes";
import { SynapseGlyphs } from "./SynapseGlyphs";
import { useMeshStore } from "./useMeshStore";
import { createViewBridge } from "./viewBridge";
import { createWorldFrame, maxVoxelEdge } from "./worldFrame";

/** What the app can ask of the 3D view (the lead wires keys and buttons to these). */
export interface MainViewHandle {
  /** Fits the camera to the selected segments (to the whole dataset when none is drawn). */
  frameSelection(): void;
  /** Fits the camera to the dataset's bounds. */
  frameDataset(): void;
}

export interface MainViewProps {
  session: ViewerSession;
  ref?: Ref<MainViewHandle>;
  /** Show the small "frame selection / frame all" buttons in the corner (default true). */
  frameButtons?: boolean;
}

const selectDataset = (s: ViewerState) => s.dataset;

const buttonBar: CSSProperties = { position: "absolute", top: 6, right: 6, display: "flex", gap: 4 };
const button: CSSProperties = {
  font: "11px system-ui, sans-serif",
  color: "#dfe6ec",
  background: "rgba(16, 20, 24, 0.75)",
  border: "1px solid #33404c",
  borderRadius: 3,
  padding: "2px 6px",
  cursor: "pointer",
};

/**
 * The shared 3D view: selected segments as meshes (LOD under a triangle budget, split preview colours),
 * synapses, slice planes and bounds, other users' cursors and selections; orbit/pan/zoom, click to pick,
 * hover to share the cursor. Renders on demand only. World frame: nanometres (see worldFrame.ts).
 */
export function MainView({ session, ref, frameButtons = true }: MainViewProps) {
  const dataset = useStore(session.store, selectDataset);
  const bridge = useMemo(() => createViewBridge(), []);
  const meshStore = useMeshStore(session, dataset);
  bridge.meshStore = meshStore;
  const frame = useMemo(() => (dataset ? createWorldFrame(dataset.manifest) : null), [dataset]);
  const voxel = frame ? maxVoxelEdge(frame) : 1;
  useImperativeHandle(ref, () => ({
    frameSelection: () => bridge.frameSelection(),
    frameDataset: () => bridge.frameDataset(),
  }));

  return (
    <div
      ref={(el) => {
        bridge.wrapper = el;
      }}
      className="main-view"
      data-rendered="0"
      style={{
        position: "relative",
        width: "100%",
        height: "100%",
        overflow: "hidden",
        background: "#0b0e11",
      }}
    >
      <Canvas
        frameloop="demand"
        gl={{ preserveDrawingBuffer: true, antialias: true }}
        camera={{ fov: 40, near: 1, far: 1e7, position: [0, 0, -1] }}
        onCreated={({ gl }) => {
          gl.domElement.setAttribute("data-testid", "main-view");
          gl.domElement.dataset.rendered = "0";
        }}
      >
        <RenderLoop session={session} bridge={bridge} />
        {frame && (
          <>
            <CameraRig session={session} frame={frame} bridge={bridge} />
            <SlicePlanes session={session} frame={frame} />
            <SynapseGlyphs session={session} radius={2.5 * voxel} />
            <PeerCursors session={session} bridge={bridge} radius={2 * voxel} />
          </>
        )}
        {meshStore && <SegmentMeshes session={session} meshStore={meshStore} />}
      </Canvas>
      <PeerLabels session={session} bridge={bridge} />
      {frameButtons && frame && (
        <div style={buttonBar}>
          <button
            type="button"
            style={button}
            onClick={() => bridge.frameSelection()}
            title="Fit the camera to the selection"
          >
            Frame selection
          </button>
          <button
            type="button"
            style={button}
            onClick={() => bridge.frameDataset()}
            title="Fit the camera to the dataset"
          >
            Frame all
          </button>
        </div>
      )}
    </div>
  );
}
