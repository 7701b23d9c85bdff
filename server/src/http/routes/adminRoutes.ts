import type { FastifyInstance } from "fastify";
import type { TokenService } from "../../auth/TokenService";
import type { SyncServer } from "../../sync/createSyncServer";
import { requireUser } from "../requireUser";

/** What a lab lead (admin) watches: live connections and message counts, and the server's memory. */
export function adminRoutes(app: FastifyInstance, deps: { tokens: TokenService; sync: SyncServer }): void {
  app.get<{ Querystring: { gc?: boolean } }>(
    "/api/admin/stats",
    {
      schema: {
        querystring: { type: "object", additionalProperties: false, properties: { gc: { type: "boolean" } } },
      },
    },
    async (req) => {
      await requireUser(deps.tokens, req, ["admin"]);
      // With node --expose-gc (benchmarks), ?gc=true collects garbage first so that heap figures are comparable.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (req.query.gc && gc) gc();
      const mem = process.memoryUsage();
      return {
        sync: deps.sync.stats(),
        memory: {
          rss: mem.rss,
          heapUsed: mem.heapUsed,
          external: mem.external,
          arrayBuffers: mem.arrayBuffers,
        },
        uptimeSeconds: process.uptime(),
      };
    },
  );
}
