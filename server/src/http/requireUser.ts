import type { FastifyRequest } from "fastify";
import type { SessionClaims, TokenService } from "../auth/TokenService";
import type { Role } from "../store/Store";
import { HttpError } from "./HttpError";

/** The signed-in user of a request (Authorization: Bearer <token>), optionally required to hold a role. */
export async function requireUser(
  tokens: TokenService,
  req: FastifyRequest,
  roles?: readonly Role[],
): Promise<SessionClaims> {
  const header = req.headers.authorization;
  const token = header?.startsWith("Bearer ") ? header.slice(7) : undefined;
  const claims = await tokens.verify(token);
  if (roles && !roles.includes(claims.role)) {
    throw new HttpError(
      403,
      "forbidden",
      `${claims.name} is ${claims.role}; this needs ${roles.join(" or ")}`,
    );
  }
  return claims;
}
