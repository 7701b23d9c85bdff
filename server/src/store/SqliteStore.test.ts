import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "./SqliteStore";
import { runStoreContract } from "./storeContract";

runStoreContract("SQLite", async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "danio-sqlite-")), "store.db"));
  await store.migrate();
  return store;
});

describe("SqliteStore", () => {
  it("runs in WAL mode with synchronous FULL, so acknowledged operations are durable", async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "danio-sqlite-")), "store.db"));
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(2);
    await store.close();
  });

  it("keeps data across reopening", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "danio-sqlite-")), "store.db");
    const a = new SqliteStore(path);
    await a.migrate();
    await a.registerDataset({ id: "d", name: "D", dir: "/d" });
    await a.appendOperation({ datasetId: "d", seq: 1, id: "op", body: "{}" });
    await a.close();
    const b = new SqliteStore(path);
    await b.migrate();
    expect(await b.lastSeq("d")).toBe(1);
    await b.close();
  });
});
