/**
 * Writes a dataset directory atomically (SPEC.md D7): `write` fills a staging directory beside `out`,
 * which is then renamed into place (an existing `out` is replaced whole only when `overwrite` is set).
 * On any failure the staging directory is removed, so nothing half-written is left.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export async function writeStaged(
  out: string,
  overwrite: boolean,
  write: (staging: string) => Promise<void> | void,
): Promise<void> {
  const staging = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    mkdirSync(staging, { recursive: true });
    await write(staging);
    if (existsSync(out)) {
      if (!overwrite) throw new Error(`${out}: already exists (choose another directory or overwrite it)`);
      const old = join(dirname(out), `.${basename(out)}.old-${process.pid}`);
      renameSync(out, old);
      renameSync(staging, out);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(staging, out);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
