/** One segment as the LOD policy sees it. */
export interface LodCandidate {
  /** Distance from the camera to the segment's nearest bounding-sphere point (nm); null if unknown yet. */
  distance: number | null;
  /** Triangles at each LOD (exact once built, else estimated). */
  triangles: readonly number[];
  /** The LOD drawn now, if any (for hysteresis). */
  current: number | null;
}

export interface LodPolicy {
  /** Upper bound on the sum of triangles drawn. */
  budget: number;
  /** A LOD is fine enough when its geometric error projects to at most this many pixels. */
  pixelTolerance: number;
  /** Geometric error of each LOD in nm, ascending (LOD 0 is the finest). */
  lodErrorsNm: readonly number[];
  /** Viewport height in pixels / (2 tan(fov / 2)): pixels per unit of (size / distance). */
  pixelsPerRadian: number;
  /** Coarsen only once the coarser LOD's error is below tolerance × this (0–1; 1 = no hysteresis). */
  hysteresis: number;
}

export const TRIANGLE_BUDGET = 500_000;

export interface LodChoice {
  lods: number[];
  triangles: number;
  /** True when even the coarsest LODs exceed the budget (every segment is then at its coarsest). */
  overBudget: boolean;
}

/**
 * Picks a LOD per segment: by distance, the coarsest LOD whose error projects under the pixel tolerance
 * (segments of unknown distance start at the coarsest); then, while the total is over budget, the
 * farthest segment that can still be coarsened is coarsened by one level.
 */
export function chooseLods(candidates: readonly LodCandidate[], policy: LodPolicy): LodChoice {
  const coarsest = policy.lodErrorsNm.length - 1;
  const projected = (lod: number, d: number) =>
    ((policy.lodErrorsNm[lod] ?? 0) * policy.pixelsPerRadian) / Math.max(d, 1e-6);
  const lods = candidates.map((c) => {
    if (c.distance === null) return coarsest;
    const d = c.distance;
    let want = 0;
    for (let l = coarsest; l >= 0; l--) {
      if (projected(l, d) <= policy.pixelTolerance) {
        want = l;
        break;
      }
    }
    if (c.current !== null && c.current >= 0 && c.current <= coarsest && want > c.current) {
      // Coarsening: only when clearly far enough, so that a small camera move does not flip LODs.
      while (want > c.current && projected(want, d) > policy.pixelTolerance * policy.hysteresis) want--;
    }
    return want;
  });
  const tris = (i: number, lod: number) => candidates[i]!.triangles[lod] ?? 0;
  let total = 0;
  for (let i = 0; i < lods.length; i++) total += tris(i, lods[i]!);
  while (total > policy.budget) {
    let best = -1;
    let bestDistance = -1;
    let bestSaving = -1;
    for (let i = 0; i < lods.length; i++) {
      const lod = lods[i]!;
      if (lod >= coarsest) continue;
      const d = candidates[i]!.distance ?? Number.POSITIVE_INFINITY;
      const saving = tris(i, lod) - tris(i, lod + 1);
      if (d > bestDistance || (d === bestDistance && saving > bestSaving)) {
        best = i;
        bestDistance = d;
        bestSaving = saving;
      }
    }
    if (best < 0) break;
    const lod = lods[best]!;
    total += tris(best, lod + 1) - tris(best, lod);
    lods[best] = lod + 1;
  }
  return { lods, triangles: total, overBudget: total > policy.budget };
}

/** Pixels per radian for a perspective camera (vertical fov in degrees) and viewport height. */
export function pixelsPerRadian(fovDegrees: number, heightPx: number): number {
  return heightPx / (2 * Math.tan((fovDegrees * Math.PI) / 360));
}
