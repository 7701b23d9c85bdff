import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseSnapshotManifest } from "@danio/formats";
import { readNeurons } from "@danio/sync";
import type { FastifyInstance } from "fastify";
import type * as Y from "yjs";
import type { TokenService } from "../auth/TokenService";
import type { DatasetRegistry } from "../datasets/DatasetRegistry";
import { HttpError } from "../http/HttpError";
import { requireUser } from "../http/requireUser";
import { sendFile } from "../http/sendFile";
import { SOFTWARE_VERSION } from "../version";
import { buildSnapshotFiles, SNAPSHOT_FORMATS } from "./buildSnapshotFiles";
import { createMaterializer } from "./materializePool";
import { type NeuronSelection, SnapshotError, type snapshotInput, snapshotInputAsync } from "./snapshotInput";
import { writeSnapshotDir } from "./writeSnapshotDir";

export interface SnapshotRouteDeps {
  tokens: TokenService;
  datasets: DatasetRegistry;
  getDoc: (datasetId: string) => Promise<Y.Doc>;
  /** Where snapshots are kept: <snapshotsDir>/<dataset>/<snapshot id>/. */
  snapshotsDir: string;
}

const SNAPSHOT_ID = /^seq[0-9]+-(approved|all)$/;

/**
 * Materialization snapshots: admins create them (immutable, one per sequence number and neuron selection;
 * creating one again returns it unchanged); anyone signed in lists and downloads them.
 */
export function snapshotRoutes(app: FastifyInstance, deps: SnapshotRouteDeps): void {
  const { tokens, datasets } = deps;
  // Large snapshots materialize on a worker pool, started on first use and stopped with the app.
  const materializer = createMaterializer({
    onPoolError: (err) =>
      app.log.warn({ err }, "materialize pool unavailable; materializing on the main thread"),
  });
  app.addHook("onClose", async () => materializer.close());
  const dirOf = (datasetId: string, id: string) => join(deps.snapshotsDir, datasetId, id);
  const manifestOf = (datasetId: string, id: string) =>
    parseSnapshotManifest(readFileSync(join(dirOf(datasetId, id), "manifest.json")), `${id}/manifest.json`);

  app.post<{ Params: { id: string }; Body: { at?: number; neurons?: NeuronSelection } }>(
    "/api/datasets/:id/snapshots",
    {
      schema: {
        body: {
          type: "object",
          additionalProperties: false,
          properties: { at: { type: "integer", minimum: 0 }, neurons: { enum: ["approved", "all"] } },
        },
      },
    },
    async (req, reply) => {
      await requireUser(tokens, req, ["admin"]);
      const session = await datasets.session(req.params.id);
      const state = session.proofreading;
      const seq = req.body.at ?? state.seq;
      const neurons = req.body.neurons ?? "approved";
      const id = `seq${seq}-${neurons}`;
      const dir = dirOf(session.id, id);
      if (existsSync(join(dir, "manifest.json")))
        return { id, manifest: manifestOf(session.id, id), created: false };
      let input: ReturnType<typeof snapshotInput>;
      try {
        input = await snapshotInputAsync(
          {
            datasetId: session.id,
            graph: session.graph,
            options: state.options,
            ops: state.log.all(),
            live: state,
            seq,
            synapses: session.dataset.synapses,
            records: readNeurons(await deps.getDoc(session.id)),
            neurons,
            formats: SNAPSHOT_FORMATS,
            softwareVersion: SOFTWARE_VERSION,
          },
          materializer.materialize,
        );
      } catch (err) {
        if (err instanceof SnapshotError) throw new HttpError(409, "snapshot.refused", err.message);
        throw err;
      }
      await writeSnapshotDir(dir, buildSnapshotFiles(input));
      reply.code(201);
      return { id, manifest: manifestOf(session.id, id), created: true };
    },
  );

  app.get<{ Params: { id: string } }>("/api/datasets/:id/snapshots", async (req) => {
    await requireUser(tokens, req);
    const rec = await datasets.record(req.params.id);
    const root = join(deps.snapshotsDir, rec.id);
    const ids = existsSync(root)
      ? readdirSync(root)
          .filter((name) => SNAPSHOT_ID.test(name) && existsSync(join(root, name, "manifest.json")))
          .sort()
      : [];
    return {
      snapshots: ids.map((id) => {
        const m = manifestOf(rec.id, id);
        return { id, sequence: m.sequence, time: m.time, rowCounts: m.rowCounts };
      }),
    };
  });

  app.get<{ Params: { id: string; sid: string } }>("/api/datasets/:id/snapshots/:sid", async (req) => {
    await requireUser(tokens, req);
    const rec = await datasets.record(req.params.id);
    if (
      !SNAPSHOT_ID.test(req.params.sid) ||
      !existsSync(join(dirOf(rec.id, req.params.sid), "manifest.json"))
    ) {
      throw new HttpError(
        404,
        "snapshot.unknown",
        `no snapshot ${JSON.stringify(req.params.sid)} of ${rec.id}`,
      );
    }
    return { id: req.params.sid, manifest: manifestOf(rec.id, req.params.sid) };
  });

  app.get<{ Params: { id: string; sid: string; "*": string } }>(
    "/api/datasets/:id/snapshots/:sid/files/*",
    async (req, reply) => {
      await requireUser(tokens, req);
      const rec = await datasets.record(req.params.id);
      if (!SNAPSHOT_ID.test(req.params.sid)) throw new HttpError(404, "snapshot.unknown", req.params.sid);
      return sendFile(dirOf(rec.id, req.params.sid), req.params["*"], req, reply);
    },
  );
}
