/**
 * The CPU side of one slice view: the plane buffers of the current slice (uint8 EM image and dense labels,
 * covering the dataset's bounds in the plane), filled from the shared chunk caches as chunks arrive. It
 * tells its sink which texels changed so that the view uploads each slice or chunk once; the dense labels
 * stay here for picking. No DOM, no GPU.
 */
import type { ChunkCache } from "./ChunkCache";
import { type ChunkRef, chunksForSlice, type PlaneRect } from "./chunkSelection";
import { extractChunkSlice, type PlaneLayout } from "./extractSlice";
import { AXIS_DIMS, type AxisDims, type SliceAxis } from "./sliceAxes";
import type { SliceDataset, SliceLayer } from "./SliceVolumes";

export type PlaneKind = "image" | "labels";

/** Where the plane's changes go: the view's GPU textures and redraw. */
export interface PlaneSink {
  /** Texels [u0, u0 + width) × [v0, v0 + height) of a plane buffer changed. */
  upload(
    kind: PlaneKind,
    data: Uint8Array | Uint32Array,
    u0: number,
    v0: number,
    width: number,
    height: number,
  ): void;
  /** Something changed (texels or the chunks waited for): redraw and refresh the status. */
  changed(): void;
}

/** Prefetch the next layer of chunks when the slice is this close (voxels) to its boundary. */
export const PREFETCH_VOXELS = 8;

interface LayerState {
  /** Keys of the chunks copied into the plane buffers for the current slice. */
  readonly extracted: Set<string>;
  /** Keys of the chunks the current slice waits for. */
  readonly pending: Set<string>;
  cache: ChunkCache<Uint8Array | Uint32Array> | null;
  off: (() => void) | null;
}

export class SlicePlane {
  private readonly dims: AxisDims;
  layout: PlaneLayout | null = null;
  image = new Uint8Array(0);
  labels = new Uint32Array(0);
  /** The slice index along the normal that the buffers hold (NaN: none). */
  w = Number.NaN;
  /** True once a chunk of image data has been copied into the current slice. */
  hasImage = false;
  private dataset: SliceDataset | null = null;
  private lastStep = 1;
  private readonly rect = new Int32Array(4);
  private readonly layers: Record<PlaneKind, LayerState> = {
    image: { extracted: new Set(), pending: new Set(), cache: null, off: null },
    labels: { extracted: new Set(), pending: new Set(), cache: null, off: null },
  };

  constructor(
    readonly axis: SliceAxis,
    private readonly sink: PlaneSink,
  ) {
    this.dims = AXIS_DIMS[axis];
  }

  /** Sizes the buffers for a dataset (or none) and forgets the slice. */
  reset(dataset: SliceDataset | null): void {
    this.unbind();
    this.dataset = dataset;
    this.w = Number.NaN;
    this.hasImage = false;
    if (!dataset) {
      this.layout = null;
      this.image = new Uint8Array(0);
      this.labels = new Uint32Array(0);
      return;
    }
    const { u, v } = this.dims;
    const width = dataset.bounds.max[u] - dataset.bounds.min[u];
    const height = dataset.bounds.max[v] - dataset.bounds.min[v];
    this.layout = { minU: dataset.bounds.min[u], minV: dataset.bounds.min[v], width, height };
    this.image = new Uint8Array(width * height);
    this.labels = new Uint32Array(width * height);
  }

  /** Follows the dataset's chunk caches once its layers are open (call again when they open). */
  bindLayers(): void {
    const ds = this.dataset;
    if (!ds) return;
    this.bind("image", ds.image);
    this.bind("labels", ds.labels);
  }

  /**
   * Shows slice `w`: clears the buffers, copies in the cached chunks meeting `rect` (plane coordinates;
   * the part in view), asks for the others, and reports the whole plane as changed.
   */
  load(w: number, rect: PlaneRect): void {
    const layout = this.layout;
    if (!layout) return;
    if (!Number.isNaN(this.w) && w !== this.w) this.lastStep = w > this.w ? 1 : -1;
    this.w = w;
    this.hasImage = false;
    this.image.fill(0);
    this.labels.fill(0);
    for (const kind of ["image", "labels"] as const) {
      this.layers[kind].extracted.clear();
      this.layers[kind].pending.clear();
    }
    this.fill(rect, false);
    this.sink.upload("image", this.image, 0, 0, layout.width, layout.height);
    this.sink.upload("labels", this.labels, 0, 0, layout.width, layout.height);
    this.sink.changed();
  }

