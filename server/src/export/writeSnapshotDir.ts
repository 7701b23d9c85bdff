import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeStaged } from "@danio/dataset";
import type { SnapshotFileInput } from "@danio/formats";

/**
 * Writes a snapshot's files into `dir`, which must not exist: everything goes to a staging directory first
 * and is renamed into place (@danio/dataset's writeStaged), so a snapshot is either complete or absent, and
 * never changes once made.
 */
export async function writeSnapshotDir(dir: string, files: readonly SnapshotFileInput[]): Promise<void> {
  if (existsSync(dir)) throw new Error(`${dir} already exists: a snapshot is never overwritten`);
  await writeStaged(dir, false, (staging) => {
    for (const f of files) {
      const path = join(staging, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.bytes);
    }
  });
}
