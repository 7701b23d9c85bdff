import { createServer } from "node:http";
import { serveStaticFile } from "../http/staticFiles";
import { checkKnownFlags, intFlag, parseArgs } from "./args";
import type { Command } from "./Command";
import { ensureViewerBuilt } from "./ensureViewerBuilt";
import { VIEWER_DIST } from "./repoPaths";

export const demoCommand: Command = {
  name: "demo",
  summary: "serve the viewer on localhost",
  help: `danio demo [--port N] [--host H]

Builds the viewer if needed and serves it on http://H:N/ (default 127.0.0.1:5180).
  --port N   port to listen on, 0 picks a free one (default 5180)
  --host H   address to bind (default 127.0.0.1)`,
  async run(argv) {
    const args = parseArgs(argv);
    checkKnownFlags(args, ["port", "host"], "demo");
    const port = intFlag(args, "port", 5180, 0, 65535);
    const hostFlag = args.flags.get("host");
    const host = typeof hostFlag === "string" ? hostFlag : "127.0.0.1";
    ensureViewerBuilt((line) => console.log(line));
    const server = createServer((req, res) => {
      if (!serveStaticFile(VIEWER_DIST, req, res)) {
        res.writeHead(404, { "content-type": "text/plain" }).end(`not found: ${req.url}`);
      }
    });
    await new Promise<void>((ok, fail) => {
      server.once("error", fail);
      server.listen(port, host, ok);
    });
    const address = server.address();
    const actual = typeof address === "object" && address ? address.port : port;
    console.log(`Danio viewer: http://${host}:${actual}/  (Ctrl-C to stop)`);
    await new Promise<void>((done) => {
      const stop = () => server.close(() => done());
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};
