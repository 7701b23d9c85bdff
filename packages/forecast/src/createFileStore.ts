/**
 * A read-only zarrita store over a directory (SPEC.md L1): keys are paths below the root; byte ranges
 * (needed for sharded zarr v3 arrays) are read without loading the whole file.
 */
import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AbsolutePath, AsyncReadable, RangeQuery } from "zarrita";

export function createFileStore(root: string): AsyncReadable {
  const pathOf = (key: AbsolutePath) => join(root, ...key.split("/").filter((s) => s.length > 0));
  const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === "ENOENT";
  return {
    async get(key: AbsolutePath): Promise<Uint8Array | undefined> {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (e) {
        if (missing(e)) return undefined;
        throw e;
      }
    },
    async getRange(key: AbsolutePath, range: RangeQuery): Promise<Uint8Array | undefined> {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(pathOf(key), "r");
      } catch (e) {
        if (missing(e)) return undefined;
        throw e;
      }
      try {
        const size = (await handle.stat()).size;
        const offset = "suffixLength" in range ? Math.max(0, size - range.suffixLength) : range.offset;
        const length = "suffixLength" in range ? size - offset : Math.min(range.length, size - offset);
        const out = new Uint8Array(Math.max(0, length));
        await handle.read(out, 0, out.length, offset);
        return out;
      } finally {
        await handle.close();
      }
    },
  };
}
