/**
 * One slice view, framework-free: owns the WebGL renderer, the viewport (pan and zoom) and the input
 * handlers, and draws on demand. The plane buffers live in SlicePlane (uploaded once per slice or chunk);
 * the colour lookup comes from the session's shared SliceVolumes (uploaded whenever it changes, so an edit
 * costs one small upload). The React component only mounts this.
 */
import type { ViewerSession } from "../state/ViewerSession";
import type { ViewerState } from "../state/ViewerState";
import type { PlaneRect } from "./chunkSelection";
import { drawPeerMarkers } from "./peerMarkers";
import { stepSlice } from "./sliceCommands";
import { type PlaneKind, SlicePlane } from "./SlicePlane";
import { SliceRenderer } from "./SliceRenderer";
import { AXIS_DIMS, type AxisDims, type SliceAxis } from "./sliceAxes";
import { exposeSliceStats, sliceStats } from "./sliceStats";
import {
  fitViewport,
  panViewport,
  planeTexelAt,
  type SliceViewport,
  screenToPlane,
  screenToVoxel,
  shaderMapping,
  voxelToNm,
  wheelPixels,
  wheelSteps,
  zoomViewportAt,
} from "./sliceTransform";
import { type SliceVolumesEvent, SliceVolumes } from "./SliceVolumes";
import { type Throttled, throttle } from "./throttle";

export interface SliceElements {
  /** The element the view fills; gets `data-rendered="1"` once image data has been drawn. */
  readonly wrapper: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  /** A 2D canvas over the WebGL one, for other users' cursors. */
  readonly overlay: HTMLCanvasElement;
  /** Text: the axis and slice index. */
  readonly label: HTMLElement;
  /** Text: loading and error state. */
  readonly status: HTMLElement;
}

/** Crosshair colours by the dimension a line's plane is normal to: x red, y green, z blue. */
const DIM_COLOURS: readonly (readonly [number, number, number])[] = [
  [1, 0.35, 0.35],
  [0.35, 1, 0.45],
  [0.4, 0.6, 1],
];
const DIM_NAMES = ["x", "y", "z"] as const;
const HOVER_INTERVAL_MS = 50;
const CLICK_SLOP_PIXELS = 4;
const ZOOM_PER_WHEEL_PIXEL = 0.0015;

export class SliceController {
  private readonly dims: AxisDims;
  private readonly volumes: SliceVolumes;
  private readonly plane: SlicePlane;
  private renderer: SliceRenderer | null = null;
  private readonly view: SliceViewport = { centreU: 0, centreV: 0, pixelsPerNm: 0.01, width: 1, height: 1 };
  private fitted = false;
  private dpr = 1;
  private frame = 0;
  private uploadedLookup = -1;
  private wheelAccumulated = 0;
  private drag: { x: number; y: number; startX: number; startY: number; moved: boolean } | null = null;
  private readonly offs: (() => void)[] = [];
  private readonly resize: ResizeObserver;
  private readonly hover: Throttled<Float64Array>;
  // Scratch, reused by every handler and frame.
  private readonly map = new Float64Array(4);
  private readonly voxel = new Float64Array(3);
  private readonly nm = new Float64Array(3);
  private readonly hoverNm = new Float64Array(3);
  private readonly point = new Float64Array(2);
  private readonly drawParams = {
    map: this.map,
    planeMinU: 0,
    planeMinV: 0,
    crossU: 0,
    crossV: 0,
    crossColourU: DIM_COLOURS[0]!,
    crossColourV: DIM_COLOURS[1]!,
    devicePixelRatio: 1,
  };

