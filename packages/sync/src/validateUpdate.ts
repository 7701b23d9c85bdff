/**
 * Validation of a client's document update (SPEC rules V1–V13). The technique: apply the update to a shadow
 * copy of the document inside one transaction, then read what the transaction reports — the state vector
 * before and after (which Yjs clients wrote new structs), its delete set, `doc.share` (which top-level types
 * now exist) and `transaction.changed` (every shared type that gained or lost an item, with the map keys
 * touched). Each touched key's new value is read from the shadow and its old value from the unchanged
 * document, and the pair is judged by the rules. The real document is never touched here.
 */
import { equalityDeep } from "lib0/function";
import * as Y from "yjs";
import { checkAnnotationWrite, checkNeuronWrite, type Writer } from "./checkRecordWrite";
import { isValidId, parseAnnotation, parseNeuronRecord } from "./parseRecord";
import { datasetTypes, TOP_LEVEL_NAMES, type TopLevel, TopLevel as TopLevels } from "./schema";

/** `malformed` tells an undecodable update (close 4400) from one the rules refuse (close 4403). */
export type Verdict = { ok: true } | { ok: false; reason: string; malformed: boolean };

export interface ValidateOptions {
  /**
   * Yjs client ids already attributed to a user id (the server's own client id included). New structs
   * under a client id attributed to someone else are refused [V6].
   */
  readonly clientOwners?: ReadonlyMap<number, string>;
}

/** What a judged update did, besides the verdict: the Yjs client ids under which it wrote new structs. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly writtenClients: readonly number[];
}

type Transaction = Y.Transaction;

const JUDGE_ORIGIN = Symbol("validateUpdate");

/**
 * Whether `user` may apply `update` to `docBefore`. Pure: `docBefore` keeps its content (a shadow copy
 * is made for the trial), so this costs a copy of the document per call; the server keeps a long-lived
 * shadow instead (UpdateGate).
 */
export function validateUpdate(
  docBefore: Y.Doc,
  update: Uint8Array,
  user: Writer,
  options: ValidateOptions = {},
): Verdict {
  const shadow = cloneDoc(docBefore);
  try {
    return judgeUpdate(docBefore, shadow, update, user, options).verdict;
  } finally {
    shadow.destroy();
  }
}

/** A new document with the content of `doc` and the typed top-level types of the schema. */
export function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc });
  datasetTypes(copy);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const refuse = (reason: string, writtenClients: readonly number[] = [], malformed = false): Judgement => ({
  verdict: { ok: false, reason, malformed },
  writtenClients,
});

/**
 * Applies `update` to `shadow` (which must equal `before`) and judges the result. After a refusal the
 * shadow holds the refused content and must be rebuilt from `before`; after acceptance it equals
 * `before` + `update`.
 */
export function judgeUpdate(
  before: Y.Doc,
  shadow: Y.Doc,
  update: Uint8Array,
  user: Writer,
  options: ValidateOptions = {},
): Judgement {
  let transaction: Y.Transaction | undefined;
  try {
    shadow.transact((tr) => {
      transaction = tr;
      Y.applyUpdate(shadow, update);
    }, JUDGE_ORIGIN);
  } catch (e) {
    return refuse(`malformed update: ${e instanceof Error ? e.message : String(e)}`, [], true);
  }
  if (transaction === undefined) return refuse("malformed update: no transaction ran", [], true);
  const tr = transaction;
  if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) {
    return refuse("update depends on document state the server does not have (sync first)");
  }
  const writtenClients: number[] = [];
  for (const [client, clock] of tr.afterState) {
    if (clock > (tr.beforeState.get(client) ?? 0)) writtenClients.push(client);
  }
  const wrote = writtenClients.length > 0 || tr.deleteSet.clients.size > 0;
  if (!wrote) return { verdict: { ok: true }, writtenClients };
  if (user.role === "viewer") return refuse("viewers write nothing", writtenClients);
  for (const client of writtenClients) {
    const owner = options.clientOwners?.get(client);
    if (owner !== undefined && owner !== user.id) {
      return refuse(`Yjs client ${client} writes for another user; use your own client id`, writtenClients);
    }
  }
  for (const name of shadow.share.keys()) {
    if (!(TOP_LEVEL_NAMES as readonly string[]).includes(name)) {
      return refuse(`unknown top-level type ${JSON.stringify(name)}`, writtenClients);
    }
  }
  for (const [type, keys] of tr.changed) {
    const reason = judgeChangedType(before, shadow, type, keys, user);
    if (reason !== undefined) return refuse(reason, writtenClients);
  }
  return { verdict: { ok: true }, writtenClients };
}

function rootName(doc: Y.Doc, type: unknown): string | undefined {
  for (const [name, t] of doc.share) if (t === type) return name;
  return undefined;
}

function judgeChangedType(
  before: Y.Doc,
  shadow: Y.Doc,
  type: Transaction["changed"] extends Map<infer T, unknown> ? T : never,
  keys: Set<string | null>,
  user: Writer,
): string | undefined {
  if (type._item !== null) return "nested shared types are not part of the schema; values are JSON records";
  const name = rootName(shadow, type);
  if (name === TopLevels.ops) return "ops is written by the server only";
  if (name !== TopLevels.neurons && name !== TopLevels.annotations) {
    return `unknown top-level type ${JSON.stringify(name)}`;
  }
  const after = type as unknown as Y.Map<unknown>;
  const prior = before.getMap<unknown>(name satisfies TopLevel);
  for (const key of keys) {
    if (key === null) return `${name} is a map keyed by id; list content is not allowed`;
    if (!isValidId(key as unknown))
      return `${name}: key ${JSON.stringify(key.slice(0, 40))} is not a valid id`;
    const oldValue = prior.get(key);
    const newValue = after.get(key);
    if (equalityDeep(oldValue, newValue)) continue;
    const reason =
      name === TopLevels.neurons
        ? checkNeuronWrite(key, parsedOrUndefined(parseNeuronRecord(oldValue)), newValue, user)
        : checkAnnotationWrite(key, parsedOrUndefined(parseAnnotation(oldValue)), newValue, user);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function parsedOrUndefined<T>(parsed: { ok: true; value: T } | { ok: false }): T | undefined {
  return parsed.ok ? parsed.value : undefined;
}
