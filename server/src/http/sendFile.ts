import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError } from "./HttpError";
import { CONTENT_TYPES, pathInside } from "./pathInside";

/**
 * Sends a file below `rootDir` with single-range support (`Range: bytes=a-b`), so that mesh fragments can be
 * fetched by byte range and Neuroglancer can read the precomputed layers. Paths escaping the root are 403.
 * Precomputed chunk files written gzip-compressed (`*.gz`) are not re-encoded here.
 */
export function sendFile(
  rootDir: string,
  relPath: string,
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const target = pathInside(rootDir, relPath);
  if (target === undefined) throw new HttpError(403, "forbidden", "path escapes the dataset");
  let size: number;
  try {
    const st = statSync(target);
    if (!st.isFile()) throw new Error("not a file");
    size = st.size;
  } catch {
    throw new HttpError(404, "not_found", `no file ${relPath} in this dataset`);
  }
  reply.header("accept-ranges", "bytes");
  reply.header("access-control-allow-origin", "*");
  reply.type(CONTENT_TYPES[extname(target)] ?? "application/octet-stream");
  const range = req.headers.range;
  if (range) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range);
    let start = m?.[1] ? Number(m[1]) : Number.NaN;
    let end = m?.[2] ? Number(m[2]) : size - 1;
    if (m && !m[1] && m[2]) {
      start = Math.max(0, size - Number(m[2]));
      end = size - 1;
    }
    if (!m || !(start >= 0) || start > end || start >= size) {
      reply.header("content-range", `bytes */${size}`);
      throw new HttpError(416, "range", `range ${range} is not satisfiable for a ${size}-byte file`);
    }
    end = Math.min(end, size - 1);
    reply
      .code(206)
      .header("content-range", `bytes ${start}-${end}/${size}`)
      .header("content-length", end - start + 1);
    return reply.send(createReadStream(target, { start, end }));
  }
  reply.header("content-length", size);
  return reply.send(createReadStream(target));
}
