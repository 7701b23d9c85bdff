import { describe, expect, it } from "vitest";
import { type ChunkGrid, chunksForSlice } from "./chunkSelection";
import { chunkPlaneRect, extractChunkSlice, type PlaneLayout } from "./extractSlice";
import { AXIS_DIMS, SLICE_AXES } from "./sliceAxes";

/** A volume whose voxel value encodes its position, cut into chunks (x fastest inside each). */
function chunked() {
  const value = (x: number, y: number, z: number) => 1 + x + 1000 * y + 1000000 * z;
  const chunks = new Map<string, Uint32Array>();
  return {
    value,
    chunk(c: { key: string; begin: number[]; end: number[] }): Uint32Array {
      let data = chunks.get(c.key);
      if (!data) {
        const [sx, sy, sz] = [c.end[0]! - c.begin[0]!, c.end[1]! - c.begin[1]!, c.end[2]! - c.begin[2]!];
        data = new Uint32Array(sx * sy * sz);
        for (let z = 0; z < sz; z++)
          for (let y = 0; y < sy; y++)
            for (let x = 0; x < sx; x++)
              data[x + sx * (y + sy * z)] = value(c.begin[0]! + x, c.begin[1]! + y, c.begin[2]! + z);
        chunks.set(c.key, data);
      }
      return data;
    },
  };
}

describe("slice extraction from chunks", () => {
  const grid: ChunkGrid = { offset: [2, 0, 1], size: [37, 21, 13], chunkSize: [16, 8, 5] };
  const vol = chunked();

  for (const axis of SLICE_AXES) {
    it(`assembles the ${axis} plane from its chunks, equal to sampling the volume`, () => {
      const d = AXIS_DIMS[axis];
      const plane: PlaneLayout = {
        minU: grid.offset[d.u],
        minV: grid.offset[d.v],
        width: grid.size[d.u],
        height: grid.size[d.v],
      };
      for (const w of [grid.offset[d.w], grid.offset[d.w] + 7, grid.offset[d.w] + grid.size[d.w] - 1]) {
        const dst = new Uint32Array(plane.width * plane.height);
        const rect = [0, 0, 0, 0];
        let area = 0;
        for (const c of chunksForSlice(grid, axis, w)) {
          expect(extractChunkSlice(vol.chunk(c), c.begin, c.end, axis, w, dst, plane, rect)).toBe(true);
          area += rect[2]! * rect[3]!;
        }
        expect(area).toBe(plane.width * plane.height);
        const p = [0, 0, 0];
        for (let j = 0; j < plane.height; j++) {
          for (let i = 0; i < plane.width; i++) {
            p[d.u] = plane.minU + i;
            p[d.v] = plane.minV + j;
            p[d.w] = w;
            expect(dst[j * plane.width + i]).toBe(vol.value(p[0]!, p[1]!, p[2]!));
          }
        }
      }
    });
  }

  it("clips to a plane smaller than the chunk and skips chunks off the slice", () => {
    const g: ChunkGrid = { offset: [0, 0, 0], size: [8, 8, 8], chunkSize: [8, 8, 8] };
    const v = chunked();
    const c = chunksForSlice(g, "xy", 3)[0]!;
    const plane: PlaneLayout = { minU: 2, minV: 5, width: 4, height: 10 };
    const dst = new Uint8Array(plane.width * plane.height);
    const rect = [0, 0, 0, 0];
    const small = Uint8Array.from(v.chunk(c), (x) => x % 251);
    expect(extractChunkSlice(small, c.begin, c.end, "xy", 3, dst, plane, rect)).toBe(true);
    expect(rect).toEqual([0, 0, 4, 3]);
    expect(dst[0]).toBe(v.value(2, 5, 3) % 251);
    expect(dst[3 * 4]).toBe(0);
    expect(extractChunkSlice(small, c.begin, c.end, "xy", 8, dst, plane, rect)).toBe(false);
    expect(chunkPlaneRect(c.begin, c.end, "xy", 3, { minU: 8, minV: 0, width: 4, height: 4 }, rect)).toBe(
      false,
    );
  });

  it("refuses a chunk whose length does not match its box", () => {
    const plane: PlaneLayout = { minU: 0, minV: 0, width: 4, height: 4 };
    expect(() =>
      extractChunkSlice(
        new Uint8Array(10),
        [0, 0, 0],
        [4, 4, 4],
        "xy",
        1,
        new Uint8Array(16),
        plane,
        [0, 0, 0, 0],
      ),
    ).toThrow(RangeError);
  });
});
