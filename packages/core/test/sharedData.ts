import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (/work/main in the workspace). */
const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/**
 * The shared real-data folder: $DANIO_SHARED_DATA, else ../shared/data from the repository root. Returns
 * the path of `sub` inside it, or a skip reason when it is absent; with CI=true an absent folder throws.
 */
export function sharedData(sub: string): { path: string } | { skip: string } {
  const root = process.env.DANIO_SHARED_DATA ?? resolve(repoRoot, "../shared/data");
  const path = resolve(root, sub);
  if (existsSync(path)) return { path };
  const reason = `shared test data ${path} is absent (set DANIO_SHARED_DATA to the shared data folder)`;
  if (process.env.CI === "true") throw new Error(`${reason}; CI=true requires it`);
  return { skip: reason };
}
