import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatId } from "@danio/core";
import { addUser, SqliteStore, spawnServe } from "@danio/server";
import { decodeMembership } from "@danio/sync";
import { afterAll, describe, expect, it } from "vitest";
import { generateSmallDataset, mergeCandidate } from "./liveServer";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

/** Starts `danio serve` in its own process and resolves with its URL. */
async function serve(dataDir: string, storeUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const started = await spawnServe([
    "serve",
    "--data",
    dataDir,
    "--store",
    storeUrl,
    "--port",
    "0",
    "--no-viewer",
  ]);
  children.push(started.child);
  return started;
}

describe("durability", () => {
  it("kill -9 in the middle of a stream of operations loses no acknowledged operation; replay equals the state before", async () => {
    const dataDir = await generateSmallDataset(5);
    const dbPath = join(mkdtempSync(join(tmpdir(), "danio-kill-")), "s.db");
    const store = new SqliteStore(dbPath);
    await store.migrate();
    await addUser(store, "ana", "annotator", "ana-password");
    await store.close();

    const first = await serve(dataDir, `sqlite:${dbPath}`);
    const api = async (url: string, path: string, token?: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const login = async (url: string) =>
      (await (await api(url, "/api/login", undefined, { name: "ana", password: "ana-password" })).json())
        .token as string;
    const membership = async (url: string, token: string, at?: number) => {
      const r = await api(url, `/api/datasets/small/membership${at === undefined ? "" : `?at=${at}`}`, token);
      const m = decodeMembership(new Uint8Array(await r.arrayBuffer()));
      return Array.from(m.roots, formatId);
    };

    const token = await login(first.url);
    const m0 = await membership(first.url, token);
    const ids = decodeMembership(
      new Uint8Array(await (await api(first.url, "/api/datasets/small/membership", token)).arrayBuffer()),
    ).supervoxels;
    const rootOf = (sv: bigint) => BigInt(m0[ids.indexOf(sv)]!);
    const { a, b, posA, posB } = mergeCandidate(dataDir, rootOf);

    // A stream: merge, then undo/redo of it, each acknowledged before the next is sent.
    const acknowledged: string[] = [];
    const after: string[][] = [];
    const bodies = [
      {
        type: "merge",
        id: "op-0",
        points: [
          { supervoxel: formatId(a), position: posA },
          { supervoxel: formatId(b), position: posB },
        ],
      },
    ];
    for (let i = 1; i < 12; i++) bodies.push({ type: i % 2 === 1 ? "undo" : "redo", id: `op-${i}` } as never);
    for (const body of bodies) {
      const r = await api(first.url, "/api/datasets/small/operations", token, body);
      expect(r.status).toBe(201);
      acknowledged.push(body.id);
      after.push(await membership(first.url, token));
    }
    // One more in flight when the process is killed.
    const inflight = api(first.url, "/api/datasets/small/operations", token, {
      type: "undo",
      id: "op-inflight",
    }).catch(() => undefined);
    first.child.kill("SIGKILL");
    await inflight;
    await new Promise((r) => first.child.once("exit", r));

    const second = await serve(dataDir, `sqlite:${dbPath}`);
    const token2 = await login(second.url);
    const log = await (await api(second.url, "/api/datasets/small/operations?limit=1000", token2)).json();
    const loggedIds: string[] = log.operations.map((o: { id: string }) => o.id);
    expect(loggedIds.slice(0, acknowledged.length)).toEqual(acknowledged);
    expect(log.operations.map((o: { seq: number }) => o.seq)).toEqual(loggedIds.map((_, i) => i + 1));
    // The replayed state at each acknowledged sequence number equals what the first process served then.
    for (let k = 0; k < acknowledged.length; k++) {
      expect(await membership(second.url, token2, k + 1)).toEqual(after[k]);
    }
    second.child.kill("SIGKILL");
  }, 120_000);
});
