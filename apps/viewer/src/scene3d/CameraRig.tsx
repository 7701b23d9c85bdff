import { useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect } from "react";
import { type PerspectiveCamera, Raycaster, Vector2 } from "three";
import type { ViewerSession } from "../state/ViewerSession";
import { clipPlanes, fitOrbit, ORBIT_UP, orbitPosition, panOrbit, rotateOrbit, zoomOrbit } from "./orbit";
import type { ViewBridge } from "./viewBridge";
import type { Vec3, WorldFrame } from "./worldFrame";

/** A press that moves less than this many pixels is a click, not a drag. */
export const CLICK_SLOP_PX = 4;
/** The shared 3D cursor is sent at most this often. */
export const CURSOR_INTERVAL_MS = 50;

const scratch = { ray: new Raycaster(), ndc: new Vector2() };

/**
 * Orbit, pan and zoom over three's camera with pointer events (drag rotates, right- or shift-drag pans,
 * the wheel zooms), clicks that pick the supervoxel under the pointer, and the throttled shared cursor.
 * Every change calls invalidate(): the canvas renders on demand only.
 */
export function CameraRig({
  session,
  frame,
  bridge,
}: {
  session: ViewerSession;
  frame: WorldFrame;
  bridge: ViewBridge;
}) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);

  useLayoutEffect(() => {
    const sceneRadius =
      Math.hypot(frame.max[0] - frame.min[0], frame.max[1] - frame.min[1], frame.max[2] - frame.min[2]) / 2;
    const apply = () => {
      const o = bridge.orbit;
      const p = orbitPosition(o);
      camera.position.set(p[0], p[1], p[2]);
      camera.up.set(ORBIT_UP[0], ORBIT_UP[1], ORBIT_UP[2]);
      camera.lookAt(o.target[0], o.target[1], o.target[2]);
      const { near, far } = clipPlanes(o, sceneRadius);
      camera.near = near;
      camera.far = far;
      camera.updateProjectionMatrix();
      camera.updateMatrixWorld();
      invalidate();
    };
    const aspect = () => {
      const el = gl.domElement;
      return el.clientHeight > 0 ? el.clientWidth / el.clientHeight : 1;
    };
    const fit = (box: { min: Vec3; max: Vec3 }) => {
      bridge.orbit = fitOrbit(bridge.orbit, box.min, box.max, camera.fov, aspect());
      apply();
    };
    bridge.frameDataset = () => fit(frame);
    bridge.frameSelection = () => {
      const s = session.store.getState();
      fit(bridge.meshStore?.bounds(s.selected) ?? bridge.meshStore?.bounds() ?? frame);
    };
    bridge.invalidate = invalidate;
    fit(frame);

    const el = gl.domElement;
    let drag: { id: number; x: number; y: number; travel: number; pan: boolean; button: number } | null =
      null;
    let hoverAt: { x: number; y: number } | null = null;
    let hoverTimer: ReturnType<typeof setTimeout> | null = null;
    let cursorShared = false;

    const hit = (clientX: number, clientY: number) => {
      const store = bridge.meshStore;
      if (!store) return null;
      const r = el.getBoundingClientRect();
      scratch.ndc.set(((clientX - r.left) / r.width) * 2 - 1, -((clientY - r.top) / r.height) * 2 + 1);
      scratch.ray.setFromCamera(scratch.ndc, camera);
      const { origin, direction } = scratch.ray.ray;
      return store.raycast(
        [origin.x, origin.y, origin.z],
        [direction.x, direction.y, direction.z],
        camera.far,
      );
    };
    const round = (p: Vec3): [number, number, number] => [
      Math.round(p[0] * 10) / 10,
      Math.round(p[1] * 10) / 10,
      Math.round(p[2] * 10) / 10,
    ];
    const shareCursor = () => {
      hoverTimer = null;
      if (!hoverAt || drag) return;
      const h = hit(hoverAt.x, hoverAt.y);
      if (h) {
        session.setCursor(round(h.point));
        cursorShared = true;
      } else if (cursorShared) {
        session.setCursor(null);
        cursorShared = false;
      }
    };

    const onPointerDown = (e: PointerEvent) => {
      if (drag || e.button > 2) return;
      el.setPointerCapture(e.pointerId);
      drag = {
        id: e.pointerId,
        x: e.clientX,
        y: e.clientY,
        travel: 0,
        pan: e.button !== 0 || e.shiftKey,
        button: e.button,
      };
    };
    const onPointerMove = (e: PointerEvent) => {
      if (!drag) {
        hoverAt = { x: e.clientX, y: e.clientY };
        if (!hoverTimer) hoverTimer = setTimeout(shareCursor, CURSOR_INTERVAL_MS);
        return;
      }
      if (e.pointerId !== drag.id) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      drag.x = e.clientX;
      drag.y = e.clientY;
      drag.travel += Math.abs(dx) + Math.abs(dy);
      if (drag.travel <= CLICK_SLOP_PX) return;
      const h = Math.max(1, el.clientHeight);
      bridge.orbit = drag.pan
        ? panOrbit(bridge.orbit, dx, dy, h, camera.fov)
        : rotateOrbit(bridge.orbit, dx, dy, Math.PI / h);
      apply();
    };
    const onPointerUp = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.id) return;
      const click = drag.travel <= CLICK_SLOP_PX && drag.button === 0;
      drag = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      if (!click) return;
      const h = hit(e.clientX, e.clientY);
      if (h) session.pick(h.supervoxel, round(h.point), e.shiftKey);
    };
    const onPointerLeave = () => {
      hoverAt = null;
      if (hoverTimer) clearTimeout(hoverTimer);
      hoverTimer = null;
      if (cursorShared) session.setCursor(null);
      cursorShared = false;
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      bridge.orbit = zoomOrbit(
        bridge.orbit,
        e.deltaY * scale,
        Math.max(1, sceneRadius / 2000),
        sceneRadius * 20,
      );
      apply();
    };
    const onContextMenu = (e: MouseEvent) => e.preventDefault();
    el.addEventListener("pointerdown", onPointerDown);
    el.addEventListener("pointermove", onPointerMove);
    el.addEventListener("pointerup", onPointerUp);
    el.addEventListener("pointercancel", onPointerUp);
    el.addEventListener("pointerleave", onPointerLeave);
    el.addEventListener("wheel", onWheel, { passive: false });
    el.addEventListener("contextmenu", onContextMenu);
    el.style.touchAction = "none";
    return () => {
      el.removeEventListener("pointerdown", onPointerDown);
      el.removeEventListener("pointermove", onPointerMove);
      el.removeEventListener("pointerup", onPointerUp);
      el.removeEventListener("pointercancel", onPointerUp);
      el.removeEventListener("pointerleave", onPointerLeave);
      el.removeEventListener("wheel", onWheel);
      el.removeEventListener("contextmenu", onContextMenu);
      if (hoverTimer) clearTimeout(hoverTimer);
      bridge.frameDataset = () => undefined;
      bridge.frameSelection = () => undefined;
    };
  }, [session, frame, bridge, camera, gl, invalidate]);

  // Keep the aspect right after a resize (R3F updates the projection; a frame is needed either way).
  const size = useThree((s) => s.size);
  useEffect(() => {
    if (size.width > 0) invalidate();
  }, [size, invalidate]);
  return null;
}
