/**
 * Typed access to `neurons` [Y4]. The write helpers check the same rules the server enforces [V7–V12]
 * before writing, stamp `updatedBy`/`updatedAt`, and throw WriteRefusedError (document unchanged) when
 * refused.
 */
import type * as Y from "yjs";
import { checkNeuronWrite, type Writer } from "./checkRecordWrite";
import { isValidId, parseNeuronRecord } from "./parseRecord";
import { type Anchor, datasetTypes, type NeuronRecord, type NeuronStatus, REVIEW_STATUSES } from "./schema";
import { WriteRefusedError } from "./WriteRefusedError";

/** The neuron record stored under `id`, or undefined when absent or malformed. */
export function readNeuron(doc: Y.Doc, id: string): NeuronRecord | undefined {
  const parsed = parseNeuronRecord(datasetTypes(doc).neurons.get(id));
  return parsed.ok ? parsed.value : undefined;
}

/** Every well-formed neuron record, keyed by neuron id. */
export function readNeurons(doc: Y.Doc): Map<string, NeuronRecord> {
  const out = new Map<string, NeuronRecord>();
  for (const [id, value] of datasetTypes(doc).neurons.entries()) {
    const parsed = parseNeuronRecord(value);
    if (parsed.ok) out.set(id, parsed.value);
  }
  return out;
}

export interface NeuronFields {
  status?: NeuronStatus;
  cellType?: string;
  notes?: string;
  anchor?: Anchor;
  flaggedForReview?: boolean;
}

function write(doc: Y.Doc, id: string, next: NeuronRecord, user: Writer): NeuronRecord {
  if (!isValidId(id))
    throw new WriteRefusedError(`neuron id ${JSON.stringify(id)}: expected 1–128 printable characters`);
  const before = readNeuron(doc, id);
  const reason = checkNeuronWrite(id, before, next, user);
  if (reason !== undefined) throw new WriteRefusedError(reason);
  datasetTypes(doc).neurons.set(id, next);
  return next;
}

function existing(doc: Y.Doc, id: string): NeuronRecord {
  const before = readNeuron(doc, id);
  if (before === undefined)
    throw new WriteRefusedError(`neurons[${JSON.stringify(id)}]: no such neuron record`);
  return before;
}

/**
 * Creates or updates neuron `id` with `fields`. A new record needs an anchor and starts as a draft with
 * empty cell type and notes.
 */
export function upsertNeuron(
  doc: Y.Doc,
  id: string,
  fields: NeuronFields,
  user: Writer,
  now: number = Date.now(),
): NeuronRecord {
  const before = readNeuron(doc, id);
  if (before === undefined && fields.anchor === undefined) {
    throw new WriteRefusedError(`neurons[${JSON.stringify(id)}]: a new neuron record needs an anchor`);
  }
  const base: NeuronRecord = before ?? {
    status: "draft",
    cellType: "",
    notes: "",
    reviewer: null,
    anchor: fields.anchor as Anchor,
    updatedBy: user.id,
    updatedAt: now,
  };
  return write(doc, id, { ...base, ...fields, updatedBy: user.id, updatedAt: now }, user);
}

/**
 * Sets the status of an existing neuron. Approving or rejecting records the writer as reviewer
 * (reviewers and admins only [V8]).
 */
export function setNeuronStatus(
  doc: Y.Doc,
  id: string,
  status: NeuronStatus,
  user: Writer,
  now: number = Date.now(),
): NeuronRecord {
  const before = existing(doc, id);
  const reviewer = REVIEW_STATUSES.includes(status) ? user.id : before.reviewer;
  return write(doc, id, { ...before, status, reviewer, updatedBy: user.id, updatedAt: now }, user);
}

/** Claims an existing neuron for the writer, shown to everyone [V10]. */
export function claimNeuron(doc: Y.Doc, id: string, user: Writer, now: number = Date.now()): NeuronRecord {
  const before = existing(doc, id);
  return write(doc, id, { ...before, claimedBy: user.id, updatedBy: user.id, updatedAt: now }, user);
}

/** Releases the claim on a neuron (its claimer, reviewers and admins [V10]). */
export function releaseNeuron(doc: Y.Doc, id: string, user: Writer, now: number = Date.now()): NeuronRecord {
  const { claimedBy: _released, ...rest } = existing(doc, id);
  return write(doc, id, { ...rest, updatedBy: user.id, updatedAt: now }, user);
}
