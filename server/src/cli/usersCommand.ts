import { randomBytes } from "node:crypto";
import { addUser, parseRole, setRoleByName } from "../auth/Users";
import { DEFAULT_STORE_URL, openStore } from "../store/openStore";
import { checkKnownFlags, parseArgs, UsageError } from "./args";
import type { Command } from "./Command";

export const usersCommand: Command = {
  name: "users",
  summary: "add, list and change the roles of users",
  help: `danio users add NAME --role ROLE [--password P] [--store URL]
danio users list [--store URL]
danio users set-role NAME ROLE [--store URL]

Roles: admin, reviewer, annotator, viewer. Without --password (or DANIO_PASSWORD), a random password is
generated and printed once. --store defaults to ${DEFAULT_STORE_URL}.`,
  async run(argv) {
    const args = parseArgs(argv);
    checkKnownFlags(args, ["role", "password", "store"], "users");
    const storeFlag = args.flags.get("store");
    const [action, ...rest] = args.positional;
    if (action !== "add" && action !== "list" && action !== "set-role") {
      throw new UsageError(`expected add, list or set-role, got ${JSON.stringify(action ?? "")}`);
    }
    const store = await openStore(typeof storeFlag === "string" ? storeFlag : DEFAULT_STORE_URL);
    try {
      if (action === "list") {
        for (const u of await store.listUsers())
          console.log(`${u.name.padEnd(20)} ${u.role.padEnd(10)} ${u.colour}`);
        return 0;
      }
      const name = rest[0];
      if (!name) throw new UsageError(`${action}: expected a user NAME`);
      if (action === "set-role") {
        const role = rest[1];
        if (!role) throw new UsageError("set-role: expected NAME ROLE");
        const u = await setRoleByName(store, name, parseRole(role, "ROLE"));
        console.log(`${u.name} is now ${u.role}`);
        return 0;
      }
      const roleFlag = args.flags.get("role");
      if (typeof roleFlag !== "string")
        throw new UsageError("add: --role is required (admin, reviewer, annotator, viewer)");
      const pw = args.flags.get("password");
      const password =
        typeof pw === "string" ? pw : (process.env.DANIO_PASSWORD ?? randomBytes(9).toString("base64url"));
      const u = await addUser(store, name, parseRole(roleFlag, "--role"), password);
      console.log(
        `added ${u.name} (${u.role})${typeof pw === "string" || process.env.DANIO_PASSWORD ? "" : `, password: ${password}`}`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
