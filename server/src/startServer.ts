import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { LoginRateLimiter } from "./auth/LoginRateLimiter";
import { TokenService } from "./auth/TokenService";
import { DatasetRegistry } from "./datasets/DatasetRegistry";
import { snapshotRoutes } from "./export/snapshotRoutes";
import { createApp } from "./http/createApp";
import { adminRoutes } from "./http/routes/adminRoutes";
import { datasetRoutes } from "./http/routes/datasetRoutes";
import { operationRoutes } from "./http/routes/operationRoutes";
import type { Store } from "./store/Store";
import { StoreSyncPersistence } from "./store/StoreSyncPersistence";
import { createSyncServer, type SyncServer } from "./sync/createSyncServer";

export interface ServerOptions {
  store: Store;
  /** Directory of datasets (or one dataset) to register at start. */
  dataDir?: string;
  port?: number;
  host?: string;
  /** The built viewer to serve at `/` (apps/viewer/dist), if any. */
  viewerDir?: string;
  logger?: boolean;
  now?: () => number;
  /** Where materialization snapshots are kept (default .danio/snapshots). */
  snapshotsDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  sync: SyncServer;
  datasets: DatasetRegistry;
  tokens: TokenService;
  close(): Promise<void>;
}

/**
 * Wires the pieces: the store, signed tokens (the secret is kept in the store), the sync server on the
 * same HTTP server's upgrade, the dataset registry, and the HTTP routes; then listens.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { store } = options;
  const secret = await store.initSetting("token-secret", randomBytes(32).toString("hex"));
  const tokens = new TokenService(secret);
  let datasets: DatasetRegistry | undefined;
  const sync = createSyncServer({
    authenticate: async (token) => {
      try {
        const claims = await tokens.verify(token);
        const user = await store.getUser(claims.userId);
        return user && { id: user.id, name: user.name, role: user.role, colour: user.colour };
      } catch {
        return undefined;
      }
    },
    persistence: new StoreSyncPersistence(store),
    datasetExists: (id) => (datasets ? datasets.exists(id) : false),
  });
  datasets = new DatasetRegistry(store, sync);
  if (options.dataDir) await datasets.registerDir(options.dataDir);
  const registry = datasets;
  const app = createApp({
    store,
    tokens,
    limiter: new LoginRateLimiter(),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.viewerDir ? { viewerDir: options.viewerDir } : {}),
    routes: [
      (a) => datasetRoutes(a, { tokens, datasets: registry, getDoc: (id) => sync.getDoc(id) }),
      (a) => operationRoutes(a, { tokens, datasets: registry }),
      (a) => adminRoutes(a, { tokens, sync }),
      (a) =>
        snapshotRoutes(a, {
          tokens,
          datasets: registry,
          getDoc: (id) => sync.getDoc(id),
          snapshotsDir: resolve(options.snapshotsDir ?? ".danio/snapshots"),
        }),
    ],
  });
  app.server.on("upgrade", (req, socket, head) => sync.handleUpgrade(req, socket, head));
  await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const port = (app.server.address() as AddressInfo).port;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    app,
    sync,
    datasets: registry,
    tokens,
    async close() {
      await sync.close();
      await app.close();
    },
  };
}
