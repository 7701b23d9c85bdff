import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginRateLimiter } from "../auth/LoginRateLimiter";
import { TokenService } from "../auth/TokenService";
import { addUser } from "../auth/Users";
import { SqliteStore } from "../store/SqliteStore";
import { createApp } from "./createApp";

let app: FastifyInstance;
let clock = 0;
const tokens = new TokenService("test-secret-test-secret-test-secret");

beforeAll(async () => {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), "danio-app-")), "s.db"));
  await store.migrate();
  await addUser(store, "admin", "admin", "admin-password");
  await addUser(store, "ana", "annotator", "ana-password");
  app = createApp({ store, tokens, limiter: new LoginRateLimiter(3, 60_000), now: () => clock });
  await app.ready();
});
afterAll(() => app.close());

async function login(name: string, password: string) {
  return app.inject({ method: "POST", url: "/api/login", payload: { name, password } });
}

describe("HTTP auth routes", () => {
  it("[H1] logs in with a password and returns a token that identifies the user", async () => {
    const r = await login("ana", "ana-password");
    expect(r.statusCode).toBe(200);
    const { token, user } = r.json();
    expect(user).toMatchObject({ name: "ana", role: "annotator" });
    const me = await app.inject({ url: "/api/me", headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user.name).toBe("ana");
  });

  it("[H2] refuses a wrong password, then rate-limits further attempts with Retry-After", async () => {
    for (let i = 0; i < 3; i++) expect((await login("admin", "wrong-password")).statusCode).toBe(401);
    const limited = await login("admin", "admin-password");
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["retry-after"]).toBe("60");
    clock += 61_000;
    expect((await login("admin", "admin-password")).statusCode).toBe(200);
  });

  it("[H3] validates bodies against their schema and names the problem", async () => {
    const r = await app.inject({ method: "POST", url: "/api/login", payload: { name: "ana" } });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/password/);
    const extra = await app.inject({
      method: "POST",
      url: "/api/login",
      payload: { name: "a", password: "b", x: 1 },
    });
    expect(extra.statusCode).toBe(400);
  });

  it("[H4] lets only admins manage users; a bad or missing token is 401", async () => {
    const ana = (await login("ana", "ana-password")).json().token;
    const admin = (await login("admin", "admin-password")).json().token;
    const asAna = await app.inject({ url: "/api/users", headers: { authorization: `Bearer ${ana}` } });
    expect(asAna.statusCode).toBe(403);
    expect(asAna.json().error.message).toMatch(/ana is annotator; this needs admin/);
    expect((await app.inject({ url: "/api/users" })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: "/api/users", headers: { authorization: "Bearer x.y.z" } })).statusCode,
    ).toBe(401);
    const created = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { authorization: `Bearer ${admin}` },
      payload: { name: "rev", role: "reviewer", password: "rev-password" },
    });
    expect(created.statusCode).toBe(201);
    const dup = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { authorization: `Bearer ${admin}` },
      payload: { name: "rev", role: "reviewer", password: "rev-password" },
    });
    expect(dup.statusCode).toBe(409);
    const promoted = await app.inject({
      method: "PATCH",
      url: "/api/users/ana/role",
      headers: { authorization: `Bearer ${admin}` },
      payload: { role: "reviewer" },
    });
    expect(promoted.json().user.role).toBe("reviewer");
  });

  it("[H5] answers unknown routes and oversized bodies with JSON errors", async () => {
    const r = await app.inject({ url: "/api/nope" });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.message).toBe("no route GET /api/nope");
    const big = await app.inject({
      method: "POST",
      url: "/api/login",
      payload: { name: "a", password: "x".repeat(2 * 1024 * 1024) },
    });
    expect(big.statusCode).toBe(413);
  });
});
