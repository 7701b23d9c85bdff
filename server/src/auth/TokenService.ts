import { errors, jwtVerify, SignJWT } from "jose";
import { ROLES, type Role } from "../store/Store";

export interface SessionClaims {
  userId: string;
  name: string;
  role: Role;
}

/** A token that is missing, malformed, badly signed or expired; the message says which. */
export class TokenError extends Error {
  override readonly name = "TokenError";
}

/** Signed session tokens (HS256 JWTs) for HTTP and WebSocket. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds = 12 * 3600,
  ) {
    if (secret.length < 32) throw new Error("token secret: expected at least 32 characters");
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: SessionClaims, ttlSeconds = this.ttlSeconds): Promise<string> {
    return new SignJWT({ name: claims.name, role: claims.role })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setIssuer("danio")
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string | undefined): Promise<SessionClaims> {
    if (!token) throw new TokenError("no session token: sign in first");
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: "danio", algorithms: ["HS256"] });
      const role = payload.role;
      if (
        typeof payload.sub !== "string" ||
        typeof payload.name !== "string" ||
        !ROLES.includes(role as Role)
      ) {
        throw new TokenError("session token: missing subject, name or role");
      }
      return { userId: payload.sub, name: payload.name, role: role as Role };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof errors.JWTExpired) throw new TokenError("session token expired: sign in again");
      throw new TokenError("session token is not valid: sign in again");
    }
  }
}
