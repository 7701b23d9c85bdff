import { describe, expect, it } from "vitest";
import { buildSegmentMesh } from "./buildSegmentMesh";
import { splitPreviewColours } from "./previewColours";
import { raycastSegmentMesh } from "./raycastSegmentMesh";
import { boxFragment } from "./testFragments";

const part = (supervoxel: string, min: number[], n = 1) => ({ supervoxel, ...boxFragment(min, 100, n) });

describe("buildSegmentMesh", () => {
  it("merges fragments into one mesh and drops the wall between two supervoxels of the segment", () => {
    const m = buildSegmentMesh([part("7", [0, 0, 0], 2), part("9", [100, 0, 0], 2)]);
    // 2 boxes × 6 faces × 8 triangles, minus the shared face (8 triangles) on both sides.
    expect(m.triangleCount).toBe(96 - 16);
    expect(m.culled).toBe(16);
    expect(m.supervoxels).toEqual(["7", "9"]);
    expect(Array.from(m.triangleStart)).toEqual([0, 40, 80]);
    expect(m.min).toEqual([0, 0, 0]);
    expect(m.max).toEqual([200, 100, 100]);
    expect(m.indices).toBeInstanceOf(Uint16Array);
    // Every vertex belongs to the supervoxel whose triangles use it.
    for (let t = 0; t < m.triangleCount; t++) {
      const s = t < 40 ? 0 : 1;
      for (let k = 0; k < 3; k++) expect(m.vertexSupervoxel[m.indices[t * 3 + k]!]).toBe(s);
    }
    const kept = buildSegmentMesh([part("7", [0, 0, 0], 2), part("9", [100, 0, 0], 2)], {
      cullShared: false,
    });
    expect(kept.triangleCount).toBe(96);
  });

  it("gives smooth unit normals that agree across the border between supervoxels", () => {
    const m = buildSegmentMesh([part("1", [0, 0, 0]), part("2", [100, 0, 0])]);
    const seen = new Map<string, string>();
    for (let v = 0; v < m.vertexCount; v++) {
      const n = [m.normals[v * 3]!, m.normals[v * 3 + 1]!, m.normals[v * 3 + 2]!];
      expect(Math.hypot(n[0]!, n[1]!, n[2]!)).toBeCloseTo(1, 5);
      const key = `${m.positions[v * 3]},${m.positions[v * 3 + 1]},${m.positions[v * 3 + 2]}`;
      const nk = n.map((x) => x.toFixed(4)).join(",");
      if (seen.has(key)) expect(nk).toBe(seen.get(key));
      seen.set(key, nk);
    }
    // A vertex on the shared rim at (100, 0, 0) points outwards, away from the box (−y, −z), not along x.
    const rim = [...seen.entries()].find(([k]) => k === "100,0,0")!;
    const [nx, ny, nz] = rim[1].split(",").map(Number);
    expect(Math.abs(nx!)).toBeLessThan(1e-4);
    expect(ny).toBeLessThan(0);
    expect(nz).toBeLessThan(0);
  });

  it("handles empty input and empty fragments", () => {
    const m = buildSegmentMesh([
      { supervoxel: "1", positions: new Float32Array(0), indices: new Uint32Array(0) },
    ]);
    expect(m.triangleCount).toBe(0);
    expect(m.vertexCount).toBe(0);
    expect(buildSegmentMesh([]).triangleCount).toBe(0);
  });
});

describe("raycastSegmentMesh", () => {
  const m = buildSegmentMesh([part("a", [0, 0, 0], 2), part("b", [100, 0, 0], 2), part("c", [200, 0, 0], 2)]);

  it("resolves the first surface a ray meets to its supervoxel", () => {
    const down = raycastSegmentMesh(m, [150, 50, 500], [0, 0, -1]);
    expect(down?.supervoxel).toBe("b");
    expect(down?.distance).toBeCloseTo(400);
    expect(down?.point[2]).toBeCloseTo(100);
    // Along the row from the +x end: the first hit is c's outer face, not the culled inner walls.
    const along = raycastSegmentMesh(m, [1000, 50, 50], [-1, 0, 0]);
    expect(along?.supervoxel).toBe("c");
    expect(along?.point[0]).toBeCloseTo(300);
  });

  it("misses when the ray passes by or the hit is beyond `far`", () => {
    expect(raycastSegmentMesh(m, [150, 500, 500], [0, 0, -1])).toBeNull();
    expect(raycastSegmentMesh(m, [150, 50, 500], [0, 0, -1], 300)).toBeNull();
  });
});

describe("splitPreviewColours", () => {
  it("colours the vertices of source-side and sink-side supervoxels", () => {
    const m = buildSegmentMesh([part("a", [0, 0, 0]), part("b", [100, 0, 0]), part("c", [200, 0, 0])]);
    const c = splitPreviewColours(m, new Set(["a"]), new Set(["c"]), [0.5, 0.5, 0.5], [0, 0, 1], [1, 0, 0]);
    for (let v = 0; v < m.vertexCount; v++) {
      const want = [
        [0, 0, 1],
        [0.5, 0.5, 0.5],
        [1, 0, 0],
      ][m.vertexSupervoxel[v]!]!;
      expect([c[v * 3], c[v * 3 + 1], c[v * 3 + 2]]).toEqual(want);
    }
  });
});
