import type { FastifyInstance } from "fastify";
import type { LoginRateLimiter } from "../../auth/LoginRateLimiter";
import { verifyPassword } from "../../auth/password";
import type { TokenService } from "../../auth/TokenService";
import { addUser, parseRole, publicUser, setRoleByName } from "../../auth/Users";
import type { Store } from "../../store/Store";
import { HttpError } from "../HttpError";
import { requireUser } from "../requireUser";

export interface AuthRouteDeps {
  store: Store;
  tokens: TokenService;
  limiter: LoginRateLimiter;
  now?: () => number;
}

/** Login, the current user, and user administration (admins only). */
export function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const { store, tokens, limiter } = deps;
  const now = deps.now ?? Date.now;

  app.post<{ Body: { name: string; password: string } }>(
    "/api/login",
    {
      schema: {
        body: {
          type: "object",
          required: ["name", "password"],
          additionalProperties: false,
          properties: {
            name: { type: "string", maxLength: 64 },
            password: { type: "string", maxLength: 256 },
          },
        },
      },
    },
    async (req, reply) => {
      const key = `${req.body.name}@${req.ip}`;
      const wait = limiter.retryAfterMs(key, now());
      if (wait > 0) {
        reply.header("retry-after", Math.ceil(wait / 1000));
        throw new HttpError(
          429,
          "rate_limited",
          `too many failed logins for ${req.body.name}; try again in ${Math.ceil(wait / 1000)} s`,
        );
      }
      const user = await store.getUserByName(req.body.name);
      if (!user || !(await verifyPassword(req.body.password, user.passwordHash))) {
        limiter.recordFailure(key, now());
        throw new HttpError(401, "bad_credentials", "unknown user name or wrong password");
      }
      limiter.reset(key);
      const token = await tokens.issue({ userId: user.id, name: user.name, role: user.role });
      return { token, user: publicUser(user) };
    },
  );

  app.get("/api/me", async (req) => {
    const claims = await requireUser(tokens, req);
    const user = await store.getUser(claims.userId);
    if (!user)
      throw new HttpError(401, "unknown_user", "this session's user no longer exists: sign in again");
    return { user: publicUser(user) };
  });

  // Colleagues' names and colours for every signed-in user (no roles, no hashes): history and records show names.
  app.get("/api/users/directory", async (req) => {
    await requireUser(tokens, req);
    return { users: (await store.listUsers()).map((u) => ({ id: u.id, name: u.name, colour: u.colour })) };
  });

  app.get("/api/users", async (req) => {
    await requireUser(tokens, req, ["admin"]);
    return { users: (await store.listUsers()).map(publicUser) };
  });

  app.post<{ Body: { name: string; role: string; password: string } }>(
    "/api/users",
    {
      schema: {
        body: {
          type: "object",
          required: ["name", "role", "password"],
          additionalProperties: false,
          properties: {
            name: { type: "string", maxLength: 64 },
            role: { type: "string", enum: ["admin", "reviewer", "annotator", "viewer"] },
            password: { type: "string", minLength: 8, maxLength: 256 },
          },
        },
      },
    },
    async (req, reply) => {
      await requireUser(tokens, req, ["admin"]);
      const user = await addUser(store, req.body.name, parseRole(req.body.role), req.body.password);
      reply.code(201);
      return { user: publicUser(user) };
    },
  );

  app.patch<{ Params: { name: string }; Body: { role: string } }>(
    "/api/users/:name/role",
    {
      schema: {
        body: {
          type: "object",
          required: ["role"],
          additionalProperties: false,
          properties: { role: { type: "string", enum: ["admin", "reviewer", "annotator", "viewer"] } },
        },
      },
    },
    async (req) => {
      await requireUser(tokens, req, ["admin"]);
      return { user: publicUser(await setRoleByName(store, req.params.name, parseRole(req.body.role))) };
    },
  );
}
