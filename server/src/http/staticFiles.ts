import { createReadStream, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { CONTENT_TYPES, pathInside } from "./pathInside";

/**
 * Serves files below `rootDir`; unknown paths without an extension fall back to index.html (the viewer is
 * a single-page app). Paths that escape the root are refused with 403. Returns false when nothing matched.
 */
export function serveStaticFile(rootDir: string, req: IncomingMessage, res: ServerResponse): boolean {
  const root = resolve(rootDir);
  const url = new URL(req.url ?? "/", "http://localhost");
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400, { "content-type": "text/plain" }).end(`bad path encoding: ${url.pathname}`);
    return true;
  }
  const target = pathInside(root, path);
  if (target === undefined) {
    res.writeHead(403, { "content-type": "text/plain" }).end("forbidden");
    return true;
  }
  let file = target;
  let st = statOrUndefined(file);
  if (st?.isDirectory()) {
    file = join(file, "index.html");
    st = statOrUndefined(file);
  }
  if (!st && extname(path) === "") {
    file = join(root, "index.html");
    st = statOrUndefined(file);
  }
  if (!st?.isFile()) return false;
  res.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": st.size,
    "cache-control": file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
  return true;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
