import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStaticFile } from "./staticFiles";

let server: Server;
let base: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "danio-static-"));
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), "<h1>viewer</h1>");
  writeFileSync(join(root, "assets", "app.js"), "console.log(1)");
  server = createServer((req, res) => {
    if (!serveStaticFile(root, req, res)) res.writeHead(404).end("nope");
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe("serveStaticFile", () => {
  it("serves files with their content type and falls back to index.html for app routes", async () => {
    const js = await fetch(`${base}/assets/app.js`);
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect(await js.text()).toBe("console.log(1)");
    expect(await (await fetch(`${base}/datasets/demo`)).text()).toBe("<h1>viewer</h1>");
  });

  it("refuses paths that escape the root and 404s missing assets", async () => {
    // fetch() would normalize "/../"; encoded slashes reach the server and decode to a path that escapes.
    expect((await fetch(`${base}/..%2F..%2F..%2Fetc%2Fpasswd`)).status).toBe(403);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });
});
