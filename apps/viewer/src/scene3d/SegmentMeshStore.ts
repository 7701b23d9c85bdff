import { buildSegmentMesh, type SegmentMeshData, type SegmentPart } from "./buildSegmentMesh";
import { chooseLods, type LodCandidate, TRIANGLE_BUDGET } from "./chooseLods";
import { FragmentCache, fragmentKey } from "./FragmentCache";
import { type Fragment, type FragmentSource, fragmentBytes } from "./meshFragmentSource";
import { planDrawing } from "./planDrawing";
import { raycastSegmentMesh, rayBoxEntry, type SegmentHit } from "./raycastSegmentMesh";
import type { Vec3 } from "./worldFrame";

/** A segment as it should be drawn now. */
export interface DrawnSegment {
  root: string;
  lod: number;
  mesh: SegmentMeshData;
  /** True for a segment no longer wanted, kept on screen until its successors are ready. */
  stale: boolean;
}

export interface SegmentMeshStoreOptions {
  /** Triangle budget for all drawn segments (default 500,000). */
  budget?: number;
  /** Projected geometric error in pixels a LOD may have (default 1.5). */
  pixelTolerance?: number;
  /** Coarsen when the coarser error is below tolerance × this (default 0.6). */
  hysteresis?: number;
  /** Decoded fragments kept (default 256 MB). */
  maxCacheBytes?: number;
  /** Fetches (request lists of one or more segments' fragments) in flight at once (default 2). */
  concurrentJobs?: number;
  /** Milliseconds of mesh building per slice before yielding to the browser (default 24). */
  buildSliceMs?: number;
  /** Drop walls between a segment's own supervoxels (default true). */
  cullShared?: boolean;
  /** Called when fetching fails. */
  onError?: (error: unknown) => void;
  /** Schedules deferred work (default setTimeout 0); tests pass a synchronous or manual one. */
  schedule?: (fn: () => void) => void;
  now?: () => number;
}

/** The camera as the LOD policy sees it. */
export interface LodView {
  position: Vec3;
  /** Viewport height / (2 tan(fov / 2)). */
  pixelsPerRadian: number;
}

interface Target {
  root: string;
  /** Supervoxels with a surface, ascending. */
  members: string[];
  /** Estimated triangles per LOD (before culling). */
  estimates: number[];
  /** Built meshes by LOD. */
  built: Map<number, SegmentMeshData>;
  /** The LOD the policy wants. */
  lod: number;
}

interface Drawn {
  lod: number;
  mesh: SegmentMeshData;
}

/**
 * Keeps the meshes of the wanted segments (selection, split preview) loaded at a level of detail chosen by
 * distance under a triangle budget. Fragments are cached by (supervoxel, LOD) and merged into one mesh per
 * segment per LOD; after an edit the new segments are rebuilt from the cache without fetching, and the old
 * ones stay drawn until the new ones are ready. Framework-free: the 3D layer listens with `onChange`.
 */
export class SegmentMeshStore {
  readonly cache: FragmentCache<Fragment>;
  private readonly opts: Required<Omit<SegmentMeshStoreOptions, "onError">> & {
    onError: ((error: unknown) => void) | undefined;
  };
  private targets = new Map<string, Target>();
  private order: string[] = [];
  private drawn = new Map<string, Drawn>();
  private drawnList: DrawnSegment[] = [];
  private rootOf: (sv: string) => string | undefined = () => undefined;
  private view: LodView | null = null;
  private readonly inflight = new Set<string>();
  private readonly queued = new Map<string, { root: string; lod: number }>();
  private running = 0;
  private readonly listeners = new Set<() => void>();
  private updateScheduled = false;
  private disposed = false;
  /** Fragments of what is wanted or drawn (never evicted); built lazily, only when the cache is full. */
  private protectedKeys: Set<string> | null = null;
  private readonly isProtected = (key: string): boolean => {
    if (!this.protectedKeys) {
      const keys = new Set<string>();
      for (const t of this.targets.values()) {
        for (const sv of t.members) keys.add(fragmentKey(sv, t.lod));
        const d = this.drawn.get(t.root);
        if (d && d.lod !== t.lod) for (const sv of t.members) keys.add(fragmentKey(sv, d.lod));
      }
      for (const [root, d] of this.drawn) {
        if (!this.targets.has(root)) for (const sv of d.mesh.supervoxels) keys.add(fragmentKey(sv, d.lod));
      }
      this.protectedKeys = keys;
    }
    return this.protectedKeys.has(key);
  };
  private lastOverBudget = false;
  /** Jobs that failed, by `${root}:${lod}` → time before which they are not retried. */
  private readonly failedUntil = new Map<string, number>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Fragment requests sent so far (for tests and the benchmark). */
  fetchedFragments = 0;
  builds = 0;

