import { startServer } from "../startServer";
import { DEFAULT_STORE_URL, openStore } from "../store/openStore";
import { checkKnownFlags, intFlag, parseArgs, UsageError } from "./args";
import type { Command } from "./Command";
import { ensureViewerBuilt } from "./ensureViewerBuilt";
import { VIEWER_DIST } from "./repoPaths";
import { waitForSignal } from "./waitForSignal";

export const serveCommand: Command = {
  name: "serve",
  summary: "run the server: HTTP API, live sync and the viewer",
  help: `danio serve --data DIR [--store URL] [--port N] [--host H] [--no-viewer]

Serves the datasets in DIR (DIR itself if it holds a danio.json, else each sub-directory that does).
  --data DIR     datasets to serve (required)
  --store URL    sqlite:PATH or postgres://… (default ${DEFAULT_STORE_URL})
  --port N       port, 0 picks a free one (default 5180)
  --host H       address to bind (default 127.0.0.1)
  --snapshots D  where materialization snapshots are kept (default .danio/snapshots)
  --no-viewer    do not build or serve the viewer`,
  async run(argv) {
    const args = parseArgs(argv, ["no-viewer"]);
    checkKnownFlags(args, ["data", "store", "port", "host", "snapshots", "no-viewer"], "serve");
    const data = args.flags.get("data");
    if (typeof data !== "string") throw new UsageError("--data DIR is required");
    const storeUrl = args.flags.get("store");
    const host = args.flags.get("host");
    const withViewer = !args.flags.has("no-viewer");
    if (withViewer) ensureViewerBuilt((line) => console.log(line));
    const store = await openStore(typeof storeUrl === "string" ? storeUrl : DEFAULT_STORE_URL);
    const server = await startServer({
      store,
      dataDir: data,
      port: intFlag(args, "port", 5180, 0, 65535),
      host: typeof host === "string" ? host : "127.0.0.1",
      ...(withViewer ? { viewerDir: VIEWER_DIST } : {}),
      ...(typeof args.flags.get("snapshots") === "string"
        ? { snapshotsDir: args.flags.get("snapshots") as string }
        : {}),
    });
    const list = await server.datasets.list();
    console.log(`Danio server: ${server.url}/  (datasets: ${list.map((d) => d.id).join(", ") || "none"})`);
    await waitForSignal();
    await server.close();
    await store.close();
    return 0;
  },
};
