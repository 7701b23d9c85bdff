/**
 * Screens an awareness update from one connection before the room applies it (SPEC rules A2–A5):
 * decodes every entry `(clientID, clock, state)`, refuses entries that forge an identity, drops stale
 * echoes of other clients' states, and stamps the server's identity onto every state it keeps. The result
 * is a re-encoded awareness update holding only the accepted entries.
 */
import { parseClientPresence, type PresenceUser } from "@danio/sync";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** At most this many entries in one awareness update. */
export const MAX_AWARENESS_ENTRIES = 10_000;

export interface AwarenessContext {
  /** The identity the server stamps onto this connection's state. */
  readonly identity: PresenceUser;
  /** The awareness client id this connection announced, if any. */
  readonly ownClient: number | undefined;
  /** Whether another connection (or the server) owns `clientId`. */
  readonly ownedByOther: (clientId: number) => boolean;
  /** The clock the room knows for `clientId`, if any. */
  readonly knownClock: (clientId: number) => number | undefined;
}

export type AwarenessScreen =
  | {
      ok: true;
      /** The accepted entries, stamped and re-encoded; undefined when nothing was accepted. */
      update: Uint8Array | undefined;
      /** The client id this update claims for the connection (its first non-null state). */
      claimed: number | undefined;
    }
  | { ok: false; malformed: boolean; reason: string };

interface Entry {
  clientId: number;
  clock: number;
  state: unknown;
}

function decode(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_AWARENESS_ENTRIES)
    throw new Error(`${count} entries, at most ${MAX_AWARENESS_ENTRIES} allowed`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error("trailing bytes after the last entry");
  return entries;
}

const sameUser = (a: PresenceUser, b: PresenceUser) =>
  a.id === b.id && a.name === b.name && a.colour === b.colour;

export function screenAwarenessUpdate(update: Uint8Array, ctx: AwarenessContext): AwarenessScreen {
  let entries: Entry[];
  try {
    entries = decode(update);
  } catch (e) {
    return { ok: false, malformed: true, reason: `malformed awareness update: ${(e as Error).message}` };
  }
  let claimed = ctx.ownClient;
  const kept: Entry[] = [];
  for (const entry of entries) {
    const known = ctx.knownClock(entry.clientId);
    const stale =
      known !== undefined && entry.clock <= known && !(entry.clock === known && entry.state === null);
    if (ctx.ownedByOther(entry.clientId) || (claimed !== undefined && entry.clientId !== claimed)) {
      // [A4] y-websocket clients echo the states they received; an echo is never newer than what we know.
      if (known !== undefined && entry.clock <= known) continue;
      return {
        ok: false,
        malformed: false,
        reason: `forged identity: awareness client ${entry.clientId} belongs to another connection`,
      };
    }
    if (stale) continue;
    if (entry.state === null) {
      kept.push(entry);
      continue;
    }
    const parsed = parseClientPresence(entry.state);
    if (!parsed.ok) return { ok: false, malformed: false, reason: `invalid presence: ${parsed.reason}` };
    const { user, ...rest } = parsed.value;
    if (user !== undefined && !sameUser(user, ctx.identity)) {
      return {
        ok: false,
        malformed: false,
        reason: `forged identity: presence claims user ${JSON.stringify(user.id)}`,
      };
    }
    claimed ??= entry.clientId;
    kept.push({ ...entry, state: { ...rest, user: { ...ctx.identity } } });
  }
  if (kept.length === 0) return { ok: true, update: undefined, claimed };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const e of kept) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return { ok: true, update: encoding.toUint8Array(encoder), claimed };
}
