import { PNG } from "pngjs";

/** The number of distinct opaque RGB colours in a PNG (alpha ignored). */
export function countDistinctColours(png: Buffer): number {
  const image = PNG.sync.read(png);
  const seen = new Set<number>();
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
  return seen.size;
}