  constructor(
    readonly source: FragmentSource,
    options: SegmentMeshStoreOptions = {},
  ) {
    this.opts = {
      budget: options.budget ?? TRIANGLE_BUDGET,
      pixelTolerance: options.pixelTolerance ?? 1.5,
      hysteresis: options.hysteresis ?? 0.6,
      maxCacheBytes: options.maxCacheBytes ?? 256 * 1024 * 1024,
      concurrentJobs: options.concurrentJobs ?? 2,
      buildSliceMs: options.buildSliceMs ?? 24,
      cullShared: options.cullShared ?? true,
      onError: options.onError,
      schedule: options.schedule ?? ((fn) => setTimeout(fn, 0)),
      now: options.now ?? (() => performance.now()),
    };
    this.cache = new FragmentCache<Fragment>(this.opts.maxCacheBytes, fragmentBytes);
  }

  /**
   * The segments to show (root ids, in order) and the mapping to read their supervoxels from. Call again
   * whenever either changes (selection, preview, `mappingVersion`).
   */
  setTargets(
    roots: readonly string[],
    membersOf: (root: string) => Iterable<string>,
    rootOf: (supervoxel: string) => string | undefined,
  ): void {
    this.rootOf = rootOf;
    const next = new Map<string, Target>();
    const order: string[] = [];
    for (const root of roots) {
      if (next.has(root)) continue;
      let t = this.targets.get(root);
      if (!t) {
        const members = [...membersOf(root)].filter((sv) => this.source.has(sv)).sort();
        if (members.length === 0) continue;
        const estimates: number[] = [];
        for (let lod = 0; lod < this.source.lodCount; lod++) {
          let sum = 0;
          for (const sv of members) sum += this.source.estimateTriangles(sv, lod);
          estimates.push(sum);
        }
        t = { root, members, estimates, built: new Map(), lod: this.source.lodCount - 1 };
      }
      next.set(root, t);
      order.push(root);
    }
    this.targets = next;
    this.order = order;
    this.update();
  }

  /** The camera moved: LODs are chosen again (cheap; fetches only what changes). */
  setView(view: LodView): void {
    const v = this.view;
    if (
      v &&
      v.pixelsPerRadian === view.pixelsPerRadian &&
      v.position[0] === view.position[0] &&
      v.position[1] === view.position[1] &&
      v.position[2] === view.position[2]
    ) {
      return;
    }
    this.view = {
      position: [view.position[0], view.position[1], view.position[2]],
      pixelsPerRadian: view.pixelsPerRadian,
    };
    this.update();
  }

  /** What to draw now. The array is replaced (not mutated) when anything changes. */
  segments(): readonly DrawnSegment[] {
    return this.drawnList;
  }

  /** Triangles of the drawn segments, and whether even the coarsest LODs would exceed the budget. */
  stats(): { triangles: number; overBudget: boolean; pendingJobs: number; cachedBytes: number } {
    let triangles = 0;
    for (const d of this.drawnList) triangles += d.mesh.triangleCount;
    return {
      triangles,
      overBudget: this.lastOverBudget,
      pendingJobs: this.queued.size + this.running,
      cachedBytes: this.cache.bytes,
    };
  }

