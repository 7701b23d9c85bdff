import { fileURLToPath } from "node:url";

/** The repository root and the viewer's build output, found from this file's location. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const VIEWER_DIR = fileURLToPath(new URL("../../../apps/viewer/", import.meta.url));
export const VIEWER_DIST = fileURLToPath(new URL("../../../apps/viewer/dist/", import.meta.url));
