import { initialOrbit, type Orbit } from "./orbit";
import type { SegmentMeshStore } from "./SegmentMeshStore";

/**
 * What the parts of the main view share without React state (read per frame, written by one owner each):
 * the camera orbit (CameraRig), the mesh store (MainView), the peers' label elements (PeerLabels) and
 * the wrapper element, plus the framing actions CameraRig installs for MainView's handle.
 */
export interface ViewBridge {
  orbit: Orbit;
  meshStore: SegmentMeshStore | null;
  labels: Map<string, HTMLDivElement>;
  wrapper: HTMLDivElement | null;
  frameSelection: () => void;
  frameDataset: () => void;
  invalidate: () => void;
}

export function createViewBridge(): ViewBridge {
  return {
    orbit: initialOrbit(),
    meshStore: null,
    labels: new Map(),
    wrapper: null,
    frameSelection: () => undefined,
    frameDataset: () => undefined,
    invalidate: () => undefined,
  };
}
