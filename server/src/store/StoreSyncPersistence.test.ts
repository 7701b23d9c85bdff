import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeSyncPersistenceContract } from "../sync/syncPersistenceContract";
import { SqliteStore } from "./SqliteStore";
import { StoreSyncPersistence } from "./StoreSyncPersistence";

describeSyncPersistenceContract("SQLite store", async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "danio-syncp-")), "s.db"));
  await store.migrate();
  return new StoreSyncPersistence(store);
});
