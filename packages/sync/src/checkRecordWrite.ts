/**
 * The role rules for one changed record (SPEC rules V7–V13). Shared by the server's validation of client
 * updates and by the client's write helpers, which check before writing so that the user hears "no" at
 * once instead of through a refused connection. Each function returns undefined when the change is
 * allowed, or the reason it is refused, naming the record.
 */
import { parseAnnotation, parseNeuronRecord } from "./parseRecord";
import {
  type Annotation,
  type NeuronRecord,
  type NeuronStatus,
  REVIEW_STATUSES,
  type Role,
  TopLevel,
} from "./schema";

/** Who writes: the authenticated user id and role. */
export interface Writer {
  readonly id: string;
  readonly role: Role;
}

const isReviewer = (role: Role) => role === "reviewer" || role === "admin";
const isReviewStatus = (s: NeuronStatus) => REVIEW_STATUSES.includes(s);
const label = (type: string, key: string) => `${type}[${JSON.stringify(key)}]`;

/**
 * May `user` change neuron `neuronId` from `before` (absent: new record) to `after` (undefined: deleted)?
 * `after` is the raw stored value and is parsed here [Y4].
 */
export function checkNeuronWrite(
  neuronId: string,
  before: NeuronRecord | undefined,
  after: unknown,
  user: Writer,
): string | undefined {
  const where = label(TopLevel.neurons, neuronId);
  if (user.role === "viewer") return `${where}: viewers write nothing`;
  if (after === undefined) {
    if (before === undefined) return undefined;
    return user.role === "admin"
      ? undefined
      : `${where}: only admins delete a neuron record, not ${user.role}s`;
  }
  const parsed = parseNeuronRecord(after, where);
  if (!parsed.ok) return parsed.reason;
  const next = parsed.value;
  if (next.updatedBy !== user.id) {
    return `${where}.updatedBy: must be the writer ${JSON.stringify(user.id)}, got ${JSON.stringify(next.updatedBy)}`;
  }
  const statusChanged = before === undefined || before.status !== next.status;
  if (statusChanged && !isReviewer(user.role)) {
    if (isReviewStatus(next.status)) {
      return `${where}: ${user.role}s may not set status "${next.status}" (reviewers and admins only)`;
    }
    if (before !== undefined && isReviewStatus(before.status)) {
      return `${where}: ${user.role}s may not change the status of a "${before.status}" neuron (reviewers and admins only)`;
    }
  }
  if ((before?.reviewer ?? null) !== next.reviewer) {
    if (!isReviewer(user.role))
      return `${where}.reviewer: set by reviewers and admins only, not ${user.role}s`;
    if (next.reviewer !== null && next.reviewer !== user.id) {
      return `${where}.reviewer: must be the writer ${JSON.stringify(user.id)} or null`;
    }
  }
  if (before?.claimedBy !== next.claimedBy) {
    if (next.claimedBy !== undefined && next.claimedBy !== user.id) {
      return `${where}.claimedBy: a user claims a neuron only for themselves`;
    }
    if (before?.claimedBy !== undefined && before.claimedBy !== user.id && !isReviewer(user.role)) {
      return `${where}.claimedBy: claimed by ${JSON.stringify(before.claimedBy)}; only they, reviewers and admins release it`;
    }
  }
  if (before?.flaggedForReview === true && next.flaggedForReview !== true && !isReviewer(user.role)) {
    return `${where}.flaggedForReview: cleared by reviewers and admins only`;
  }
  return undefined;
}

/** May `user` change annotation `annotationId` from `before` to `after` (undefined: deleted)? */
export function checkAnnotationWrite(
  annotationId: string,
  before: Annotation | undefined,
  after: unknown,
  user: Writer,
): string | undefined {
  const where = label(TopLevel.annotations, annotationId);
  if (user.role === "viewer") return `${where}: viewers write nothing`;
  if (after === undefined) {
    if (before === undefined || before.author === user.id || isReviewer(user.role)) return undefined;
    return `${where}: written by ${JSON.stringify(before.author)}; only they, reviewers and admins delete it`;
  }
  const parsed = parseAnnotation(after, where);
  if (!parsed.ok) return parsed.reason;
  const next = parsed.value;
  if (next.author !== user.id) {
    return `${where}.author: must be the writer ${JSON.stringify(user.id)}, got ${JSON.stringify(next.author)}`;
  }
  if (before !== undefined && before.author !== user.id) {
    return `${where}: written by ${JSON.stringify(before.author)}; only its author changes it`;
  }
  if (before !== undefined && before.createdAt !== next.createdAt) {
    return `${where}.createdAt: fixed when the annotation is created`;
  }
  return undefined;
}
