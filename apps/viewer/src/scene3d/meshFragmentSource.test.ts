import { encodeMeshFragment, encodeMeshFragmentIndex } from "@danio/formats";
import { describe, expect, it } from "vitest";
import { estimateTrianglesFromBytes, openMeshFragmentSource } from "./meshFragmentSource";
import { boxFragment } from "./testFragments";

/** A two-LOD fragment file pair for three supervoxels, ids beyond 2^32, with a recording fetch. */
function files() {
  const ids = [5n, 2n ** 40n + 1n, 2n ** 40n + 7n];
  const voxelSize: [number, number, number] = [4, 4, 40];
  const q = 1 / 32;
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  const lengths: number[] = [];
  let at = 0;
  ids.forEach((_, i) => {
    for (const n of [4, 1]) {
      const box = boxFragment([i * 10, 0, 0], 10, n); // voxels
      const bytes = encodeMeshFragment({
        quantized: Int32Array.from(box.positions, (v) => Math.round(v / q)),
        indices: box.indices,
      });
      chunks.push(bytes);
      offsets.push(at);
      lengths.push(bytes.length);
      at += bytes.length;
    }
  });
  const data = new Uint8Array(at);
  let p = 0;
  for (const c of chunks) {
    data.set(c, p);
    p += c.length;
  }
  const index = encodeMeshFragmentIndex({
    lodCount: 2,
    quantization: q,
    voxelSize,
    lodErrors: [0.5, 2],
    ids: BigUint64Array.from(ids),
    offsets: Float64Array.from(offsets),
    lengths: Uint32Array.from(lengths),
  });
  const requests: { url: string; range?: { offset: number; length: number } }[] = [];
  const fetchBytes = async (url: string, range?: { offset: number; length: number }) => {
    requests.push(range ? { url, range } : { url });
    if (url === "index") return index;
    return range ? data.slice(range.offset, range.offset + range.length) : data;
  };
  return { ids, fetchBytes, requests };
}

describe("meshFragmentSource", () => {
  it("fetches the index once and decodes fragments to nm, batching neighbouring byte ranges", async () => {
    const { ids, fetchBytes, requests } = files();
    const source = await openMeshFragmentSource("index", "data", fetchBytes);
    expect(source.lodCount).toBe(2);
    expect(source.lodErrorsNm).toEqual([20, 80]); // voxels × the largest voxel edge
    expect(source.has(String(ids[1]))).toBe(true);
    expect(source.has("6")).toBe(false);
    expect(source.has("not-a-number")).toBe(false);
    const parts: number[] = [];
    const got = await source.fetch(
      ids.map((id) => ({ supervoxel: String(id), lod: 1 })),
      (part) => parts.push(part.size),
    );
    expect(parts).toEqual([3]);
    // The three LOD 1 fragments lie within 32 KB of each other: one request.
    expect(requests.filter((r) => r.url === "data")).toHaveLength(1);
    const f = got.get(`${ids[2]}:1`)!;
    expect(f.indices.length).toBe(36);
    const xs = Array.from(f.positions).filter((_, i) => i % 3 === 0);
    const zs = Array.from(f.positions).filter((_, i) => i % 3 === 2);
    expect(Math.min(...xs)).toBe(20 * 4);
    expect(Math.max(...zs)).toBe(10 * 40);
  });

  it("leaves unknown supervoxels out and estimates triangle counts from byte lengths", async () => {
    const { ids, fetchBytes } = files();
    const source = await openMeshFragmentSource("index", "data", fetchBytes);
    const got = await source.fetch([{ supervoxel: "6", lod: 0 }]);
    expect(got.size).toBe(0);
    const fine = source.estimateTriangles(String(ids[0]), 0);
    expect(fine).toBeGreaterThan(192 * 0.8);
    expect(fine).toBeLessThan(192 * 1.5);
    expect(source.estimateTriangles("6", 0)).toBe(0);
    expect(estimateTrianglesFromBytes(20)).toBe(0);
  });
});
