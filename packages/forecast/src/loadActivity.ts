/**
 * Loads activity traces from a file or directory (SPEC.md L1–L3), chosen by name:
 *   *.zarr directory (or a directory holding zarr.json, or the zarr.json itself): a zarr v3 (or v2) array
 *     [frames, neurons] as ZAPBench stores its traces, read with zarrita chunk row by chunk row; neuron names
 *     from the array attribute "neuron_names", "names" or "neurons" when present;
 *   *.npy: a 2-D float array [frames, neurons]; names from FILE.names.txt (one per line) when present;
 *   *.csv, *.tsv, *.txt: see parseActivityCsv.
 * Without names, columns are named "0".."N−1" (and match connectome neurons with those names).
 */
import { readFile, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { readNpy } from "@danio/formats";
import * as zarr from "zarrita";
import { createFileStore } from "./createFileStore";
import { ActivityFormatError, parseActivityCsv } from "./parseActivityCsv";
import { createSeries, type Series } from "./series";

async function sidecarNames(path: string, neurons: number): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await readFile(`${path}.names.txt`, "utf8");
  } catch {
    return undefined;
  }
  const names = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length !== neurons) {
    throw new ActivityFormatError(`${path}.names.txt: ${names.length} names for ${neurons} columns`);
  }
  return names;
}

export async function loadNpyActivity(path: string): Promise<Series> {
  const npy = readNpy(new Uint8Array(await readFile(path)), path);
  if (npy.shape.length !== 2) {
    throw new ActivityFormatError(`${path}: shape (${npy.shape.join(", ")}), expected 2-D [frames, neurons]`);
  }
  const [T, N] = npy.shape as [number, number];
  if (npy.data instanceof BigInt64Array || npy.data instanceof BigUint64Array) {
    throw new ActivityFormatError(`${path}: dtype ${npy.dtype}, expected a float or small integer array`);
  }
  const series = createSeries(T, N, await sidecarNames(path, N));
  series.data.set(npy.data);
  return series;
}

export async function loadZarrActivity(path: string): Promise<Series> {
  const root = basename(path) === "zarr.json" || basename(path) === ".zarray" ? dirname(path) : path;
  const store = createFileStore(root);
  let arr: zarr.Array<zarr.DataType, zarr.AsyncReadable>;
  try {
    arr = await zarr.open(store, { kind: "array" });
  } catch (e) {
    throw new ActivityFormatError(
      `${root}: not a zarr array (${(e as Error).message}); for a group, pass the array's directory`,
    );
  }
  if (arr.shape.length !== 2) {
    throw new ActivityFormatError(
      `${root}: zarr array of shape [${arr.shape.join(", ")}], expected [frames, neurons]`,
    );
  }
  if (arr.dtype !== "float32" && arr.dtype !== "float64") {
    throw new ActivityFormatError(
      `${root}: zarr dtype ${arr.dtype}, expected float32 (as ZAPBench traces) or float64`,
    );
  }
  const [T, N] = arr.shape as [number, number];
  const attrs = arr.attrs as Record<string, unknown>;
  const rawNames = attrs.neuron_names ?? attrs.names ?? attrs.neurons;
  let names: string[] | undefined;
  if (Array.isArray(rawNames)) {
    if (rawNames.length !== N)
      throw new ActivityFormatError(
        `${root}: attribute names has ${rawNames.length} entries for ${N} columns`,
      );
    names = rawNames.map(String);
  }
  const series = createSeries(T, N, names);
  const step = Math.max(1, arr.chunks[0] ?? T);
  for (let t0 = 0; t0 < T; t0 += step) {
    const t1 = Math.min(T, t0 + step);
    const block = await zarr.get(arr, [zarr.slice(t0, t1), null]);
    const data = block.data as Float32Array | Float64Array;
    const [s0, s1] = block.stride as [number, number];
    for (let t = t0; t < t1; t++) {
      const row = (t - t0) * s0;
      const out = t * N;
      for (let n = 0; n < N; n++) series.data[out + n] = data[row + n * s1] as number;
    }
  }
  return series;
}

export async function loadActivity(path: string): Promise<Series> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new ActivityFormatError(`${path}: no such file or directory`);
  }
  const lower = path.toLowerCase();
  if (info.isDirectory() || lower.endsWith("zarr.json") || lower.endsWith(".zarray"))
    return loadZarrActivity(path);
  if (lower.endsWith(".npy")) return loadNpyActivity(path);
  if (/\.(csv|tsv|txt)$/.test(lower)) return parseActivityCsv(await readFile(path, "utf8"), path);
  throw new ActivityFormatError(
    `${path}: unknown activity format; expected a .zarr directory, .npy, .csv or .tsv`,
  );
}