  /** True when every wanted segment is drawn at the LOD the policy wants and nothing is loading. */
  get settled(): boolean {
    if (this.queued.size > 0 || this.running > 0) return false;
    for (const t of this.targets.values()) {
      const d = this.drawn.get(t.root);
      if (!d || d.lod !== t.lod) return false;
    }
    return true;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The nearest drawn surface under a ray (unit `dir`), with its supervoxel and segment. */
  raycast(origin: Vec3, dir: Vec3, far = Infinity): (SegmentHit & { root: string }) | null {
    let best: (SegmentHit & { root: string }) | null = null;
    const invDir: Vec3 = [1 / dir[0], 1 / dir[1], 1 / dir[2]];
    for (const d of this.drawnList) {
      const m = d.mesh;
      const box = [m.min[0], m.min[1], m.min[2], m.max[0], m.max[1], m.max[2]];
      if (rayBoxEntry(origin, invDir, box, 0, best?.distance ?? far) === Infinity) continue;
      const hit = raycastSegmentMesh(m, origin, dir, best?.distance ?? far);
      if (hit) best = { ...hit, root: d.root };
    }
    return best;
  }

  /** The box around the drawn meshes of these segments (all drawn ones when empty), or null. */
  bounds(roots: readonly string[] = []): { min: Vec3; max: Vec3 } | null {
    const want = new Set(roots);
    const min: Vec3 = [Infinity, Infinity, Infinity];
    const max: Vec3 = [-Infinity, -Infinity, -Infinity];
    let any = false;
    for (const d of this.drawnList) {
      if (want.size > 0 && !want.has(d.root)) continue;
      if (d.mesh.triangleCount === 0) continue;
      any = true;
      for (let k = 0; k < 3; k++) {
        min[k] = Math.min(min[k]!, d.mesh.min[k]!);
        max[k] = Math.max(max[k]!, d.mesh.max[k]!);
      }
    }
    return any ? { min, max } : null;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.queued.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  // ------------------------------------------------------------------ internals

  private distanceTo(t: Target): number | null {
    if (!this.view) return null;
    let m = t.built.values().next().value ?? this.drawn.get(t.root)?.mesh;
    if (!m) {
      // A piece of a drawn segment (just after an edit): judged by where that segment is, so that it is
      // built at once at the LOD already cached rather than at the coarsest first.
      const first = t.members[0];
      for (const d of this.drawn.values()) {
        if (first !== undefined && d.mesh.supervoxels.includes(first)) {
          m = d.mesh;
          break;
        }
      }
    }
    if (!m || m.triangleCount === 0) return null;
    const p = this.view.position;
    let r2 = 0;
    let d2 = 0;
    for (let k = 0; k < 3; k++) {
      const c = (m.min[k]! + m.max[k]!) / 2;
      const h = (m.max[k]! - m.min[k]!) / 2;
      r2 += h * h;
      d2 += (p[k]! - c) ** 2;
    }
    return Math.max(0, Math.sqrt(d2) - Math.sqrt(r2));
  }

  private chooseLods(): void {
    const list = this.order.map((r) => this.targets.get(r)!);
    const candidates: LodCandidate[] = list.map((t) => ({
      distance: this.distanceTo(t),
      triangles: t.estimates.map((e, lod) => t.built.get(lod)?.triangleCount ?? e),
      current: this.drawn.get(t.root)?.lod ?? null,
    }));
    const choice = chooseLods(candidates, {
      budget: this.opts.budget,
      pixelTolerance: this.opts.pixelTolerance,
      hysteresis: this.opts.hysteresis,
      lodErrorsNm: this.source.lodErrorsNm,
      pixelsPerRadian: this.view?.pixelsPerRadian ?? 1,
    });
    list.forEach((t, i) => {
      t.lod = choice.lods[i]!;
    });
    this.lastOverBudget = choice.overBudget;
  }

  private missing(t: Target, lod: number): string[] {
    const out: string[] = [];
    for (const sv of t.members) if (!this.cache.has(fragmentKey(sv, lod))) out.push(sv);
    return out;
  }

  private build(t: Target, lod: number): SegmentMeshData {
    const parts: SegmentPart[] = [];
    for (const sv of t.members) {
      const f = this.cache.get(fragmentKey(sv, lod));
      if (f && f.indices.length > 0)
        parts.push({ supervoxel: sv, positions: f.positions, indices: f.indices });
    }
    const mesh = buildSegmentMesh(parts, { cullShared: this.opts.cullShared });
    this.builds += 1;
    return mesh;
  }

  private scheduleUpdate(): void {
    if (this.updateScheduled || this.disposed) return;
    this.updateScheduled = true;
    this.opts.schedule(() => {
      this.updateScheduled = false;
      this.update();
    });
  }

  /** Chooses LODs, builds what the cache allows (time-sliced), queues fetches, and re-plans the drawing. */
  private update(): void {
    if (this.disposed) return;
    this.chooseLods();
    const now = this.opts.now();
    let deferred = false;
    let retryAt = Infinity;
    for (const root of this.order) {
      const t = this.targets.get(root)!;
      const d = this.drawn.get(root);
      if (t.built.has(t.lod)) continue;
      // A first mesh gives the segment a distance: choose its LOD again right after.
      if (t.built.size === 0 && !d && this.view) deferred = true;
      const missing = this.missing(t, t.lod);
      if (missing.length === 0) {
        // Refinements of segments already on screen yield to the browser; new segments never wait.
        if (d && this.opts.now() - now > this.opts.buildSliceMs) {
          deferred = true;
          continue;
        }
        t.built.set(t.lod, this.build(t, t.lod));
        continue;
      }
      if (!d && t.built.size === 0) {
        // Nothing to show yet (a new selection, or the pieces of an edited segment): any LOD already
        // cached in full is built at once, so an edit regroups without waiting for the network.
        for (let lod = 0; lod < this.source.lodCount; lod++) {
          if (lod !== t.lod && this.missing(t, lod).length === 0) {
            t.built.set(lod, this.build(t, lod));
            break;
          }
        }
      }
      const jobKey = `${root}:${t.lod}`;
      const until = this.failedUntil.get(jobKey) ?? 0;
      if (until > now) {
        retryAt = Math.min(retryAt, until);
        continue;
      }
      const need = missing.some((sv) => !this.inflight.has(fragmentKey(sv, t.lod)));
      if (need) this.queued.set(jobKey, { root, lod: t.lod });
    }
    this.replan();
    this.protectedKeys = null;
    this.cache.evict(this.isProtected);
    // Built meshes of LODs neither wanted nor drawn are dropped (their fragments stay cached).
    for (const t of this.targets.values()) {
      const drawnLod = this.drawn.get(t.root)?.lod;
      for (const lod of t.built.keys()) if (lod !== t.lod && lod !== drawnLod) t.built.delete(lod);
    }
    this.pump();
    if (deferred) this.scheduleUpdate();
    if (retryAt !== Infinity && !this.retryTimer) {
      this.retryTimer = setTimeout(
        () => {
          this.retryTimer = null;
          this.update();
        },
        Math.max(0, retryAt - now),
      );
    }
  }

  private replan(): void {
    const drawnMembers = new Map<string, readonly string[]>();
    for (const [root, d] of this.drawn) drawnMembers.set(root, d.mesh.supervoxels);
    const best = (root: string): Drawn | undefined => {
      const t = this.targets.get(root);
      if (!t) return undefined;
      const wanted = t.built.get(t.lod);
      if (wanted) return { lod: t.lod, mesh: wanted };
      const d = this.drawn.get(root);
      if (d) return d;
      for (const [lod, mesh] of t.built) return { lod, mesh };
      return undefined;
    };
    const plan = planDrawing({
      targets: this.order,
      ready: (root) => best(root) !== undefined,
      drawn: drawnMembers,
      rootOf: this.rootOf,
    });
    const next = new Map<string, Drawn>();
    const list: DrawnSegment[] = [];
    for (const root of plan.keep) {
      const d = this.drawn.get(root)!;
      next.set(root, d);
      list.push({ root, lod: d.lod, mesh: d.mesh, stale: true });
    }
    for (const root of plan.show) {
      const d = best(root)!;
      next.set(root, d);
      list.push({ root, lod: d.lod, mesh: d.mesh, stale: false });
    }
    const changed =
      list.length !== this.drawnList.length ||
      list.some((d, i) => {
        const o = this.drawnList[i]!;
        return o.root !== d.root || o.mesh !== d.mesh || o.stale !== d.stale;
      });
    this.drawn = next;
    if (!changed) return;
    this.drawnList = list;
    for (const l of this.listeners) l();
  }

  /**
   * Starts queued fetch jobs, best first: segments with nothing drawn, then coarser LODs, then nearer
   * segments. With nothing in flight the best job goes alone (the first mesh shows soon); otherwise it
   * takes the other queued jobs along in one request list, so that their byte ranges batch together
   * across segments. Fragments are cached batch by batch and segments are built as they complete.
   */
  private pump(): void {
    while (this.running < this.opts.concurrentJobs && this.queued.size > 0) {
      const ranked: { key: string; root: string; lod: number; score: number }[] = [];
      for (const [key, job] of this.queued) {
        const t = this.targets.get(job.root);
        if (!t || t.lod !== job.lod) {
          this.queued.delete(key);
          continue;
        }
        const score =
          (this.drawn.has(job.root) ? 1e12 : 0) +
          (this.source.lodCount - job.lod) * 1e10 +
          (this.distanceTo(t) ?? 1e9);
        ranked.push({ key, root: job.root, lod: job.lod, score });
      }
      ranked.sort((a, b) => a.score - b.score);
      const group = this.running === 0 ? ranked.slice(0, 1) : ranked;
      const requests: { supervoxel: string; lod: number; key: string }[] = [];
      const jobs: string[] = [];
      for (const job of group) {
        const t = this.targets.get(job.root)!;
        const keys = this.missing(t, job.lod)
          .map((sv) => ({ supervoxel: sv, lod: job.lod, key: fragmentKey(sv, job.lod) }))
          .filter((r) => !this.inflight.has(r.key));
        if (requests.length > 0 && requests.length + keys.length > MAX_FRAGMENTS_PER_FETCH) break;
        this.queued.delete(job.key);
        jobs.push(job.key);
        for (const r of keys) {
          this.inflight.add(r.key);
          requests.push(r);
        }
      }
      if (requests.length === 0) continue;
      this.running += 1;
      this.fetchedFragments += requests.length;
      const keep = this.isProtected;
      this.source
        .fetch(requests, (part) => {
          for (const [key, f] of part) this.cache.set(key, f, keep);
          this.scheduleUpdate();
        })
        .then(
          (got) => {
            for (const r of requests) {
              // A fragment the source does not have is cached empty, so it is never asked for again.
              if (!this.cache.has(r.key)) this.cache.set(r.key, got.get(r.key) ?? EMPTY_FRAGMENT, keep);
            }
          },
          (err: unknown) => {
            for (const job of jobs) this.failedUntil.set(job, this.opts.now() + RETRY_MS);
            this.opts.onError?.(err);
          },
        )
        .finally(() => {
          for (const r of requests) this.inflight.delete(r.key);
          this.running -= 1;
          if (!this.disposed) this.update();
        });
    }
  }
}

const RETRY_MS = 5000;
const MAX_FRAGMENTS_PER_FETCH = 4000;

const EMPTY_FRAGMENT: Fragment = { positions: new Float32Array(0), indices: new Uint32Array(0) };