  constructor(
    private readonly session: ViewerSession,
    private readonly axis: SliceAxis,
    private readonly el: SliceElements,
  ) {
    this.dims = AXIS_DIMS[axis];
    this.drawParams.crossColourU = DIM_COLOURS[this.dims.u]!;
    this.drawParams.crossColourV = DIM_COLOURS[this.dims.v]!;
    const [r, g, b] = DIM_COLOURS[this.dims.w]!;
    el.label.style.color = `rgb(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)})`;
    exposeSliceStats();
    sliceStats.views[axis] = { slice: Number.NaN, rendered: false };
    this.volumes = SliceVolumes.of(session);
    this.plane = new SlicePlane(axis, {
      upload: (kind, data, u0, v0, w, h) => this.renderer?.uploadPlane(kind, data, u0, v0, w, h),
      changed: () => {
        this.updateText();
        this.invalidate();
      },
    });
    this.hover = throttle(
      (nm: Float64Array) => session.setCursor([nm[0]!, nm[1]!, nm[2]!]),
      HOVER_INTERVAL_MS,
    );
    try {
      this.renderer = new SliceRenderer(el.canvas);
    } catch (err) {
      this.setText(el.status, `cannot draw: ${err instanceof Error ? err.message : String(err)}`);
    }
    // Acquire first (it opens the dataset if this is the first view), then follow changes from there.
    this.offs.push(this.volumes.acquire());
    this.offs.push(this.volumes.onChange((e) => this.onVolumes(e)));
    this.offs.push(session.store.subscribe((s, prev) => this.onState(s, prev)));
    this.listen();
    this.resize = new ResizeObserver(() => this.onResize());
    this.resize.observe(el.wrapper);
    this.onResize();
    this.resetDataset();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resize.disconnect();
    this.hover.cancel();
    for (const off of this.offs.splice(0)) off();
    this.plane.dispose();
    this.renderer?.dispose();
    this.renderer = null;
  }

  // ------------------------------------------------------------------ dataset, slice, lookup

  private onVolumes(e: SliceVolumesEvent): void {
    if (e === "dataset") this.resetDataset();
    else if (e === "layers") {
      this.plane.bindLayers();
      this.loadSlice();
    } else this.uploadLookup();
  }

  private resetDataset(): void {
    const ds = this.volumes.dataset;
    this.plane.reset(ds);
    this.fitted = false;
    const layout = this.plane.layout;
    this.renderer?.setPlaneSize(layout?.width ?? 0, layout?.height ?? 0);
    this.uploadedLookup = -1;
    this.uploadLookup();
    this.fit();
    this.plane.bindLayers();
    this.loadSlice();
    this.updateText();
    this.invalidate();
  }

  private onState(s: ViewerState, prev: ViewerState): void {
    if (s.slice !== prev.slice) {
      if (s.slice[this.dims.w] !== this.plane.w) this.loadSlice();
      else this.updateText();
      this.invalidate();
    }
    if (s.peers !== prev.peers) this.invalidate();
  }

  private loadSlice(): void {
    if (!this.plane.layout) return;
    const w = this.session.store.getState().slice[this.dims.w];
    this.plane.load(w, this.visibleRect());
    const stat = sliceStats.views[this.axis];
    if (stat) stat.slice = w;
  }

  private uploadLookup(): void {
    const r = this.renderer;
    if (!r || !this.volumes.dataset || this.uploadedLookup === this.volumes.lookupVersion) return;
    r.uploadLookup(this.volumes.lookup, this.volumes.lookupHeight);
    this.uploadedLookup = this.volumes.lookupVersion;
    this.invalidate();
  }

  /** The part of the plane in view, in plane coordinates. */
  private visibleRect(): PlaneRect {
    const ds = this.volumes.dataset;
    const su = ds?.voxelSize[this.dims.u] ?? 1;
    const sv = ds?.voxelSize[this.dims.v] ?? 1;
    const p = this.point;
    screenToPlane(this.view, su, sv, 0, 0, p);
    const minU = p[0]!;
    const minV = p[1]!;
    screenToPlane(this.view, su, sv, this.view.width, this.view.height, p);
    return { minU, minV, maxU: p[0]!, maxV: p[1]! };
  }

  // ------------------------------------------------------------------ text and drawing

  private updateText(): void {
    const ds = this.volumes.dataset;
    const w = this.session.store.getState().slice[this.dims.w];
    this.setText(this.el.label, ds ? `${this.axis}  ${DIM_NAMES[this.dims.w]} = ${w}` : this.axis);
    let status = "";
    if (!ds) status = "no dataset open";
    else if (ds.error) status = ds.error;
    else if (!ds.image || !ds.labels) status = "loading…";
    else {
      const n = this.plane.pendingCount;
      if (n > 0) status = `loading ${n} chunk${n === 1 ? "" : "s"}…`;
    }
    this.setText(this.el.status, status);
    this.el.wrapper.dataset.loading = status.startsWith("loading") ? "1" : "0";
  }

