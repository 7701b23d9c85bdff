import { randomUUID } from "node:crypto";
import { ROLES, type Role, type Store, StoreNotFoundError, type UserRecord } from "../store/Store";
import { hashPassword } from "./password";

/** A colour per user for cursors and selections, picked from the name so it is stable. */
export function colourForName(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  const hue = (h >>> 0) % 360;
  return hslToHex(hue, 0.7, 0.55);
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class UserInputError extends Error {
  override readonly name = "UserInputError";
}

export function parseRole(value: string, field = "role"): Role {
  if (!ROLES.includes(value as Role)) {
    throw new UserInputError(`${field}: expected one of ${ROLES.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as Role;
}

/** Creates a user with a scrypt-hashed password; the name must be 1–64 letters, digits, '.', '_' or '-'. */
export async function addUser(store: Store, name: string, role: Role, password: string): Promise<UserRecord> {
  if (!NAME.test(name)) {
    throw new UserInputError(
      `name: expected 1–64 letters, digits, '.', '_' or '-', got ${JSON.stringify(name)}`,
    );
  }
  return store.createUser({
    id: randomUUID(),
    name,
    role,
    colour: colourForName(name),
    passwordHash: await hashPassword(password),
  });
}

/** Changes the role of the user with that name. */
export async function setRoleByName(store: Store, name: string, role: Role): Promise<UserRecord> {
  const user = await store.getUserByName(name);
  if (!user) throw new StoreNotFoundError(`user ${JSON.stringify(name)} does not exist`);
  return store.setUserRole(user.id, role);
}

/** The public view of a user (no password hash). */
export function publicUser(u: UserRecord): { id: string; name: string; role: Role; colour: string } {
  return { id: u.id, name: u.name, role: u.role, colour: u.colour };
}
