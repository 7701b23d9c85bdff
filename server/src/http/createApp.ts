import { CoreError, InvalidIdError } from "@danio/core";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { TokenError } from "../auth/TokenService";
import { UserInputError } from "../auth/Users";
import { StoreConflictError, StoreNotFoundError } from "../store/Store";
import { HttpError } from "./HttpError";
import { serveStaticFile } from "./staticFiles";
import { type AuthRouteDeps, authRoutes } from "./routes/authRoutes";

export interface AppDeps extends AuthRouteDeps {
  /** Extra route groups (datasets, operations, …) registered after auth. */
  routes?: ((app: FastifyInstance) => void)[];
  /** Largest accepted request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  logger?: boolean;
  /** The built viewer, served for GET requests outside /api (single-page app fallback to index.html). */
  viewerDir?: string;
}

/** HTTP status of a refusal of the proofreading engine, by its stable code. */
export function coreErrorStatus(code: string): number {
  if (code === "supervoxel.unknown" || code === "root.unknown" || code === "operation.unknown") return 404;
  if (code === "access.role") return 403;
  if (code === "request.invalid" || code === "graph.invalid" || code === "position.missing") return 400;
  if (code.startsWith("log.")) return 500;
  // Stale roots, locks, claims, duplicates, undo conflicts and refused merges and splits: the request was
  // understood but conflicts with the current state.
  return 409;
}

/** Maps thrown errors to JSON `{ error: { code, message } }` with a fitting status. */
export function errorResponse(err: unknown): { status: number; code: string; message: string } {
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof CoreError)
    return { status: coreErrorStatus(err.code), code: err.code, message: err.message };
  if (err instanceof InvalidIdError) return { status: 400, code: "id.invalid", message: err.message };
  if (err instanceof TokenError) return { status: 401, code: "unauthorized", message: err.message };
  if (err instanceof UserInputError) return { status: 400, code: "bad_request", message: err.message };
  if (err instanceof StoreNotFoundError) return { status: 404, code: "not_found", message: err.message };
  if (err instanceof StoreConflictError) return { status: 409, code: "conflict", message: err.message };
  const fe = err as Partial<FastifyError>;
  if (fe.validation)
    return { status: 400, code: "bad_request", message: `request ${fe.message ?? "is not valid"}` };
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: fe.code ?? "bad_request", message: fe.message ?? "bad request" };
  }
  return { status: 500, code: "internal", message: "internal error" };
}

/** The HTTP API. Every request body has a schema; errors come back as JSON naming what was wrong. */
export function createApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    // Unknown fields are refused, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, allErrors: false } },
  });
  app.setErrorHandler((err, req, reply) => {
    const { status, code, message } = errorResponse(err);
    if (status >= 500) req.log.error(err);
    reply.code(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler((req, reply) => {
    const viewerDir = deps.viewerDir;
    if (viewerDir && (req.method === "GET" || req.method === "HEAD") && !req.url.startsWith("/api/")) {
      reply.hijack();
      if (serveStaticFile(viewerDir, req.raw, reply.raw)) return;
      reply.raw.writeHead(404, { "content-type": "application/json" });
      reply.raw.end(JSON.stringify({ error: { code: "not_found", message: `no file ${req.url}` } }));
      return;
    }
    reply.code(404).send({ error: { code: "not_found", message: `no route ${req.method} ${req.url}` } });
  });
  authRoutes(app, deps);
  for (const r of deps.routes ?? []) r(app);
  return app;
}
