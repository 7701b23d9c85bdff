import { join } from "node:path";

/** The manifest file at the root of every dataset directory. */
export const MANIFEST_FILE = "danio.json";

/** The current manifest schema version; a manifest with another version is refused at load. */
export const MANIFEST_VERSION = 1;

/** Where the manifest of a dataset directory lives. */
export function manifestPath(datasetDir: string): string {
  return join(datasetDir, MANIFEST_FILE);
}