  private setText(el: HTMLElement, text: string): void {
    if (el.textContent !== text) el.textContent = text;
  }

  private invalidate(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = 0;
    const r = this.renderer;
    if (!r) return;
    const ds = this.volumes.dataset;
    const s = this.session.store.getState();
    const { u, v } = this.dims;
    shaderMapping(this.view, ds?.voxelSize[u] ?? 1, ds?.voxelSize[v] ?? 1, this.dpr, this.map);
    const p = this.drawParams;
    p.planeMinU = this.plane.layout?.minU ?? 0;
    p.planeMinV = this.plane.layout?.minV ?? 0;
    p.crossU = s.slice[u] + 0.5;
    p.crossV = s.slice[v] + 0.5;
    p.devicePixelRatio = this.dpr;
    r.draw(p);
    const ctx = this.el.overlay.getContext("2d");
    if (ctx) {
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.clearRect(0, 0, this.view.width, this.view.height);
      if (ds) drawPeerMarkers(ctx, s.peers, this.axis, ds.voxelSize, s.slice, this.view, this.point);
    }
    if (this.plane.hasImage && this.el.wrapper.dataset.rendered !== "1") {
      this.el.wrapper.dataset.rendered = "1";
      const stat = sliceStats.views[this.axis];
      if (stat) stat.rendered = true;
    }
  }

  private fit(): void {
    const ds = this.volumes.dataset;
    if (!ds || this.view.width <= 1 || this.view.height <= 1) return;
    const { u, v } = this.dims;
    const b = ds.bounds;
    fitViewport(this.view, ds.voxelSize[u], ds.voxelSize[v], b.min[u], b.min[v], b.max[u], b.max[v]);
    this.fitted = true;
    this.invalidate();
  }

  private onResize(): void {
    const w = Math.max(1, this.el.wrapper.clientWidth);
    const h = Math.max(1, this.el.wrapper.clientHeight);
    this.dpr = Math.min(2, window.devicePixelRatio || 1);
    this.view.width = w;
    this.view.height = h;
    for (const c of [this.el.canvas, this.el.overlay]) {
      const cw = Math.round(w * this.dpr);
      const ch = Math.round(h * this.dpr);
      if (c.width !== cw) c.width = cw;
      if (c.height !== ch) c.height = ch;
    }
    if (!this.fitted) this.fit();
    this.plane.reveal(this.visibleRect());
    this.invalidate();
  }

  private restoreGpu(): void {
    try {
      this.renderer = new SliceRenderer(this.el.canvas);
    } catch {
      return;
    }
    const layout = this.plane.layout;
    if (layout) {
      this.renderer.setPlaneSize(layout.width, layout.height);
      for (const kind of ["image", "labels"] as const satisfies readonly PlaneKind[]) {
        const data = kind === "image" ? this.plane.image : this.plane.labels;
        this.renderer.uploadPlane(kind, data, 0, 0, layout.width, layout.height);
      }
    }
    this.uploadedLookup = -1;
    this.uploadLookup();
    this.invalidate();
  }

  // ------------------------------------------------------------------ input

