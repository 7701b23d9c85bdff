import {
  chunkKey,
  encodeCompressedSegmentation,
  encodeRawChunk,
  encodeUtf8,
  formatPrecomputedInfo,
  gzipDeterministic,
  type PrecomputedInfo,
} from "@danio/formats";
import { describe, expect, it } from "vitest";
import { chunkRef } from "./chunkSelection";
import { createSupervoxelSearch } from "./denseLabels";
import {
  openPrecomputedImage,
  openPrecomputedLabels,
  readPrecomputedInfo,
  toUint8,
} from "./precomputedLayer";

const scale = (encoding: "raw" | "compressed_segmentation") => ({
  key: "8_8_8",
  size: [20, 16, 8] as [number, number, number],
  resolution: [8, 8, 8] as [number, number, number],
  voxelOffset: [0, 0, 0] as [number, number, number],
  chunkSizes: [[16, 16, 8] as [number, number, number]],
  encoding,
  ...(encoding === "compressed_segmentation"
    ? { compressedSegmentationBlockSize: [8, 8, 8] as [number, number, number] }
    : {}),
});

function server(files: Map<string, Uint8Array>) {
  const asked: string[] = [];
  return {
    asked,
    fetchFile: async (url: string) => {
      asked.push(url);
      return files.get(url) ?? null;
    },
  };
}

describe("precomputed layers for the slice views", () => {
  it("reads raw uint8 image chunks, plain or gzipped, and reports missing ones as null", async () => {
    const info: PrecomputedInfo = {
      type: "image",
      dataType: "uint8",
      numChannels: 1,
      scales: [scale("raw")],
    };
    const files = new Map<string, Uint8Array>();
    files.set("/img/info", encodeUtf8(formatPrecomputedInfo(info)));
    const a = Uint8Array.from({ length: 16 * 16 * 8 }, (_, i) => i % 256);
    const b = Uint8Array.from({ length: 4 * 16 * 8 }, (_, i) => (3 * i) % 256);
    files.set(`/img/8_8_8/${chunkKey([0, 0, 0], [16, 16, 8])}`, encodeRawChunk(a));
    files.set(`/img/8_8_8/${chunkKey([16, 0, 0], [20, 16, 8])}.gz`, gzipDeterministic(encodeRawChunk(b)));
    const s = server(files);
    const layer = await openPrecomputedImage(s.fetchFile, "/img", [8, 8, 8]);
    expect(layer.grid).toEqual({ offset: [0, 0, 0], size: [20, 16, 8], chunkSize: [16, 16, 8] });
    expect(await layer.load(chunkRef(layer.grid, [0, 0, 0]))).toEqual(a);
    expect(await layer.load(chunkRef(layer.grid, [1, 0, 0]))).toEqual(b);
    // Having found a .gz file, the layer asks for .gz first.
    const missing = await layer.load(chunkRef({ ...layer.grid, size: [40, 16, 8] }, [2, 0, 0]));
    expect(missing).toBeNull();
    expect(s.asked.at(-2)).toMatch(/\.gz$/);
  });

  it("decodes compressed_segmentation uint64 chunks into dense labels of the supervoxel list", async () => {
    const info: PrecomputedInfo = {
      type: "segmentation",
      dataType: "uint64",
      numChannels: 1,
      scales: [scale("compressed_segmentation")],
    };
    const big = 0x1_0000_0007n;
    const labels = new BigUint64Array(16 * 16 * 8);
    for (let i = 0; i < labels.length; i++) labels[i] = i % 3 === 0 ? 0n : i % 3 === 1 ? big : 42n;
    const files = new Map<string, Uint8Array>();
    files.set("/seg/info", encodeUtf8(formatPrecomputedInfo(info)));
    files.set(
      `/seg/8_8_8/${chunkKey([0, 0, 0], [16, 16, 8])}`,
      encodeCompressedSegmentation(labels, [16, 16, 8], [8, 8, 8]),
    );
    const search = createSupervoxelSearch(new BigUint64Array([42n, big]));
    const layer = await openPrecomputedLabels(server(files).fetchFile, "/seg", [8, 8, 8], search);
    const dense = await layer.load(chunkRef(layer.grid, [0, 0, 0]));
    expect(dense).toBeInstanceOf(Uint32Array);
    expect([...dense!.subarray(0, 6)]).toEqual([0, 2, 1, 0, 2, 1]);
  });

  it("refuses what it cannot show, naming the layer", async () => {
    const files = new Map<string, Uint8Array>();
    const sharded: PrecomputedInfo = {
      type: "image",
      dataType: "uint8",
      numChannels: 1,
      scales: [{ ...scale("raw"), sharding: { "@type": "neuroglancer_uint64_sharded_v1" } }],
    };
    files.set("/a/info", encodeUtf8(formatPrecomputedInfo(sharded)));
    await expect(readPrecomputedInfo(server(files).fetchFile, "/a", [8, 8, 8])).rejects.toThrow(
      /\/a.*sharded/,
    );
    await expect(readPrecomputedInfo(server(files).fetchFile, "/a", [4, 4, 4])).rejects.toThrow(/voxel size/);
    await expect(readPrecomputedInfo(server(files).fetchFile, "/b", [8, 8, 8])).rejects.toThrow(
      /\/b\/info: not found/,
    );
  });

  it("turns other image types into uint8", () => {
    expect([...toUint8(new Uint16Array([0, 256, 65535]))]).toEqual([0, 1, 255]);
    expect([...toUint8(new Float32Array([0, 0.5, 2, -1]))]).toEqual([0, 128, 255, 0]);
  });
});
