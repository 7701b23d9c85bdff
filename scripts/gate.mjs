#!/usr/bin/env node
// The whole gate, in order: format check → lint (Biome + layer rules) → typecheck → unit and integration
// tests (vitest) → build → end-to-end tests (Playwright in Chromium). It stops at the first failing step.
// The last line is always `N passed, N failed[, N skipped]`, summed over vitest's JSON report and
// Playwright's JSON report; a failing step that is not a test runner counts as one failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const results = join(root, "tests", "results");
rmSync(join(results, "vitest.json"), { force: true });
rmSync(join(results, "playwright.json"), { force: true });
mkdirSync(results, { recursive: true });

const bin = (name) => join(root, "node_modules", ".bin", name);
const steps = [
  ["format check", bin("biome"), ["format", "."]],
  ["lint", bin("biome"), ["lint", "--error-on-warnings", "."]],
  ["layer rules", "node", ["scripts/checkLayers.mjs"]],
  ["typecheck", "node", ["scripts/typecheck.mjs"]],
  [
    "unit and integration tests",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${join(results, "vitest.json")}`],
  ],
  ["build", "pnpm", ["--filter", "@danio/viewer", "build"]],
  ["end-to-end tests", bin("playwright"), ["test", "-c", "tests/playwright.config.ts"]],
];

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n── gate: ${name} ──`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const isRunner = name.includes("tests");
  if (isRunner) {
    const counted = name === "end-to-end tests" ? countPlaywright() : countVitest();
    if (counted) {
      passed += counted.passed;
      failed += counted.failed;
      skipped += counted.skipped;
    }
    if (r.status !== 0 && (!counted || counted.failed === 0)) failed += 1;
  } else if (r.status !== 0) {
    failed += 1;
  }
  console.log(`── gate: ${name} ${r.status === 0 ? "ok" : "FAILED"} in ${secs} s ──`);
  if (r.status !== 0) {
    ok = false;
    break;
  }
}

function readJson(file) {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function countVitest() {
  const j = readJson(join(results, "vitest.json"));
  if (!j) return undefined;
  return {
    passed: j.numPassedTests ?? 0,
    // A file that failed without a failing test (an import error, a crash in a hook) counts as one failure.
    failed:
      (j.numFailedTests ?? 0) +
      (j.testResults ?? []).filter(
        (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
      ).length,
    skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
  };
}

function countPlaywright() {
  const j = readJson(join(results, "playwright.json"));
  if (!j?.stats) return undefined;
  return {
    passed: (j.stats.expected ?? 0) + (j.stats.flaky ?? 0),
    failed: j.stats.unexpected ?? 0,
    skipped: j.stats.skipped ?? 0,
  };
}

console.log(ok ? "\ngate: every step passed" : "\ngate: FAILED");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
