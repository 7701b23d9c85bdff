import { describe, expect, it } from "vitest";
import { ChunkCache } from "./ChunkCache";
import type { ChunkGrid, ChunkRef } from "./chunkSelection";
import { type PlaneKind, SlicePlane } from "./SlicePlane";
import type { SliceDataset } from "./SliceVolumes";

const grid: ChunkGrid = { offset: [0, 0, 0], size: [32, 32, 32], chunkSize: [16, 16, 16] };
const all = { minU: -1e9, minV: -1e9, maxU: 1e9, maxV: 1e9 };
const tick = () => new Promise((r) => setTimeout(r, 0));

/** Image voxels hold x + y (mod 256); labels hold 1 + the chunk's x grid position. */
function dataset() {
  const loaded: string[] = [];
  const volume = (c: ChunkRef) =>
    [c.end[0] - c.begin[0], c.end[1] - c.begin[1], c.end[2] - c.begin[2]] as const;
  const image = new ChunkCache<Uint8Array>(async (c) => {
    loaded.push(`image ${c.key}`);
    const [sx, sy, sz] = volume(c);
    const out = new Uint8Array(sx * sy * sz);
    for (let i = 0; i < out.length; i++)
      out[i] = (c.begin[0] + (i % sx) + c.begin[1] + (Math.floor(i / sx) % sy)) % 256;
    return out;
  });
  const labels = new ChunkCache<Uint32Array>(async (c) => {
    loaded.push(`labels ${c.key}`);
    if (c.grid[0] === 1 && c.grid[1] === 1) return null; // a missing chunk
    const [sx, sy, sz] = volume(c);
    return new Uint32Array(sx * sy * sz).fill(1 + c.grid[0]);
  });
  const ds: SliceDataset = {
    id: "d",
    voxelSize: [4, 4, 4],
    bounds: { min: [0, 0, 0], max: [32, 32, 32] },
    supervoxels: ["7", "8"],
    image: { grid, cache: image },
    labels: { grid, cache: labels },
    error: null,
  };
  return { ds, loaded };
}

function sink() {
  const uploads: string[] = [];
  let changes = 0;
  return {
    uploads,
    changes: () => changes,
    sink: {
      upload: (kind: PlaneKind, _d: Uint8Array | Uint32Array, u0: number, v0: number, w: number, h: number) =>
        uploads.push(`${kind} ${u0},${v0} ${w}x${h}`),
      changed: () => {
        changes++;
      },
    },
  };
}

describe("slice plane (the CPU side of a slice view)", () => {
  it("uploads the whole plane once per slice, then each arriving chunk's texels once", async () => {
    const { ds, loaded } = dataset();
    const s = sink();
    const plane = new SlicePlane("xy", s.sink);
    plane.reset(ds);
    plane.bindLayers();
    expect(plane.layout).toEqual({ minU: 0, minV: 0, width: 32, height: 32 });
    plane.load(3, all);
    expect(s.uploads).toEqual(["image 0,0 32x32", "labels 0,0 32x32"]);
    expect(plane.pendingCount).toBe(8);
    expect(plane.hasImage).toBe(false);
    await tick();
    await tick();
    expect(plane.pendingCount).toBe(0);
    expect(plane.hasImage).toBe(true);
    // 4 image chunks and 3 label chunks (one is missing: background, no upload).
    expect(s.uploads.slice(2).sort()).toEqual(
      [
        "image 0,0 16x16",
        "image 16,0 16x16",
        "image 0,16 16x16",
        "image 16,16 16x16",
        "labels 0,0 16x16",
        "labels 16,0 16x16",
        "labels 0,16 16x16",
      ].sort(),
    );
    expect(plane.image[5 + 32 * 20]).toBe(25);
    expect(plane.labelAt(0)).toBe(1);
    expect(plane.labelAt(20)).toBe(2);
    expect(plane.labelAt(20 + 32 * 20)).toBe(0);

    // Another slice in the same layer of chunks: refilled from the cache, nothing fetched.
    const fetched = loaded.length;
    s.uploads.length = 0;
    plane.load(4, all);
    expect(loaded).toHaveLength(fetched);
    expect(s.uploads).toEqual(["image 0,0 32x32", "labels 0,0 32x32"]);
    expect(plane.hasImage).toBe(true);
    expect(plane.labelAt(20)).toBe(2);
  });

  it("loads only the chunks in view, the rest when they come into view", async () => {
    const { ds, loaded } = dataset();
    const s = sink();
    const plane = new SlicePlane("xz", s.sink);
    plane.reset(ds);
    plane.bindLayers();
    plane.load(0, { minU: 0, minV: 0, maxU: 10, maxV: 10 });
    await tick();
    expect(loaded.sort()).toEqual(["image 0,0,0", "labels 0,0,0"]);
    plane.reveal({ minU: 0, minV: 0, maxU: 20, maxV: 10 });
    await tick();
    expect(loaded.sort()).toEqual(["image 0,0,0", "image 1,0,0", "labels 0,0,0", "labels 1,0,0"]);
  });

  it("prefetches the next layer of chunks near its edge, in the direction of travel", async () => {
    const { ds, loaded } = dataset();
    const plane = new SlicePlane("xy", sink().sink);
    plane.reset(ds);
    plane.bindLayers();
    plane.load(2, all);
    await tick();
    expect(loaded.every((k) => k.endsWith(",0"))).toBe(true);
    plane.load(9, all);
    await tick();
    await tick();
    expect(loaded.some((k) => k.endsWith(",1"))).toBe(true);
    // Going down from the upper layer prefetches the lower one.
    const down = dataset();
    const p2 = new SlicePlane("xy", sink().sink);
    p2.reset(down.ds);
    p2.bindLayers();
    p2.load(30, all);
    await tick();
    expect(down.loaded.every((k) => k.endsWith(",1"))).toBe(true);
    p2.load(20, all);
    await tick();
    await tick();
    expect(down.loaded.some((k) => k.endsWith(",0"))).toBe(true);
  });

  it("forgets everything on reset and ignores chunks after dispose", async () => {
    const { ds } = dataset();
    const s = sink();
    const plane = new SlicePlane("yz", s.sink);
    plane.reset(ds);
    plane.bindLayers();
    plane.load(1, all);
    plane.dispose();
    const n = s.uploads.length;
    await tick();
    expect(s.uploads).toHaveLength(n);
    plane.reset(null);
    expect(plane.layout).toBeNull();
    plane.load(1, all);
    expect(s.uploads).toHaveLength(n);
  });
});
