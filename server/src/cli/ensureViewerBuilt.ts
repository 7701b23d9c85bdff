import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { VIEWER_DIR, VIEWER_DIST } from "./repoPaths";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    const st = statSync(path);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(path) : st.mtimeMs);
  }
  return newest;
}

/** Builds the viewer with vite when its dist/ is missing or older than its sources. */
export function ensureViewerBuilt(log: (line: string) => void): void {
  const index = join(VIEWER_DIST, "index.html");
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(VIEWER_DIR)) return;
  log("building the viewer (vite build)…");
  const r = spawnSync("pnpm", ["--filter", "@danio/viewer", "build"], { stdio: "inherit" });
  if (r.status !== 0)
    throw new Error(`building the viewer failed (exit ${r.status}); run: pnpm --filter @danio/viewer build`);
}