  /** After a pan or zoom: copies in or asks for the chunks of the current slice now in view. */
  reveal(rect: PlaneRect): void {
    if (!this.layout || Number.isNaN(this.w)) return;
    this.fill(rect, true);
    this.sink.changed();
  }

  /** Chunks the current slice still waits for. */
  get pendingCount(): number {
    return this.layers.image.pending.size + this.layers.labels.pending.size;
  }

  /** The dense label at a plane texel index (0: background or not loaded). */
  labelAt(texel: number): number {
    return this.labels[texel] ?? 0;
  }

  dispose(): void {
    this.unbind();
    this.dataset = null;
  }

  private unbind(): void {
    for (const kind of ["image", "labels"] as const) {
      const l = this.layers[kind];
      l.off?.();
      l.off = null;
      l.cache = null;
      l.extracted.clear();
      l.pending.clear();
    }
  }

  private bind(kind: PlaneKind, layer: SliceLayer<Uint8Array> | SliceLayer<Uint32Array> | null): void {
    const l = this.layers[kind];
    if (!layer || l.cache === layer.cache) return;
    l.off?.();
    const cache = layer.cache as ChunkCache<Uint8Array | Uint32Array>;
    l.cache = cache;
    l.off = cache.onLoad((chunk, data) => this.onChunk(kind, chunk, data));
  }

  private fill(rect: PlaneRect, upload: boolean): void {
    const ds = this.dataset;
    if (!ds) return;
    this.fillLayer("image", ds.image, rect, upload);
    this.fillLayer("labels", ds.labels, rect, upload);
  }

  private fillLayer(
    kind: PlaneKind,
    layer: SliceLayer<Uint8Array> | SliceLayer<Uint32Array> | null,
    rect: PlaneRect,
    upload: boolean,
  ): void {
    if (!layer) return;
    const l = this.layers[kind];
    const cache = layer.cache as ChunkCache<Uint8Array | Uint32Array>;
    const w = this.w;
    for (const chunk of chunksForSlice(layer.grid, this.axis, w, rect)) {
      if (l.extracted.has(chunk.key)) continue;
      const data = cache.get(chunk.key);
      if (data === undefined) {
        l.pending.add(chunk.key);
        cache.request(chunk, true);
      } else if (data !== null) {
        this.copy(kind, chunk, data, upload);
      }
    }
    // Prefetch the neighbouring layer of chunks in the direction of travel.
    const cs = layer.grid.chunkSize[this.dims.w];
    const into = (((w - layer.grid.offset[this.dims.w]) % cs) + cs) % cs;
    let next: number | null = null;
    if (this.lastStep > 0 && into >= cs - PREFETCH_VOXELS) next = w + PREFETCH_VOXELS;
    if (this.lastStep < 0 && into < PREFETCH_VOXELS) next = w - PREFETCH_VOXELS;
    if (next !== null) {
      for (const chunk of chunksForSlice(layer.grid, this.axis, next, rect)) {
        if (cache.get(chunk.key) === undefined) cache.request(chunk, false);
      }
    }
  }

  private onChunk(kind: PlaneKind, chunk: ChunkRef, data: Uint8Array | Uint32Array | null): void {
    const l = this.layers[kind];
    const waited = l.pending.delete(chunk.key);
    const copied = data !== null && !l.extracted.has(chunk.key) && this.copy(kind, chunk, data, true);
    if (waited || copied) this.sink.changed();
  }

  /** Copies one chunk's cross-section into a plane buffer (and reports the texels when `upload`). */
  private copy(kind: PlaneKind, chunk: ChunkRef, data: Uint8Array | Uint32Array, upload: boolean): boolean {
    const layout = this.layout;
    if (!layout || Number.isNaN(this.w)) return false;
    const dst = kind === "image" ? this.image : this.labels;
    const r = this.rect;
    if (!extractChunkSlice(data, chunk.begin, chunk.end, this.axis, this.w, dst, layout, r)) return false;
    this.layers[kind].extracted.add(chunk.key);
    if (kind === "image") this.hasImage = true;
    if (upload) this.sink.upload(kind, dst, r[0]!, r[1]!, r[2]!, r[3]!);
    return true;
  }
}
