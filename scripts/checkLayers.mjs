#!/usr/bin/env node
// The one-way layers of ../shared/DESIGN.md, enforced. Every import specifier in every source file of
// every package is checked against the table below; a violation prints
//   <file>:<line>: imports "<specifier>" — rule <id>: <why>
// and the script exits 1. Usage: node scripts/checkLayers.mjs [--root DIR]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve, sep } from "node:path";

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNode = (s) => s.startsWith("node:") || NODE_BUILTINS.has(s.split("/")[0]);
const isReact = (s) =>
  s === "react" || s.startsWith("react/") || s.startsWith("react-dom") || s.startsWith("@react-three/");
const isThree = (s) => s === "three" || s.startsWith("three/");
const isYjs = (s) => s === "yjs" || s.startsWith("y-") || s.startsWith("lib0") || s.startsWith("@y/");
const ours = (name) => (s) => s === `@danio/${name}` || s.startsWith(`@danio/${name}/`);

/** Each layer: its directory, and what it must not import. `tests` marks rules test files are exempt from. */
export const LAYERS = [
  {
    name: "core",
    dir: "packages/core",
    forbid: [
      ["core/no-react", isReact, "packages/core must not import React"],
      ["core/no-three", isThree, "packages/core must not import three"],
      ["core/no-yjs", isYjs, "packages/core must not import yjs"],
      [
        "core/no-node",
        isNode,
        "packages/core must not import Node built-ins such as node:fs",
        { tests: true },
      ],
      [
        "core/no-danio",
        (s) => s.startsWith("@danio/"),
        "packages/core is the bottom layer and imports no other package",
      ],
    ],
  },
  {
    name: "formats",
    dir: "packages/formats",
    forbid: [
      ["formats/no-react", isReact, "packages/formats must not import React"],
      ["formats/no-three", isThree, "packages/formats must not import three"],
      ["formats/no-yjs", isYjs, "packages/formats must not import yjs"],
      [
        "formats/no-node",
        isNode,
        "packages/formats works on bytes and must not import Node built-ins",
        { tests: true },
      ],
      [
        "formats/no-danio",
        (s) => s.startsWith("@danio/"),
        "packages/formats imports no other package (not core, sync or react)",
      ],
    ],
  },
  {
    name: "dataset",
    dir: "packages/dataset",
    forbid: [
      ["dataset/no-react", isReact, "packages/dataset must not import React"],
      ["dataset/no-three", isThree, "packages/dataset must not import three"],
      ["dataset/no-yjs", isYjs, "packages/dataset must not import yjs"],
      ["dataset/no-server", ours("server"), "packages/dataset must not import the server"],
      [
        "dataset/no-sync",
        ours("sync"),
        "packages/dataset may import only packages/formats and packages/core",
      ],
      [
        "dataset/no-forecast",
        ours("forecast"),
        "packages/dataset may import only packages/formats and packages/core",
      ],
      ["dataset/no-viewer", ours("viewer"), "packages/dataset must not import the viewer"],
    ],
  },
  {
    name: "sync",
    dir: "packages/sync",
    forbid: [
      ["sync/no-react", isReact, "packages/sync must not import React"],
      ["sync/no-three", isThree, "packages/sync must not import three"],
      ["sync/no-server", ours("server"), "packages/sync must not import the server"],
      ["sync/no-dataset", ours("dataset"), "packages/sync may import only packages/core"],
      ["sync/no-formats", ours("formats"), "packages/sync may import only packages/core"],
      ["sync/no-forecast", ours("forecast"), "packages/sync may import only packages/core"],
      ["sync/no-viewer", ours("viewer"), "packages/sync must not import the viewer"],
    ],
  },
  {
    name: "forecast",
    dir: "packages/forecast",
    forbid: [
      ["forecast/no-react", isReact, "packages/forecast must not import React"],
      ["forecast/no-three", isThree, "packages/forecast must not import three"],
      ["forecast/no-yjs", isYjs, "packages/forecast must not import yjs"],
      ["forecast/no-server", ours("server"), "packages/forecast must not import the server"],
      ["forecast/no-core", ours("core"), "packages/forecast may import only packages/formats"],
      ["forecast/no-sync", ours("sync"), "packages/forecast may import only packages/formats"],
      ["forecast/no-dataset", ours("dataset"), "packages/forecast may import only packages/formats"],
      ["forecast/no-viewer", ours("viewer"), "packages/forecast must not import the viewer"],
    ],
  },
  {
    name: "server",
    dir: "server",
    forbid: [
      ["server/no-react", isReact, "server/ must not import React"],
      ["server/no-three", isThree, "server/ must not import three"],
      ["server/no-viewer", ours("viewer"), "server/ must not import the viewer"],
    ],
  },
  {
    name: "viewer",
    dir: "apps/viewer",
    forbid: [
      [
        "viewer/no-server",
        ours("server"),
        "apps/viewer talks to the server over HTTP and WebSocket, never imports it",
      ],
      [
        "viewer/no-node",
        isNode,
        "apps/viewer runs in the browser and must not import Node built-ins",
        { tests: true },
      ],
      ["viewer/no-forecast", ours("forecast"), "apps/viewer does not import packages/forecast"],
    ],
  },
];

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|jsx)$/;
const SKIP_DIRS = new Set(["node_modules", "dist", "test-results", "playwright-report", "results"]);

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (SKIP_DIRS.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) yield* walk(path);
    else if (SOURCE.test(name)) yield path;
  }
}

