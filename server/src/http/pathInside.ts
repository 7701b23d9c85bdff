import { join, normalize, resolve, sep } from "node:path";

/** MIME types of the files the server sends (the viewer's build, dataset layers, snapshots). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

/** The absolute path of `relPath` below `rootDir`, or undefined when it would escape the root. */
export function pathInside(rootDir: string, relPath: string): string | undefined {
  const root = resolve(rootDir);
  const target = normalize(join(root, relPath));
  return target === root || target.startsWith(root + sep) ? target : undefined;
}
