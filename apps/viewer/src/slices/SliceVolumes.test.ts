import {
  chunkKey,
  encodeCompressedSegmentation,
  encodeRawChunk,
  encodeUtf8,
  formatPrecomputedInfo,
  type PrecomputedInfo,
} from "@danio/formats";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DatasetInfo } from "../api/ApiClient";
import { createStore } from "../state/createStore";
import { INITIAL_VIEWER_STATE } from "../state/ViewerState";
import type { ViewerSession } from "../state/ViewerSession";
import { chunkRef } from "./chunkSelection";
import { LOOKUP_ALPHA } from "./segmentLookup";
import { SliceVolumes } from "./SliceVolumes";

const size: [number, number, number] = [8, 8, 8];
const scale = (encoding: "raw" | "compressed_segmentation") => ({
  key: "s0",
  size,
  resolution: [4, 4, 4] as [number, number, number],
  voxelOffset: [0, 0, 0] as [number, number, number],
  chunkSizes: [size],
  encoding,
  ...(encoding === "raw" ? {} : { compressedSegmentationBlockSize: [8, 8, 8] as [number, number, number] }),
});

function files(): Map<string, Uint8Array> {
  const m = new Map<string, Uint8Array>();
  const img: PrecomputedInfo = { type: "image", dataType: "uint8", numChannels: 1, scales: [scale("raw")] };
  const seg: PrecomputedInfo = {
    type: "segmentation",
    dataType: "uint64",
    numChannels: 1,
    scales: [scale("compressed_segmentation")],
  };
  const key = chunkKey([0, 0, 0], size);
  m.set("http://h/datasets/d/files/image/info", encodeUtf8(formatPrecomputedInfo(img)));
  m.set("http://h/datasets/d/files/segmentation/info", encodeUtf8(formatPrecomputedInfo(seg)));
  m.set(`http://h/datasets/d/files/image/s0/${key}`, encodeRawChunk(new Uint8Array(512).fill(9)));
  const labels = BigUint64Array.from({ length: 512 }, (_, i) => (i < 256 ? 10n : 20n));
  m.set(
    `http://h/datasets/d/files/segmentation/s0/${key}`,
    encodeCompressedSegmentation(labels, size, [8, 8, 8]),
  );
  return m;
}

const dataset = {
  id: "d",
  name: "d",
  seq: 0,
  supervoxelCount: 2,
  segmentCount: 2,
  manifest: {
    voxelSize: [4, 4, 4],
    bounds: { min: [0, 0, 0], max: size },
    layers: { image: { path: "image" }, segmentation: { path: "segmentation" } },
  },
} as unknown as DatasetInfo;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("slice volumes shared by the views of a session", () => {
  it("an edit rewrites only the colour lookup: no chunk is fetched or decoded again", async () => {
    const served = files();
    const fetched: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      fetched.push(url);
      const body = served.get(url);
      return body ? new Response(body.slice()) : new Response(null, { status: 404 });
    });
    const roots = new Map([
      ["10", "100"],
      ["20", "200"],
    ]);
    const session = {
      store: createStore(INITIAL_VIEWER_STATE),
      supervoxelIds: new BigUint64Array([10n, 20n]),
      mapping: { rootOf: (sv: string) => roots.get(sv) },
      api: { fileUrl: (id: string, path: string) => `http://h/datasets/${id}/files/${path}` },
    } as unknown as ViewerSession;
    const volumes = SliceVolumes.of(session);
    expect(SliceVolumes.of(session)).toBe(volumes);
    const events: string[] = [];
    volumes.onChange((e) => events.push(e));
    const release = volumes.acquire();
    session.store.set({ dataset, mappingVersion: 1 });
    await vi.waitFor(() => expect(volumes.dataset?.labels).toBeTruthy());
    const ds = volumes.dataset!;
    expect(ds.supervoxels).toEqual(["10", "20"]);
    expect(events).toEqual(["dataset", "layers"]);

    const labels = ds.labels!;
    labels.cache.request(chunkRef(labels.grid, [0, 0, 0]));
    await vi.waitFor(() => expect(labels.cache.get("0,0,0")).toBeTruthy());
    const dense = labels.cache.get("0,0,0")!;
    expect(dense[0]).toBe(1);
    expect(dense[511]).toBe(2);
    const fetches = fetched.length;
    const loads = labels.cache.loads;
    const version = volumes.lookupVersion;
    const before = volumes.lookup.slice(0, 12);

    // The server merges 100 and 200 into 300.
    roots.set("10", "300");
    roots.set("20", "300");
    session.store.set({ mappingVersion: 2 });
    expect(volumes.lookupVersion).toBe(version + 1);
    expect(events.at(-1)).toBe("lookup");
    const after = volumes.lookup.slice(0, 12);
    expect([...after.subarray(4, 8)]).toEqual([...after.subarray(8, 12)]);
    expect([...after.subarray(4, 8)]).not.toEqual([...before.subarray(4, 8)]);
    expect(fetched).toHaveLength(fetches);
    expect(labels.cache.loads).toBe(loads);
    expect(labels.cache.get("0,0,0")).toBe(dense);

    // Selecting rewrites the lookup too, with the selected segment strong.
    session.store.set({ selected: ["300"] });
    expect(volumes.lookup[7]).toBe(LOOKUP_ALPHA.selected);
    // Unrelated state changes leave it alone.
    const v = volumes.lookupVersion;
    session.store.set({ slice: [1, 2, 3] });
    expect(volumes.lookupVersion).toBe(v);

    release();
    session.store.set({ mappingVersion: 3 });
    expect(volumes.lookupVersion).toBe(v);
  });

  it("reports a layer that cannot be opened instead of throwing", async () => {
    vi.stubGlobal("fetch", async () => new Response(null, { status: 404 }));
    const session = {
      store: createStore(INITIAL_VIEWER_STATE),
      supervoxelIds: new BigUint64Array([10n]),
      mapping: { rootOf: () => "1" },
      api: { fileUrl: (id: string, path: string) => `http://h/datasets/${id}/files/${path}` },
    } as unknown as ViewerSession;
    const volumes = SliceVolumes.of(session);
    const release = volumes.acquire();
    session.store.set({ dataset });
    await vi.waitFor(() => expect(volumes.dataset?.error).toMatch(/info: not found/));
    session.store.set({ dataset: null });
    expect(volumes.dataset).toBeNull();
    release();
  });
});
