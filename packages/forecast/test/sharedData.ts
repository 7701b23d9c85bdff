/**
 * Where the project's shared real data lives for tests: $DANIO_SHARED_DATA, else ../shared/data from the
 * repository root. Absent on a laptop: tests skip with the reason; absent with CI=true: they run and fail.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const SHARED_DATA = process.env.DANIO_SHARED_DATA ?? join(repoRoot, "..", "shared", "data");
const present = existsSync(SHARED_DATA);

/** Skip (with the reason in the test name) only when the folder is absent and CI is not set. */
export const skipSharedData = !present && process.env.CI !== "true";
export const sharedDataNote = present ? "" : ` (shared data absent at ${SHARED_DATA})`;

export function sharedPath(...parts: string[]): string {
  if (!present)
    throw new Error(
      `shared data folder ${SHARED_DATA} is absent (set DANIO_SHARED_DATA); CI=true requires it`,
    );
  return join(SHARED_DATA, ...parts);
}
