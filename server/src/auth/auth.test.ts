import { describe, expect, it } from "vitest";
import { LoginRateLimiter } from "./LoginRateLimiter";
import { hashPassword, verifyPassword } from "./password";
import { TokenError, TokenService } from "./TokenService";

const SECRET = "0123456789abcdef0123456789abcdef";

describe("auth", () => {
  it("[AU1] hashes passwords with scrypt and verifies them; a wrong password or malformed hash fails", async () => {
    const h = await hashPassword("correct horse");
    expect(h.startsWith("scrypt$16384$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("correct hose", h)).toBe(false);
    expect(await verifyPassword("correct horse", "md5$abc")).toBe(false);
    expect(h).not.toBe(await hashPassword("correct horse"));
    await expect(hashPassword("short")).rejects.toThrow(/at least 8/);
  });

  it("[AU2] issues signed tokens and refuses tampered, foreign, expired and missing ones", async () => {
    const tokens = new TokenService(SECRET);
    const t = await tokens.issue({ userId: "u1", name: "ana", role: "reviewer" });
    expect(await tokens.verify(t)).toEqual({ userId: "u1", name: "ana", role: "reviewer" });
    const [h, p, s] = t.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: "u1", name: "ana", role: "admin", iss: "danio" })).toString("base64url")}.${s}`;
    await expect(tokens.verify(forged)).rejects.toThrow(TokenError);
    expect(p).toBeDefined();
    await expect(new TokenService(`${SECRET}x`).verify(t)).rejects.toThrow(/not valid/);
    const expired = await tokens.issue({ userId: "u1", name: "ana", role: "viewer" }, -10);
    await expect(tokens.verify(expired)).rejects.toThrow(/expired/);
    await expect(tokens.verify(undefined)).rejects.toThrow(/sign in first/);
  });

  it("[AU3] rate-limits failed logins per key within a sliding window", () => {
    const rl = new LoginRateLimiter(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(rl.retryAfterMs("ana@1.2.3.4", i)).toBe(0);
      rl.recordFailure("ana@1.2.3.4", i);
    }
    expect(rl.retryAfterMs("ana@1.2.3.4", 10)).toBe(990);
    expect(rl.retryAfterMs("bob@1.2.3.4", 10)).toBe(0);
    expect(rl.retryAfterMs("ana@1.2.3.4", 1001)).toBe(0);
    rl.recordFailure("x", 0);
    rl.reset("x");
    expect(rl.retryAfterMs("x", 1)).toBe(0);
  });
});