/** Replaces comments by spaces, keeping line numbers, so commented-out imports do not count. */
function stripComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "))
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, (m, p1) => p1 + " ".repeat(m.length - p1.length));
}

const IMPORT_RE =
  /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?|\bexport\s+(?:type\s+)?[\w*{}\s,$]+\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

export function importsOf(text) {
  const code = stripComments(text);
  const out = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    const line = code.slice(0, m.index).split("\n").length;
    out.push({ specifier: m[1], line });
  }
  return out;
}

const isTestFile = (rel) =>
  /\.test\.tsx?$/.test(rel) || /(^|\/)(test|bench)\//.test(rel) || /\.config\.ts$/.test(rel);

export function checkLayers(root) {
  const problems = [];
  for (const layer of LAYERS) {
    const layerRoot = join(root, layer.dir);
    for (const file of walk(layerRoot)) {
      const rel = relative(root, file).split(sep).join("/");
      const inLayer = relative(layerRoot, file).split(sep).join("/");
      const test = isTestFile(inLayer);
      for (const { specifier, line } of importsOf(readFileSync(file, "utf8"))) {
        for (const [id, matches, why, opts] of layer.forbid) {
          if (test && opts?.tests) continue;
          if (matches(specifier))
            problems.push(`${rel}:${line}: imports "${specifier}" — rule ${id}: ${why}`);
        }
        if (/^@danio\/[^/]+\/src(\/|$)/.test(specifier)) {
          problems.push(
            `${rel}:${line}: imports "${specifier}" — rule layers/public-api: import a package by its name, never its src/ internals`,
          );
        }
        if (specifier.startsWith(".")) {
          const target = resolve(file, "..", specifier);
          const back = relative(layerRoot, target);
          if (back.startsWith("..")) {
            problems.push(
              `${rel}:${line}: imports "${specifier}" — rule layers/no-reach-out: a relative import must stay inside ${layer.dir}; import the other package by its name`,
            );
          }
        }
      }
    }
  }
  return problems;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const i = process.argv.indexOf("--root");
  const root = resolve(i > 0 ? process.argv[i + 1] : new URL("..", import.meta.url).pathname);
  const problems = checkLayers(root);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(`checkLayers: ${problems.length} wrong-way import(s); see the layer table in DESIGN.md`);
    process.exit(1);
  }
  console.log("checkLayers: every import points the right way");
}
