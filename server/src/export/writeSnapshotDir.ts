import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SnapshotFileInput } from "@danio/formats";

/**
 * Writes a snapshot's files into `dir`, which must not exist: everything goes to a staging directory first
 * and is renamed into place, so a snapshot is either complete or absent, and never changes once made.
 */
export function writeSnapshotDir(dir: string, files: readonly SnapshotFileInput[]): void {
  if (existsSync(dir)) throw new Error(`${dir} already exists: a snapshot is never overwritten`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const f of files) {
      const path = join(staging, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.bytes);
    }
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}
