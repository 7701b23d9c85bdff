import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { writeNpy } from "@danio/formats";
import { describe, expect, it } from "vitest";
import * as zarr from "zarrita";
import { fixturePath, readFixtureNpy } from "../test/fixtures";
import { loadActivity } from "./loadActivity";
import { ActivityFormatError, parseActivityCsv } from "./parseActivityCsv";

const tmp = () => mkdtempSync(join(tmpdir(), "danio-forecast-"));

describe("activity loaders", () => {
  it("[L1] reads a sharded, gzip-compressed zarr v3 array written from the specification (numpy fixture)", async () => {
    const s = await loadActivity(fixturePath("traces.zarr"));
    const expected = readFixtureNpy("traces.npy");
    expect([s.frames, s.neurons]).toEqual(expected.shape);
    expect(s.names).toEqual(["n0", "n1", "n2", "n3", "n4", "n5"]);
    expect(Array.from(s.data)).toEqual(Array.from(expected.data));
    expect(s.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    const viaJson = await loadActivity(fixturePath("traces.zarr/zarr.json"));
    expect(Array.from(viaJson.data)).toEqual(Array.from(expected.data));
  });

  it("[L1] reads a zarr v3 array written by zarrita, across several chunk rows", async () => {
    const dir = join(tmp(), "t.zarr");
    const store = {
      async get(key: string) {
        try {
          return new Uint8Array(readFileSync(join(dir, key)));
        } catch {
          return undefined;
        }
      },
      async set(key: string, value: Uint8Array) {
        mkdirSync(dirname(join(dir, key)), { recursive: true });
        writeFileSync(join(dir, key), value);
      },
    };
    const T = 23;
    const N = 5;
    const arr = await zarr.create(store as unknown as zarr.AsyncMutable, {
      shape: [T, N],
      chunkShape: [4, 3],
      dtype: "float32",
      codecs: [{ name: "bytes", configuration: { endian: "little" } }],
      attributes: { names: ["a", "b", "c", "d", "e"] },
    });
    const values = Float32Array.from({ length: T * N }, (_, k) => Math.sin(k) * 3);
    await zarr.set(arr, null, { data: values, shape: [T, N], stride: [N, 1] });
    const s = await loadActivity(dir);
    expect(s.names).toEqual(["a", "b", "c", "d", "e"]);
    expect(Array.from(s.data)).toEqual(Array.from(values));
  });

  it("[L3] reads NPY [frames, neurons] with a names sidecar", async () => {
    const dir = tmp();
    const data = Float32Array.from({ length: 12 }, (_, k) => k / 4);
    writeFileSync(join(dir, "a.npy"), writeNpy({ dtype: "<f4", shape: [4, 3], data }));
    writeFileSync(join(dir, "a.npy.names.txt"), "AVAL\nAVAR\nRIML\n");
    const s = await loadActivity(join(dir, "a.npy"));
    expect([s.frames, s.neurons]).toEqual([4, 3]);
    expect(s.names).toEqual(["AVAL", "AVAR", "RIML"]);
    expect(Array.from(s.data)).toEqual(Array.from(data));
    writeFileSync(join(dir, "b.npy"), writeNpy({ dtype: "<f8", shape: [12], data: new Float64Array(12) }));
    await expect(loadActivity(join(dir, "b.npy"))).rejects.toThrow(
      /shape \(12\), expected 2-D \[frames, neurons\]/,
    );
  });

  it("[L2] reads CSV with a header and a frame column, TSV without a header", () => {
    const s = parseActivityCsv("frame,AVAL,AVAR\n0,0.1,0.2\n1,0.3,-0.4\n", "a.csv");
    expect(s.names).toEqual(["AVAL", "AVAR"]);
    expect(Array.from(s.data)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3, -0.4])));
    const t = parseActivityCsv("1\t2\n3\t4\n", "b.tsv");
    expect(t.names).toEqual(["0", "1"]);
    expect(t.frames).toBe(2);
  });

  it("[L2] names the file, line and column of a bad value", async () => {
    expect(() => parseActivityCsv("a,b\n1,2\n3,x\n", "bad.csv")).toThrow(ActivityFormatError);
    expect(() => parseActivityCsv("a,b\n1,2\n3,x\n", "bad.csv")).toThrow(
      /bad\.csv:3: column "b" holds "x", expected a finite number/,
    );
    expect(() => parseActivityCsv("a,b\n1,2\n3\n", "bad.csv")).toThrow(/bad\.csv:3: 1 fields, expected 2/);
    await expect(loadActivity(join(tmp(), "missing.csv"))).rejects.toThrow(
      /missing\.csv: no such file or directory/,
    );
    const dir = tmp();
    writeFileSync(join(dir, "x.h5"), "");
    await expect(loadActivity(join(dir, "x.h5"))).rejects.toThrow(/unknown activity format/);
  });
});
