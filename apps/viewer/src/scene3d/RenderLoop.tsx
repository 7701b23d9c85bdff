import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import type { DirectionalLight } from "three";
import type { ViewerSession } from "../state/ViewerSession";
import type { RenderStats } from "./renderStats";
import { wantedSegments } from "./SegmentMeshes";
import type { ViewBridge } from "./viewBridge";

/**
 * Renders each demanded frame itself (a positive useFrame priority), so that it can time the frame and
 * publish `window.__danioRender` from gl.info, and mark the wrapper `data-rendered="1"` while a mesh of
 * the selection is on screen. Also keeps the headlight at the camera.
 */
const pixel = new Uint8Array(4);

export function RenderLoop({ session, bridge }: { session: ViewerSession; bridge: ViewBridge }) {
  const light = useRef<DirectionalLight>(null);
  const frames = useRef(0);
  useFrame(({ gl, scene, camera }) => {
    const l = light.current;
    if (l) {
      l.position.copy(camera.position);
      const t = bridge.orbit.target;
      l.target.position.set(t[0], t[1], t[2]);
      l.target.updateMatrixWorld();
    }
    const started = performance.now();
    gl.render(scene, camera);
    // Reading one pixel waits for the GPU to finish the frame (finish() alone does not in Chromium), so
    // frameMs is the real cost of the frame. Frames are rendered on demand only, so the wait is rare.
    const ctx = gl.getContext();
    ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, pixel);
    const frameMs = performance.now() - started;
    frames.current += 1;
    const store = bridge.meshStore;
    const segments = store?.segments() ?? [];
    const stats = store?.stats();
    const info = gl.info.render;
    const out: RenderStats = {
      drawCalls: info.calls,
      triangles: info.triangles,
      frameMs: Math.round(frameMs * 100) / 100,
      frames: frames.current,
      segments: segments.length,
      segmentTriangles: stats?.triangles ?? 0,
      pendingJobs: stats?.pendingJobs ?? 0,
      overBudget: stats?.overBudget ?? false,
    };
    window.__danioRender = out;
    const wanted = new Set(wantedSegments(session.store.getState()));
    const shown = segments.some((d) => d.mesh.triangleCount > 0 && (d.stale || wanted.has(d.root)));
    const flag = shown ? "1" : "0";
    const wrapper = bridge.wrapper;
    if (wrapper && wrapper.dataset.rendered !== flag) {
      wrapper.dataset.rendered = flag;
      gl.domElement.dataset.rendered = flag;
    }
  }, 1);
  return (
    <>
      <ambientLight intensity={0.5} />
      <hemisphereLight args={["#dfe8ff", "#2a2418", 0.35]} />
      <directionalLight ref={light} intensity={1.9} />
    </>
  );
}
