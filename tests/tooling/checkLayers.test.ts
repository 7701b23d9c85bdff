import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const repo = new URL("../../", import.meta.url).pathname;
const script = join(repo, "scripts", "checkLayers.mjs");

function check(root: string) {
  const r = spawnSync("node", [script, "--root", root], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

function treeWith(file: string, text: string): string {
  const root = mkdtempSync(join(tmpdir(), "danio-layers-"));
  const path = join(root, file);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return root;
}

describe("the layer rules of DESIGN.md fail the gate", () => {
  it("passes on the repository as it is", () => {
    const r = check(repo);
    expect(r.out).toContain("every import points the right way");
    expect(r.status).toBe(0);
  });

  it("fails when packages/core imports yjs, naming the file, the line and the rule", () => {
    const root = treeWith("packages/core/src/bad.ts", 'export const x = 1;\nimport * as Y from "yjs";\n');
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain('packages/core/src/bad.ts:2: imports "yjs" — rule core/no-yjs');
  });

  it("fails on node:fs, react and three in core, but lets core's tests use node:fs", () => {
    const root = treeWith(
      "packages/core/src/graph.ts",
      'import { readFileSync } from "node:fs";\nimport React from "react";\nimport { Mesh } from "three";\n',
    );
    writeFileSync(join(root, "packages/core/src/graph.test.ts"), 'import { readFileSync } from "node:fs";\n');
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain('graph.ts:1: imports "node:fs" — rule core/no-node');
    expect(r.out).toContain("rule core/no-react");
    expect(r.out).toContain("rule core/no-three");
    expect(r.out).not.toContain("graph.test.ts");
  });

  it("fails on a wrong-way package import and on reaching into another package's src", () => {
    const root = treeWith("packages/sync/src/a.ts", 'import { x } from "@danio/server";\n');
    writeFileSync(join(root, "packages/sync/src/b.ts"), 'import { y } from "@danio/core/src/graph";\n');
    mkdirSync(join(root, "packages/forecast/src"), { recursive: true });
    writeFileSync(join(root, "packages/forecast/src/c.ts"), 'export { z } from "../../core/src/z";\n');
    const r = check(root);
    expect(r.status).toBe(1);
    expect(r.out).toContain("rule sync/no-server");
    expect(r.out).toContain("rule layers/public-api");
    expect(r.out).toContain(
      'packages/forecast/src/c.ts:1: imports "../../core/src/z" — rule layers/no-reach-out',
    );
  });

  it("ignores imports inside comments", () => {
    const root = treeWith(
      "packages/core/src/ok.ts",
      '// import * as Y from "yjs";\n/* import "react"; */\nexport {};\n',
    );
    expect(check(root).status).toBe(0);
  });

  it("copies of the real core still pass (the rules do not flag pure code)", () => {
    const root = mkdtempSync(join(tmpdir(), "danio-layers-"));
    cpSync(join(repo, "packages/core/src"), join(root, "packages/core/src"), { recursive: true });
    expect(check(root).status).toBe(0);
  });
});
