import { describe, expect, it } from "vitest";
import { SegmentMeshStore } from "./SegmentMeshStore";
import { fakeSource, flush } from "./testFragments";

/** Supervoxels "1".."n" in a row along x; a mutable mapping of segments. */
function world(n: number, groups: Record<string, string[]>) {
  const cells = new Map<string, number[]>();
  for (let i = 1; i <= n; i++) cells.set(String(i), [i - 1, 0, 0]);
  const source = fakeSource(cells);
  let members = new Map(Object.entries(groups));
  const mapping = {
    membersOf: (root: string) => members.get(root) ?? [],
    rootOf: (sv: string) => [...members].find(([, m]) => m.includes(sv))?.[0],
    set(next: Record<string, string[]>) {
      members = new Map(Object.entries(next));
    },
  };
  return { source, mapping };
}

const drawn = (store: SegmentMeshStore) =>
  store.segments().map((d) => `${d.root}@${d.lod}${d.stale ? " stale" : ""}`);

describe("SegmentMeshStore", () => {
  it("loads a selected segment at the coarsest LOD first, as one merged mesh without inner walls", async () => {
    const { source, mapping } = world(6, { A: ["1", "2", "3"], B: ["4", "5", "6"] });
    const store = new SegmentMeshStore(source);
    let changes = 0;
    store.onChange(() => changes++);
    store.setTargets(["A"], mapping.membersOf, mapping.rootOf);
    expect(store.segments()).toEqual([]);
    await flush();
    expect(drawn(store)).toEqual(["A@2"]);
    const mesh = store.segments()[0]!.mesh;
    expect(mesh.triangleCount).toBe(3 * 12 - 2 * 4);
    expect(mesh.supervoxels).toEqual(["1", "2", "3"]);
    expect(changes).toBe(1);
    expect(source.fetches).toHaveLength(1);
  });

  it("regroups at once after a split, from the cache, without fetching", async () => {
    const { source, mapping } = world(6, { A: ["1", "2", "3"], B: ["4", "5", "6"] });
    const store = new SegmentMeshStore(source);
    store.setTargets(["A"], mapping.membersOf, mapping.rootOf);
    await flush();
    const fetches = source.fetches.length;
    mapping.set({ A1: ["1"], A2: ["2", "3"], B: ["4", "5", "6"] });
    store.setTargets(["A1", "A2"], mapping.membersOf, mapping.rootOf);
    // Synchronously: the new segments are drawn in the same tick.
    expect(drawn(store)).toEqual(["A1@2", "A2@2"]);
    expect(source.fetches.length).toBe(fetches);
    expect(store.segments()[1]!.mesh.triangleCount).toBe(2 * 12 - 4);
  });

  it("never evicts the fragments of drawn segments, even from a full cache", async () => {
    const { source, mapping } = world(6, { A: ["1", "2", "3"], B: ["4", "5", "6"] });
    const store = new SegmentMeshStore(source, { maxCacheBytes: 1 });
    store.setTargets(["A", "B"], mapping.membersOf, mapping.rootOf);
    await flush();
    store.setTargets(["A"], mapping.membersOf, mapping.rootOf);
    // B is no longer drawn: its fragments go; A's stay, so a split of A needs no fetch.
    expect(store.cache.has("4:2")).toBe(false);
    expect(store.cache.has("1:2")).toBe(true);
    const fetches = source.fetches.length;
    mapping.set({ A1: ["1"], A2: ["2", "3"], B: ["4", "5", "6"] });
    store.setTargets(["A1", "A2"], mapping.membersOf, mapping.rootOf);
    expect(drawn(store)).toEqual(["A1@2", "A2@2"]);
    expect(source.fetches.length).toBe(fetches);
  });

  it("keeps the old meshes drawn during a merge until the merged segment is loaded", async () => {
    const { source, mapping } = world(6, { A: ["1", "2", "3"], B: ["4", "5", "6"] });
    const store = new SegmentMeshStore(source);
    store.setTargets(["A"], mapping.membersOf, mapping.rootOf);
    await flush();
    source.hold();
    mapping.set({ M: ["1", "2", "3", "4", "5", "6"] });
    store.setTargets(["M"], mapping.membersOf, mapping.rootOf);
    await flush();
    expect(drawn(store)).toEqual(["A@2 stale"]);
    // Only B's supervoxels are fetched; A's come from the cache.
    expect(source.fetches.at(-1)!.map((r) => r.supervoxel)).toEqual(["4", "5", "6"]);
    await source.release();
    expect(drawn(store)).toEqual(["M@2"]);
    expect(store.segments()[0]!.mesh.triangleCount).toBe(6 * 12 - 5 * 4);
  });

  it("drops a deselected segment at once", async () => {
    const { source, mapping } = world(6, { A: ["1", "2", "3"], B: ["4", "5", "6"] });
    const store = new SegmentMeshStore(source);
    store.setTargets(["A", "B"], mapping.membersOf, mapping.rootOf);
    await flush();
    expect(drawn(store)).toEqual(["A@2", "B@2"]);
    store.setTargets(["B"], mapping.membersOf, mapping.rootOf);
    expect(drawn(store)).toEqual(["B@2"]);
  });

  it("refines by distance to the camera, keeping the coarse mesh drawn until the fine one is ready", async () => {
    const { source, mapping } = world(3, { A: ["1", "2", "3"] });
    const store = new SegmentMeshStore(source, { pixelTolerance: 1 });
    store.setTargets(["A"], mapping.membersOf, mapping.rootOf);
    await flush();
    // Errors are 10, 30, 90 nm; at 1000 px per radian LOD 0 is needed within 10 µm.
    source.hold();
    store.setView({ position: [150, 50, 5000], pixelsPerRadian: 1000 });
    expect(drawn(store)).toEqual(["A@2"]);
    await source.release();
    expect(drawn(store)).toEqual(["A@0"]);
    expect(store.settled).toBe(true);
    // Far away: back to the coarsest, built from the cache.
    const fetches = source.fetches.length;
    store.setView({ position: [150, 50, 1_000_000], pixelsPerRadian: 1000 });
    expect(drawn(store)).toEqual(["A@2"]);
    expect(source.fetches.length).toBe(fetches);
  });

  it("after an edit, draws the pieces at once at the LOD already on screen, from the cache", async () => {
    const { source, mapping } = world(3, { A: ["1", "2", "3"] });
    const store = new SegmentMeshStore(source, { pixelTolerance: 1 });
    store.setTargets(["A"], mapping.membersOf, mapping.rootOf);
    await flush();
    store.setView({ position: [150, 50, 5000], pixelsPerRadian: 1000 });
    await flush();
    expect(drawn(store)).toEqual(["A@0"]);
    const fetches = source.fetches.length;
    mapping.set({ A1: ["1"], A2: ["2", "3"] });
    store.setTargets(["A1", "A2"], mapping.membersOf, mapping.rootOf);
    // In the same tick, at the LOD the old segment was drawn at (its distance stands in for theirs).
    expect(drawn(store)).toEqual(["A1@0", "A2@0"]);
    await flush();
    expect(drawn(store)).toEqual(["A1@0", "A2@0"]);
    expect(source.fetches.length).toBe(fetches);
  });

  it("keeps 100 selected segments under the triangle budget", async () => {
    const groups: Record<string, string[]> = {};
    for (let i = 1; i <= 100; i++) groups[`S${i}`] = [String(i)];
    const { source, mapping } = world(100, groups);
    const store = new SegmentMeshStore(source, { budget: 3000, pixelTolerance: 1 });
    store.setTargets(Object.keys(groups), mapping.membersOf, mapping.rootOf);
    await flush();
    // Close enough that every segment would like LOD 0 (192 triangles each: 19,200 in all).
    store.setView({ position: [5000, 50, 2000], pixelsPerRadian: 1000 });
    await flush();
    const s = store.stats();
    expect(s.triangles).toBeLessThanOrEqual(3000);
    expect(s.overBudget).toBe(false);
    const lods = store.segments().map((d) => d.lod);
    expect(lods).toContain(0);
    expect(lods).toContain(2);
    // The nearest segment (x ≈ 5000 nm: S50) got the finest LOD.
    expect(store.segments().find((d) => d.root === "S50")!.lod).toBe(0);
  });

  it("fetches the first segment alone, then all the others in one request list so ranges batch across segments", async () => {
    const groups: Record<string, string[]> = {};
    for (let i = 1; i <= 10; i++) groups[`S${i}`] = [String(2 * i - 1), String(2 * i)];
    const { source, mapping } = world(20, groups);
    const store = new SegmentMeshStore(source);
    store.setTargets(Object.keys(groups), mapping.membersOf, mapping.rootOf);
    await flush();
    expect(source.fetches.map((f) => f.length)).toEqual([2, 18]);
    expect(store.segments()).toHaveLength(10);
  });

  it("resolves a ray to the supervoxel and segment under it", async () => {
    const { source, mapping } = world(6, { A: ["1", "2", "3"], B: ["4", "5", "6"] });
    const store = new SegmentMeshStore(source);
    store.setTargets(["A", "B"], mapping.membersOf, mapping.rootOf);
    await flush();
    const hit = store.raycast([450, 50, 1000], [0, 0, -1]);
    expect(hit?.supervoxel).toBe("5");
    expect(hit?.root).toBe("B");
    expect(store.bounds(["A"])).toEqual({ min: [0, 0, 0], max: [300, 100, 100] });
  });

  it("retries a failed fetch later, not in a loop, and reports the error", async () => {
    const { source, mapping } = world(3, { A: ["1", "2", "3"] });
    const errors: unknown[] = [];
    const failing = { ...source, fetch: () => Promise.reject(new Error("offline")) };
    const store = new SegmentMeshStore(failing, { onError: (e) => errors.push(e) });
    store.setTargets(["A"], mapping.membersOf, mapping.rootOf);
    await flush();
    expect(errors).toHaveLength(1);
    expect(store.segments()).toEqual([]);
    store.dispose();
  });
});
