import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { GENERATE_DEFAULTS, generateDataset, MANIFEST_FILE } from "@danio/dataset";
import { addUser } from "../auth/Users";
import { startServer } from "../startServer";
import { openStore } from "../store/openStore";
import type { Role } from "../store/Store";
import { checkKnownFlags, intFlag, parseArgs } from "./args";
import type { Command } from "./Command";
import { ensureViewerBuilt } from "./ensureViewerBuilt";
import { progressBar } from "./progressBar";
import { VIEWER_DIST } from "./repoPaths";
import { waitForSignal } from "./waitForSignal";

/** The demo's users: one per role, two proofreaders so that collaboration can be seen. */
export const DEMO_USERS: readonly { name: string; role: Role }[] = [
  { name: "lead", role: "admin" },
  { name: "rita", role: "reviewer" },
  { name: "ana", role: "annotator" },
  { name: "ben", role: "annotator" },
  { name: "vic", role: "viewer" },
];

export const demoCommand: Command = {
  name: "demo",
  summary: "generate the demo dataset if absent and serve it with the viewer on localhost",
  help: `danio demo [--port N] [--host H] [--dir DIR]

Generates the synthetic demo brain into DIR/demo (default .danio/demo) when it is absent, opens the embedded
SQLite store DIR/danio.db, creates the demo users (${DEMO_USERS.map((u) => `${u.name}: ${u.role}`).join(", ")}),
serves everything on http://H:N/ (default 127.0.0.1:5180) and prints a ready login link for each user.
Demo passwords are the user name followed by "-demo" (for example ana-demo).`,
  async run(argv) {
    const args = parseArgs(argv);
    checkKnownFlags(args, ["port", "host", "dir"], "demo");
    const port = intFlag(args, "port", 5180, 0, 65535);
    const hostFlag = args.flags.get("host");
    const host = typeof hostFlag === "string" ? hostFlag : "127.0.0.1";
    const dirFlag = args.flags.get("dir");
    const dir = resolve(typeof dirFlag === "string" ? dirFlag : ".danio");
    const dataDir = join(dir, "demo");
    ensureViewerBuilt((line) => console.log(line));
    if (!existsSync(join(dataDir, MANIFEST_FILE))) {
      console.log(`generating the demo dataset into ${dataDir} (seed ${GENERATE_DEFAULTS.seed})…`);
      const bar = progressBar();
      await generateDataset({ out: dataDir, overwrite: true, name: "demo" }, (p) =>
        bar.update(p.fraction, p.message),
      );
      bar.done();
    }
    const store = await openStore(`sqlite:${join(dir, "danio.db")}`);
    for (const u of DEMO_USERS) {
      if (!(await store.getUserByName(u.name))) await addUser(store, u.name, u.role, `${u.name}-demo`);
    }
    const server = await startServer({
      store,
      dataDir,
      port,
      host,
      viewerDir: VIEWER_DIST,
      snapshotsDir: join(dir, "snapshots"),
    });
    console.log(`Danio demo: ${server.url}/`);
    for (const u of DEMO_USERS) {
      const user = await store.getUserByName(u.name);
      if (!user) continue;
      const token = await server.tokens.issue({ userId: user.id, name: user.name, role: user.role });
      console.log(`  ${u.name.padEnd(5)} (${u.role.padEnd(9)}) ${server.url}/?token=${token}`);
    }
    console.log("Ctrl-C to stop.");
    await waitForSignal();
    await server.close();
    await store.close();
    return 0;
  },
};
