import { formatId, type Operation, operationToJson } from "@danio/core";
import type { FastifyInstance } from "fastify";
import type { TokenService } from "../../auth/TokenService";
import type { DatasetRegistry } from "../../datasets/DatasetRegistry";
import {
  type OperationBody,
  operationBodySchema,
  type SplitPreviewBody,
  splitPreviewBodySchema,
} from "../../datasets/operationRequest";
import { requireUser } from "../requireUser";

export interface OperationRouteDeps {
  tokens: TokenService;
  datasets: DatasetRegistry;
}

const EDITORS = ["admin", "reviewer", "annotator"] as const;

/**
 * Edits are commands to the server: merge, split, undo, redo (POST /operations), the split preview, and the
 * history with paging. The server validates role, claims and freshness, computes (the min-cut runs here),
 * appends to the log durably, then acknowledges and publishes.
 */
export function operationRoutes(app: FastifyInstance, deps: OperationRouteDeps): void {
  const { tokens, datasets } = deps;

  app.post<{ Params: { id: string }; Body: OperationBody }>(
    "/api/datasets/:id/operations",
    { schema: { body: operationBodySchema } },
    async (req, reply) => {
      const user = await requireUser(tokens, req, EDITORS);
      const session = await datasets.session(req.params.id);
      const op: Operation = await session.submit(user, req.body);
      reply.code(201);
      return { operation: operationToJson(op) };
    },
  );

  app.post<{ Params: { id: string }; Body: SplitPreviewBody }>(
    "/api/datasets/:id/split-preview",
    { schema: { body: splitPreviewBodySchema } },
    async (req) => {
      const user = await requireUser(tokens, req, EDITORS);
      const session = await datasets.session(req.params.id);
      const p = await session.previewSplit(user, req.body);
      return {
        root: formatId(p.root),
        sources: Array.from(p.sourceSide, formatId),
        sinks: Array.from(p.sinkSide, formatId),
        cutEdges: p.cutEdges.map(([a, b]) => [formatId(a), formatId(b)]),
        cutWeight: p.cutWeight,
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { after?: number; limit?: number } }>(
    "/api/datasets/:id/operations",
    {
      schema: {
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            after: { type: "integer", minimum: 0 },
            limit: { type: "integer", minimum: 1, maximum: 1000 },
          },
        },
      },
    },
    async (req) => {
      await requireUser(tokens, req);
      const session = await datasets.session(req.params.id);
      const after = req.query.after ?? 0;
      const limit = req.query.limit ?? 100;
      const ops = session.proofreading.log.all().slice(after, after + limit);
      const last = ops[ops.length - 1];
      return {
        operations: ops.map(operationToJson),
        next: last && last.seq < session.seq ? last.seq : null,
      };
    },
  );
}
