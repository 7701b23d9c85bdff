import { useEffect, useRef } from "react";
import type { ViewerSession } from "../state/ViewerSession";
import { SliceController } from "./SliceController";
import type { SliceAxis } from "./sliceAxes";

const TEXT = {
  position: "absolute",
  left: 8,
  font: "12px system-ui, sans-serif",
  color: "#dfe7ee",
  textShadow: "0 0 3px #000, 0 0 2px #000",
  pointerEvents: "none",
  userSelect: "none",
} as const;

/**
 * A 2D slice view of the EM image with the segmentation overlaid in the colours of today's segments. It
 * fills its parent. Wheel: move through slices (shift: 10 at a time); ctrl+wheel: zoom; drag: pan; click:
 * pick the supervoxel (shift: add to the selection). All drawing and input live in SliceController; this
 * component only mounts it, so nothing here re-renders per frame.
 */
export function SliceView({ session, axis }: { session: ViewerSession; axis: SliceAxis }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const label = useRef<HTMLDivElement>(null);
  const status = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!wrapper.current || !canvas.current || !overlay.current || !label.current || !status.current) return;
    const controller = new SliceController(session, axis, {
      wrapper: wrapper.current,
      canvas: canvas.current,
      overlay: overlay.current,
      label: label.current,
      status: status.current,
    });
    return () => controller.dispose();
  }, [session, axis]);

  return (
    <div
      ref={wrapper}
      data-slice-axis={axis}
      style={{
        position: "relative",
        width: "100%",
        height: "100%",
        overflow: "hidden",
        background: "#0b0d10",
      }}
    >
      <canvas
        ref={canvas}
        data-testid={`slice-${axis}`}
        style={{
          position: "absolute",
          inset: 0,
          width: "100%",
          height: "100%",
          touchAction: "none",
          cursor: "crosshair",
        }}
      />
      <canvas
        ref={overlay}
        style={{ position: "absolute", inset: 0, width: "100%", height: "100%", pointerEvents: "none" }}
      />
      <div ref={label} style={{ ...TEXT, top: 6 }} />
      <div ref={status} role="status" style={{ ...TEXT, bottom: 6, color: "#ffd27a" }} />
    </div>
  );
}
