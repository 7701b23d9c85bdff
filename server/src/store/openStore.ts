import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PgStore } from "./PgStore";
import { SqliteStore } from "./SqliteStore";
import type { Store } from "./Store";

/** The store used when no --store is given: an embedded SQLite file under .danio/ in the working directory. */
export const DEFAULT_STORE_URL = "sqlite:.danio/danio.db";

/** Opens and migrates a store from a URL: `sqlite:PATH` or `postgres://…` (optionally `?schema=NAME`). */
export async function openStore(url: string = DEFAULT_STORE_URL): Promise<Store> {
  let store: Store;
  if (url.startsWith("sqlite:")) {
    const path = resolve(url.slice("sqlite:".length));
    mkdirSync(dirname(path), { recursive: true });
    store = new SqliteStore(path);
  } else if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const u = new URL(url);
    const schema = u.searchParams.get("schema") ?? "danio";
    u.searchParams.delete("schema");
    store = new PgStore(u.toString(), schema);
  } else {
    throw new Error(`--store: expected sqlite:PATH or postgres://…, got ${JSON.stringify(url)}`);
  }
  await store.migrate();
  return store;
}
