/**
 * What the three slice views of one session share: the open dataset's image and segmentation layers with
 * their chunk caches (so each chunk is fetched and decoded once), the supervoxel ids in dense order, and
 * the colour lookup (dense label → RGBA of the current segment), rebuilt when the mapping, the selection or
 * the split preview changes. Framework-free; views acquire it and release it.
 */
import type { ViewerSession } from "../state/ViewerSession";
import type { ViewerState } from "../state/ViewerState";
import { ChunkCache } from "./ChunkCache";
import type { ChunkGrid } from "./chunkSelection";
import { createSupervoxelSearch } from "./denseLabels";
import { type FetchFile, openPrecomputedImage, openPrecomputedLabels } from "./precomputedLayer";
import { createSegmentLookup, lookupTextureHeight, writeSegmentLookup } from "./segmentLookup";

export interface SliceLayer<T extends Uint8Array | Uint32Array> {
  readonly grid: ChunkGrid;
  readonly cache: ChunkCache<T>;
}

/** The open dataset as the slice views need it. */
export interface SliceDataset {
  readonly id: string;
  readonly voxelSize: readonly [number, number, number];
  readonly bounds: {
    readonly min: readonly [number, number, number];
    readonly max: readonly [number, number, number];
  };
  /** Supervoxel ids as decimal strings, in dense order (dense label d is supervoxels[d - 1]). */
  readonly supervoxels: readonly string[];
  /** null while the layers' info files load, or if they failed (see `error`). */
  image: SliceLayer<Uint8Array> | null;
  labels: SliceLayer<Uint32Array> | null;
  error: string | null;
}

export type SliceVolumesEvent = "dataset" | "layers" | "lookup";

const registry = new WeakMap<ViewerSession, SliceVolumes>();

export class SliceVolumes {
  /** The shared instance of a session (created on first use). */
  static of(session: ViewerSession): SliceVolumes {
    let v = registry.get(session);
    if (!v) {
      v = new SliceVolumes(session);
      registry.set(session, v);
    }
    return v;
  }

  dataset: SliceDataset | null = null;
  /** RGBA8, LOOKUP_WIDTH × lookupHeight texels; see segmentLookup.ts. */
  lookup: Uint8Array = createSegmentLookup(0);
  lookupHeight = 1;
  /** Bumped on every lookup rewrite; views upload when theirs differs. */
  lookupVersion = 0;

  private ids: BigUint64Array | null = null;
  private users = 0;
  private off: (() => void) | null = null;
  private readonly listeners = new Set<(event: SliceVolumesEvent) => void>();
  private readonly colours = new Map<string, number>();
  private lookupKey: {
    mappingVersion: number;
    selected: ViewerState["selected"];
    preview: ViewerState["preview"];
  } | null = null;

  private constructor(private readonly session: ViewerSession) {}

  /** Starts following the session (first user) and returns the release function. */
  acquire(): () => void {
    this.users += 1;
    if (this.users === 1) {
      this.off = this.session.store.subscribe((s) => this.sync(s));
      this.sync(this.session.store.getState());
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users === 0) {
        this.off?.();
        this.off = null;
      }
    };
  }

  onChange(listener: (event: SliceVolumesEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SliceVolumesEvent): void {
    for (const l of this.listeners) l(event);
  }

  private sync(s: ViewerState): void {
    const id = s.dataset?.id ?? null;
    if (id !== (this.dataset?.id ?? null) || (id !== null && this.session.supervoxelIds !== this.ids)) {
      this.open(s);
    }
    const k = this.lookupKey;
    if (
      this.dataset &&
      (!k || k.mappingVersion !== s.mappingVersion || k.selected !== s.selected || k.preview !== s.preview)
    ) {
      this.rebuildLookup(s);
    }
  }

  private open(s: ViewerState): void {
    this.dataset?.image?.cache.dispose();
    this.dataset?.labels?.cache.dispose();
    this.dataset = null;
    this.lookupKey = null;
    this.colours.clear();
    const info = s.dataset;
    if (!info) {
      this.emit("dataset");
      return;
    }
    const m = info.manifest;
    const ids = this.session.supervoxelIds;
    this.ids = ids;
    const supervoxels = Array.from(ids, (id) => id.toString());
    const dataset: SliceDataset = {
      id: info.id,
      voxelSize: m.voxelSize,
      bounds: m.bounds,
      supervoxels,
      image: null,
      labels: null,
      error: null,
    };
    this.dataset = dataset;
    this.lookup = createSegmentLookup(supervoxels.length);
    this.lookupHeight = lookupTextureHeight(supervoxels.length);
    this.rebuildLookup(s, false);
    this.emit("dataset");
    const api = this.session.api;
    const fetchFile: FetchFile = async (url) => {
      const res = await fetch(url);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
      return new Uint8Array(await res.arrayBuffer());
    };
    const search = createSupervoxelSearch(ids);
    const image = openPrecomputedImage(fetchFile, api.fileUrl(info.id, m.layers.image.path), m.voxelSize);
    const labels = openPrecomputedLabels(
      fetchFile,
      api.fileUrl(info.id, m.layers.segmentation.path),
      m.voxelSize,
      search,
    );
    Promise.all([image, labels]).then(
      ([img, lab]) => {
        if (this.dataset !== dataset) return;
        dataset.image = { grid: img.grid, cache: new ChunkCache(img.load, { maxBytes: 128 * 1024 * 1024 }) };
        dataset.labels = { grid: lab.grid, cache: new ChunkCache(lab.load, { maxBytes: 256 * 1024 * 1024 }) };
        this.emit("layers");
      },
      (err: unknown) => {
        if (this.dataset !== dataset) return;
        dataset.error = err instanceof Error ? err.message : String(err);
        this.emit("layers");
      },
    );
  }

  private rebuildLookup(s: ViewerState, announce = true): void {
    const dataset = this.dataset;
    if (!dataset) return;
    const mapping = this.session.mapping;
    if (this.colours.size > 100_000) this.colours.clear();
    writeSegmentLookup(
      this.lookup,
      dataset.supervoxels,
      (sv) => mapping.rootOf(sv),
      { selected: s.selected, preview: s.preview },
      this.colours,
    );
    this.lookupKey = { mappingVersion: s.mappingVersion, selected: s.selected, preview: s.preview };
    this.lookupVersion += 1;
    if (announce) this.emit("lookup");
  }
}
