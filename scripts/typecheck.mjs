#!/usr/bin/env node
// Typechecks every project: each package's own tsconfig (core and formats also get a separate test
// tsconfig, because their library code is compiled without Node or DOM types).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const projects = [
  "packages/core/tsconfig.json",
  "packages/core/tsconfig.test.json",
  "packages/formats/tsconfig.json",
  "packages/formats/tsconfig.test.json",
  "packages/dataset/tsconfig.json",
  "packages/sync/tsconfig.json",
  "packages/forecast/tsconfig.json",
  "server/tsconfig.json",
  "apps/viewer/tsconfig.json",
  "tests/tsconfig.json",
];
const tsc = join(root, "node_modules", ".bin", "tsc");
let failed = 0;
for (const p of projects) {
  if (!existsSync(join(root, p))) continue;
  const r = spawnSync(tsc, ["-p", p, "--pretty", "false"], { cwd: root, stdio: "inherit" });
  console.log(`typecheck ${p}: ${r.status === 0 ? "ok" : "FAILED"}`);
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
