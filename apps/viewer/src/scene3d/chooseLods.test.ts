import { describe, expect, it } from "vitest";
import { chooseLods, type LodPolicy, pixelsPerRadian } from "./chooseLods";

const policy: LodPolicy = {
  budget: 1_000_000,
  pixelTolerance: 1,
  lodErrorsNm: [10, 30, 90],
  pixelsPerRadian: 1000,
  hysteresis: 0.5,
};
// LOD l is fine enough from distance errors[l] × 1000 / tolerance on: 10 µm, 30 µm, 90 µm.

describe("chooseLods", () => {
  it("picks the coarsest LOD whose error projects under the tolerance, coarsest when the distance is unknown", () => {
    const tri = [4000, 1000, 250];
    const c = (distance: number | null) => ({ distance, triangles: tri, current: null });
    const r = chooseLods([c(1000), c(20_000), c(50_000), c(200_000), c(null)], policy);
    expect(r.lods).toEqual([0, 0, 1, 2, 2]);
    expect(r.triangles).toBe(4000 + 4000 + 1000 + 250 + 250);
    expect(r.overBudget).toBe(false);
  });

  it("coarsens with hysteresis: a drawn LOD stays until the coarser one is clearly fine enough", () => {
    const tri = [4000, 1000, 250];
    // At 40 µm LOD 1 projects to 0.75 px: fine, but not under tolerance × hysteresis (0.5 px).
    expect(chooseLods([{ distance: 40_000, triangles: tri, current: 0 }], policy).lods).toEqual([0]);
    expect(chooseLods([{ distance: 40_000, triangles: tri, current: null }], policy).lods).toEqual([1]);
    expect(chooseLods([{ distance: 70_000, triangles: tri, current: 0 }], policy).lods).toEqual([1]);
    // Refining never waits.
    expect(chooseLods([{ distance: 1000, triangles: tri, current: 2 }], policy).lods).toEqual([0]);
  });

  it("keeps 100 neurons under the budget by coarsening the farthest first", () => {
    const candidates = Array.from({ length: 100 }, (_, i) => ({
      distance: 1000 + i * 100, // all would like LOD 0
      triangles: [20_000, 8000, 3000],
      current: null,
    }));
    const r = chooseLods(candidates, { ...policy, budget: 500_000 });
    expect(r.triangles).toBeLessThanOrEqual(500_000);
    expect(r.overBudget).toBe(false);
    // Nearer segments are never coarser than farther ones.
    for (let i = 1; i < 100; i++) expect(r.lods[i]!).toBeGreaterThanOrEqual(r.lods[i - 1]!);
    expect(r.lods[0]).toBe(0);
    expect(r.lods[99]).toBe(2);
  });

  it("says so when even the coarsest LODs do not fit", () => {
    const candidates = Array.from({ length: 10 }, () => ({
      distance: 10,
      triangles: [100, 60, 50],
      current: null,
    }));
    const r = chooseLods(candidates, { ...policy, budget: 400 });
    expect(r.lods).toEqual(Array(10).fill(2));
    expect(r.overBudget).toBe(true);
  });

  it("computes pixels per radian from the field of view", () => {
    expect(pixelsPerRadian(90, 800)).toBeCloseTo(400);
  });
});
