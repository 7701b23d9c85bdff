/**
 * Locates the shared real-data folder for tests: $DANIO_SHARED_DATA, else ../shared/data from the
 * repository root. Where the folder is absent a test is skipped (its name says why); with CI=true an
 * absent folder fails the test instead.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "vitest";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
export const SHARED_DATA = process.env.DANIO_SHARED_DATA ?? resolve(repoRoot, "../shared/data");

/** Whether `parts` exist under the shared folder (false when the folder is absent). */
export function sharedDataHas(...parts: string[]): boolean {
  return existsSync(join(SHARED_DATA, ...parts));
}

/** A test that needs `parts` under the shared data folder: skipped with a reason when absent, failed under CI=true. */
export function itShared(
  parts: string[],
  name: string,
  fn: () => void | Promise<void>,
  timeout?: number,
): void {
  const missing = !sharedDataHas(...parts);
  const inCi = process.env.CI === "true";
  const where = join(SHARED_DATA, ...parts);
  const reason = !missing
    ? ""
    : inCi
      ? ` (no shared data at ${where}: fails under CI=true)`
      : ` (skipped: no shared data at ${where}; set DANIO_SHARED_DATA)`;
  it.skipIf(missing && !inCi)(
    `${name}${reason}`,
    async () => {
      if (missing) throw new Error(`CI=true but the shared data ${where} is missing`);
      await fn();
    },
    timeout,
  );
}

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}
