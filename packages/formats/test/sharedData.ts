/**
 * Locates /work/shared/data-style real files for tests: $DANIO_SHARED_DATA, else ../shared/data from the
 * repository root. Where the folder is absent a test is skipped (its name says why); with CI=true an
 * absent folder fails the test instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "vitest";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
export const SHARED_DATA = process.env.DANIO_SHARED_DATA ?? resolve(repoRoot, "../shared/data");
const missing = !existsSync(SHARED_DATA);
const inCi = process.env.CI === "true";

/** A test that needs the shared data folder. */
export function itShared(name: string, fn: () => void | Promise<void>, timeout?: number): void {
  const reason = !missing
    ? ""
    : inCi
      ? ` (no shared data at ${SHARED_DATA}: fails under CI=true)`
      : ` (skipped: no shared data at ${SHARED_DATA}; set DANIO_SHARED_DATA)`;
  it.skipIf(missing && !inCi)(
    `${name}${reason}`,
    async () => {
      if (missing) throw new Error(`CI=true but the shared data folder ${SHARED_DATA} is missing`);
      await fn();
    },
    timeout,
  );
}

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

export function readShared(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(sharedPath(...parts)));
}