  private listen(): void {
    const c = this.el.canvas;
    const on = <K extends keyof HTMLElementEventMap>(
      type: K,
      fn: (e: HTMLElementEventMap[K]) => void,
      options?: AddEventListenerOptions,
    ) => {
      c.addEventListener(type, fn, options);
      this.offs.push(() => c.removeEventListener(type, fn, options));
    };
    on("wheel", (e) => this.onWheel(e), { passive: false });
    on("pointerdown", (e) => this.onPointerDown(e));
    on("pointermove", (e) => this.onPointerMove(e));
    on("pointerup", (e) => this.onPointerUp(e));
    on("pointercancel", () => {
      this.drag = null;
    });
    const lost = (e: Event) => {
      e.preventDefault();
      this.renderer = null;
    };
    const restored = () => this.restoreGpu();
    c.addEventListener("webglcontextlost", lost);
    c.addEventListener("webglcontextrestored", restored);
    this.offs.push(() => {
      c.removeEventListener("webglcontextlost", lost);
      c.removeEventListener("webglcontextrestored", restored);
    });
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const ds = this.volumes.dataset;
    if (!ds) return;
    const px = wheelPixels(e.deltaY !== 0 ? e.deltaY : e.deltaX, e.deltaMode);
    if (e.ctrlKey || e.metaKey) {
      const factor = Math.exp(-px * ZOOM_PER_WHEEL_PIXEL);
      zoomViewportAt(
        this.view,
        ds.voxelSize[this.dims.u],
        ds.voxelSize[this.dims.v],
        e.offsetX,
        e.offsetY,
        factor,
      );
      this.plane.reveal(this.visibleRect());
      this.invalidate();
      return;
    }
    this.wheelAccumulated += px;
    const steps = wheelSteps(this.wheelAccumulated);
    if (steps === 0) return;
    this.wheelAccumulated = 0;
    stepSlice(this.session, this.axis, e.shiftKey ? steps * 10 : steps);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 && e.button !== 1) return;
    this.el.canvas.setPointerCapture(e.pointerId);
    this.drag = { x: e.offsetX, y: e.offsetY, startX: e.offsetX, startY: e.offsetY, moved: false };
  }

  private onPointerMove(e: PointerEvent): void {
    const d = this.drag;
    const ds = this.volumes.dataset;
    if (!ds) return;
    if (d) {
      if (!d.moved && Math.hypot(e.offsetX - d.startX, e.offsetY - d.startY) > CLICK_SLOP_PIXELS) {
        d.moved = true;
      }
      if (d.moved) {
        const dx = e.offsetX - d.x;
        const dy = e.offsetY - d.y;
        panViewport(this.view, ds.voxelSize[this.dims.u], ds.voxelSize[this.dims.v], dx, dy);
        this.invalidate();
      }
      d.x = e.offsetX;
      d.y = e.offsetY;
      return;
    }
    if (this.texelAt(e.offsetX, e.offsetY) >= 0) {
      this.pointerNm(e.offsetX, e.offsetY, this.hoverNm);
      this.hover(this.hoverNm);
    }
  }

  private onPointerUp(e: PointerEvent): void {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    if (d.moved) this.plane.reveal(this.visibleRect());
    else if (e.button === 0) this.pick(e.offsetX, e.offsetY, e.shiftKey);
  }

  /** The plane texel index under a screen point, -1 outside the volume. */
  private texelAt(x: number, y: number): number {
    const ds = this.volumes.dataset;
    const l = this.plane.layout;
    if (!ds || !l) return -1;
    const su = ds.voxelSize[this.dims.u];
    const sv = ds.voxelSize[this.dims.v];
    return planeTexelAt(this.view, su, sv, l.minU, l.minV, l.width, l.height, x, y);
  }

  /** Writes the position (nm) under a screen point to `out`: in-plane from the pointer, the slice's centre across. */
  private pointerNm(x: number, y: number, out: Float64Array): void {
    const ds = this.volumes.dataset;
    if (!ds) return;
    screenToVoxel(this.view, this.axis, ds.voxelSize, this.session.store.getState().slice, x, y, this.voxel);
    voxelToNm(this.voxel, ds.voxelSize, out);
  }

  /** A click: the supervoxel under the pointer (from the CPU copy of the labels) goes to the session. */
  private pick(x: number, y: number, additive: boolean): void {
    const ds = this.volumes.dataset;
    const texel = this.texelAt(x, y);
    if (!ds || texel < 0) return;
    const dense = this.plane.labelAt(texel);
    const sv = dense > 0 ? ds.supervoxels[dense - 1] : undefined;
    if (sv === undefined) return;
    this.pointerNm(x, y, this.nm);
    this.session.pick(sv, [this.nm[0]!, this.nm[1]!, this.nm[2]!], additive);
  }
}
