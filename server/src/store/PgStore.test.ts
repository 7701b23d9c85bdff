import { afterAll, describe, expect, it } from "vitest";
import { PgStore } from "./PgStore";
import { runStoreContract } from "./storeContract";

const URL = process.env.DANIO_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const stores: PgStore[] = [];

async function pgReachable(): Promise<boolean> {
  const probe = new PgStore(URL, "danio_probe");
  try {
    await probe.pool.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await probe.close();
  }
}

const reachable = await pgReachable();
// PostgreSQL runs on this machine and in CI; on a laptop without it the suite says why it skipped.
if (!reachable && process.env.CI === "true")
  throw new Error(`PostgreSQL is not reachable at ${URL} (CI=true)`);

let n = 0;
describe.skipIf(!reachable)(`PostgreSQL at ${URL}`, () => {
  runStoreContract("PostgreSQL", async () => {
    const schema = `danio_t${process.pid}_${Date.now() % 1e6}_${n++}`;
    const store = new PgStore(URL, schema);
    await store.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await store.migrate();
    stores.push(store);
    return store;
  });

  it("[ST8] serializes concurrent appends on one dataset: exactly one of two writers of seq 1 wins", async () => {
    const schema = `danio_t${process.pid}_race`;
    const a = new PgStore(URL, schema);
    await a.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await a.migrate();
    const b = new PgStore(URL, schema);
    stores.push(a, b);
    await a.registerDataset({ id: "d", name: "D", dir: "/d" });
    const results = await Promise.allSettled([
      a.appendOperation({ datasetId: "d", seq: 1, id: "x", body: "{}" }),
      b.appendOperation({ datasetId: "d", seq: 1, id: "y", body: "{}" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
    expect(await a.lastSeq("d")).toBe(1);
  });
});

afterAll(async () => {
  for (const s of stores) {
    const schema = (s as unknown as { schema: string }).schema;
    await s.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await s.close().catch(() => undefined);
  }
});
