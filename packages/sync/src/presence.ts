/**
 * The awareness (presence) schema [A1]: `{user, cursor, selection, tool}`. Clients set cursor, selection
 * and tool; `user` is stamped by the server from the authenticated identity [A2] — a client either leaves
 * it out or repeats exactly what the server would stamp.
 */
import type { Awareness } from "y-protocols/awareness";
import { isPlainObject, isValidId, type Parsed, parseVec3 } from "./parseRecord";
import type { Vec3 } from "./schema";

export interface PresenceUser {
  id: string;
  name: string;
  colour: string;
}

export interface Cursor {
  position: Vec3;
}

/** A peer's presence as every client sees it (after the server stamped `user`). */
export interface Presence {
  user: PresenceUser;
  cursor: Cursor | null;
  /** Selected root ids (decimal strings). */
  selection: string[];
  tool: string;
}

/** What a client puts in its own awareness state: every field optional, `user` best left out. */
export interface ClientPresence {
  user?: PresenceUser;
  cursor?: Cursor | null;
  selection?: string[];
  tool?: string;
}

export const MAX_SELECTION = 1000;
export const MAX_TOOL_LENGTH = 64;
export const MAX_NAME_LENGTH = 200;

const FIELDS = ["user", "cursor", "selection", "tool"];

function parseUser(value: unknown): Parsed<PresenceUser> {
  if (!isPlainObject(value)) return { ok: false, reason: "user: expected {id, name, colour}" };
  const { id, name, colour } = value;
  if (
    Object.keys(value).some((k) => k !== "id" && k !== "name" && k !== "colour") ||
    !isValidId(id) ||
    typeof name !== "string" ||
    name.length > MAX_NAME_LENGTH ||
    typeof colour !== "string" ||
    colour.length > 64
  ) {
    return { ok: false, reason: "user: expected {id, name, colour} strings" };
  }
  return { ok: true, value: { id, name, colour } };
}

/** Parses a client's awareness state [A1]; unknown fields are refused. */
export function parseClientPresence(state: unknown): Parsed<ClientPresence> {
  if (!isPlainObject(state)) return { ok: false, reason: "presence: expected a JSON object" };
  const unknown = Object.keys(state).find((k) => !FIELDS.includes(k));
  if (unknown !== undefined)
    return { ok: false, reason: `presence: unknown field ${JSON.stringify(unknown)}` };
  const out: ClientPresence = {};
  if (state.user !== undefined) {
    const user = parseUser(state.user);
    if (!user.ok) return { ok: false, reason: `presence.${user.reason}` };
    out.user = user.value;
  }
  if (state.cursor !== undefined) {
    if (state.cursor === null) out.cursor = null;
    else {
      const cursor = state.cursor;
      if (!isPlainObject(cursor) || Object.keys(cursor).length !== 1) {
        return { ok: false, reason: "presence.cursor: expected {position: [x, y, z]} or null" };
      }
      const position = parseVec3(cursor.position, "presence.cursor.position");
      if (!position.ok) return position;
      out.cursor = { position: position.value };
    }
  }
  if (state.selection !== undefined) {
    const sel = state.selection;
    if (
      !Array.isArray(sel) ||
      sel.length > MAX_SELECTION ||
      !sel.every((s) => typeof s === "string" && isValidId(s))
    ) {
      return { ok: false, reason: `presence.selection: expected at most ${MAX_SELECTION} root ids` };
    }
    out.selection = sel as string[];
  }
  if (state.tool !== undefined) {
    if (typeof state.tool !== "string" || state.tool.length > MAX_TOOL_LENGTH) {
      return {
        ok: false,
        reason: `presence.tool: expected a string of at most ${MAX_TOOL_LENGTH} characters`,
      };
    }
    out.tool = state.tool;
  }
  return { ok: true, value: out };
}

/** The presences of the other clients that the server has stamped, keyed by awareness client id. */
export function readPeers(awareness: Awareness): Map<number, Presence> {
  const out = new Map<number, Presence>();
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const parsed = parseClientPresence(state);
    if (!parsed.ok || parsed.value.user === undefined) continue;
    const p = parsed.value;
    out.set(clientId, {
      user: p.user!,
      cursor: p.cursor ?? null,
      selection: p.selection ?? [],
      tool: p.tool ?? "",
    });
  }
  return out;
}
