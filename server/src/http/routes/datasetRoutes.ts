import { formatId, parseId } from "@danio/core";
import { encodeMembership, readNeurons } from "@danio/sync";
import type { FastifyInstance } from "fastify";
import type { TokenService } from "../../auth/TokenService";
import type { DatasetRegistry } from "../../datasets/DatasetRegistry";
import { synapsesOfSegments } from "../../datasets/synapsesOfSegments";
import { HttpError } from "../HttpError";
import { requireUser } from "../requireUser";
import { sendFile } from "../sendFile";

export interface DatasetRouteDeps {
  tokens: TokenService;
  datasets: DatasetRegistry;
  getDoc: (datasetId: string) => Promise<import("yjs").Doc>;
}

const seqQuery = {
  type: "object",
  additionalProperties: false,
  properties: { at: { type: "integer", minimum: 0 } },
} as const;

function checkSeq(at: number | undefined, current: number): number {
  if (at === undefined) return current;
  if (at > current)
    throw new HttpError(400, "seq.future", `at=${at}: the log has only ${current} operations`);
  return at;
}

/**
 * Datasets: list, manifest, the files of their layers (Neuroglancer can open them as
 * precomputed://http://host/datasets/<id>/files/<layer>), segment membership, roots, neurons and synapses.
 * Reading needs a signed-in user (any role); the layer files are public like any static layer.
 */
export function datasetRoutes(app: FastifyInstance, deps: DatasetRouteDeps): void {
  const { tokens, datasets } = deps;

  app.get("/api/datasets", async (req) => {
    await requireUser(tokens, req);
    const out = [];
    for (const rec of await datasets.list()) out.push({ id: rec.id, name: rec.name });
    return { datasets: out };
  });

  app.get<{ Params: { id: string } }>("/api/datasets/:id", async (req) => {
    await requireUser(tokens, req);
    const s = await datasets.session(req.params.id);
    return {
      id: s.id,
      name: s.dataset.manifest.name,
      seq: s.seq,
      supervoxelCount: s.graph.size,
      segmentCount: s.proofreading.segmentCount,
      manifest: s.dataset.manifest,
    };
  });

  app.get<{ Params: { id: string; "*": string } }>("/datasets/:id/files/*", async (req, reply) => {
    const rec = await datasets.record(req.params.id);
    return sendFile(rec.dir, req.params["*"], req, reply);
  });

  app.get<{ Params: { id: string }; Querystring: { at?: number } }>(
    "/api/datasets/:id/membership",
    { schema: { querystring: seqQuery } },
    async (req, reply) => {
      await requireUser(tokens, req);
      const s = await datasets.session(req.params.id);
      const state = s.proofreading;
      const seq = checkSeq(req.query.at, state.seq);
      const ids = state.graph.supervoxelIds;
      const roots = new BigUint64Array(ids.length);
      if (seq === state.seq) for (let i = 0; i < ids.length; i++) roots[i] = state.rootOfIndex(i);
      else for (let i = 0; i < ids.length; i++) roots[i] = state.rootAt(ids[i]!, seq);
      reply.type("application/octet-stream");
      return Buffer.from(encodeMembership({ seq, supervoxels: ids, roots }));
    },
  );

  app.get<{ Params: { id: string; sv: string }; Querystring: { at?: number } }>(
    "/api/datasets/:id/supervoxels/:sv/root",
    { schema: { querystring: seqQuery } },
    async (req) => {
      await requireUser(tokens, req);
      const s = await datasets.session(req.params.id);
      const sv = parseId(req.params.sv, "supervoxel");
      const seq = checkSeq(req.query.at, s.seq);
      const root = seq === s.seq ? s.proofreading.rootOf(sv) : s.proofreading.rootAt(sv, seq);
      return { supervoxel: formatId(sv), root: formatId(root), seq };
    },
  );

  app.get<{ Params: { id: string; root: string } }>("/api/datasets/:id/roots/:root", async (req) => {
    await requireUser(tokens, req);
    const s = await datasets.session(req.params.id);
    const root = parseId(req.params.root, "root");
    const state = s.proofreading;
    const lineage = state.lineage(root);
    const descendants = state.descendants(root).map(formatId);
    const alive = descendants.length === 1 && descendants[0] === formatId(root);
    return {
      root: formatId(root),
      alive,
      descendants,
      lineage: JSON.parse(JSON.stringify(lineage, (_k, v) => (typeof v === "bigint" ? formatId(v) : v))),
      supervoxels: alive ? Array.from(state.supervoxelsOf(root), formatId) : undefined,
    };
  });

  app.get<{ Params: { id: string }; Querystring: { roots: string; limit?: number } }>(
    "/api/datasets/:id/synapses",
    {
      schema: {
        querystring: {
          type: "object",
          required: ["roots"],
          additionalProperties: false,
          properties: {
            roots: { type: "string", pattern: "^[0-9]{1,20}(,[0-9]{1,20}){0,199}$" },
            limit: { type: "integer", minimum: 1, maximum: 100000 },
          },
        },
      },
    },
    async (req) => {
      await requireUser(tokens, req);
      const s = await datasets.session(req.params.id);
      const roots = req.query.roots.split(",").map((r, i) => parseId(r, `roots[${i}]`));
      return synapsesOfSegments(s.proofreading, s.dataset.synapses, roots, req.query.limit ?? 20000);
    },
  );

  app.get<{ Params: { id: string } }>("/api/datasets/:id/neurons", async (req) => {
    await requireUser(tokens, req);
    const s = await datasets.session(req.params.id);
    const doc = await deps.getDoc(s.id);
    const state = s.proofreading;
    const neurons = [];
    for (const [id, record] of readNeurons(doc)) {
      let root: string | null = null;
      try {
        root = formatId(state.rootOf(parseId(record.anchor.supervoxel, "anchor.supervoxel")));
      } catch {
        root = null;
      }
      neurons.push({ id, root, ...record });
    }
    return { neurons };
  });
}
