import { EditNotAllowedError, InvalidRequestError, SegmentClaimedError, SegmentLockedError } from "./errors";

/**
 * Who may edit which segment when (SPEC.md L*), as pure functions over plain lists. The server keeps the
 * lists; these functions only decide, and the acquire/claim functions return new lists.
 */

export type Role = "viewer" | "annotator" | "reviewer" | "admin";

/** An operation holds the segments it edits for its duration (L2). */
export interface SegmentLock {
  readonly root: bigint;
  readonly operationId: string;
  readonly user: string;
  /** Milliseconds since the epoch after which the lock is void (a crashed server frees it). */
  readonly expiresAt: number;
}

/**
 * A proofreader's claim on a neuron (L3), bound to an anchor supervoxel so that it follows the neuron
 * through edits: it covers whichever segment holds the anchor at the time asked (L6).
 */
export interface SegmentClaim {
  readonly anchor: bigint;
  readonly user: string;
  readonly claimedAt: number;
  readonly expiresAt: number;
}

/** What an edit check needs to know; `rootOf` resolves claim anchors to today's segments. */
export interface EditAccess {
  readonly user: string;
  readonly role: Role;
  readonly now: number;
  readonly locks: readonly SegmentLock[];
  readonly claims: readonly SegmentClaim[];
  readonly rootOf: (supervoxel: bigint) => bigint;
}

const EDITORS: ReadonlySet<Role> = new Set(["annotator", "reviewer", "admin"]);

/**
 * The refusal an edit of `roots` by `access.user` would meet, or null when it may go ahead (L1–L4).
 * `operationId` is the edit's own id: its own locks do not block it.
 */
export function editRefusal(
  access: EditAccess,
  roots: readonly bigint[],
  operationId?: string,
): EditNotAllowedError | SegmentLockedError | SegmentClaimedError | null {
  if (!EDITORS.has(access.role)) return new EditNotAllowedError(access.user, access.role);
  for (const lock of access.locks) {
    if (lock.expiresAt <= access.now || lock.operationId === operationId) continue;
    if (roots.includes(lock.root)) return new SegmentLockedError(lock.root, lock.user, lock.operationId);
  }
  if (access.role === "admin") return null;
  for (const claim of access.claims) {
    if (claim.expiresAt <= access.now || claim.user === access.user) continue;
    const root = access.rootOf(claim.anchor);
    if (roots.includes(root)) return new SegmentClaimedError(root, claim.user, claim.expiresAt);
  }
  return null;
}

/** Throws the refusal of `editRefusal`, if any. */
export function assertCanEdit(access: EditAccess, roots: readonly bigint[], operationId?: string): void {
  const refusal = editRefusal(access, roots, operationId);
  if (refusal !== null) throw refusal;
}

/**
 * Locks `roots` for operation `operationId` until `now + ttl` (L2, L7): all or nothing. Expired locks are
 * dropped from the returned list; a live lock of another operation on one of the roots refuses.
 */
export function acquireLocks(
  locks: readonly SegmentLock[],
  request: { roots: readonly bigint[]; operationId: string; user: string; now: number; ttl: number },
): SegmentLock[] {
  checkDuration("ttl", request.ttl);
  const live = locks.filter((l) => l.expiresAt > request.now);
  for (const lock of live) {
    if (lock.operationId !== request.operationId && request.roots.includes(lock.root)) {
      throw new SegmentLockedError(lock.root, lock.user, lock.operationId);
    }
  }
  const expiresAt = request.now + request.ttl;
  const kept = live.filter((l) => !(l.operationId === request.operationId && request.roots.includes(l.root)));
  return [
    ...kept,
    ...request.roots.map((root) => ({
      root,
      operationId: request.operationId,
      user: request.user,
      expiresAt,
    })),
  ];
}

/** Drops the locks of an operation (and expired ones). */
export function releaseLocks(locks: readonly SegmentLock[], operationId: string, now: number): SegmentLock[] {
  return locks.filter((l) => l.operationId !== operationId && l.expiresAt > now);
}

/**
 * Claims the segment holding `anchor` for `user` until `now + ttl` (L5). Refused with SegmentClaimedError
 * when another user holds a live claim on that segment; the same user's claim on it is renewed. Expired
 * claims are dropped from the returned list.
 */
export function claimSegment(
  claims: readonly SegmentClaim[],
  request: { anchor: bigint; user: string; now: number; ttl: number },
  rootOf: (supervoxel: bigint) => bigint,
): SegmentClaim[] {
  checkDuration("ttl", request.ttl);
  const root = rootOf(request.anchor);
  const live = claims.filter((c) => c.expiresAt > request.now);
  const mine: SegmentClaim[] = [];
  for (const c of live) {
    if (rootOf(c.anchor) !== root) continue;
    if (c.user !== request.user) throw new SegmentClaimedError(root, c.user, c.expiresAt);
    mine.push(c);
  }
  const claimedAt = mine.length > 0 ? Math.min(...mine.map((c) => c.claimedAt)) : request.now;
  return [
    ...live.filter((c) => !mine.includes(c)),
    { anchor: request.anchor, user: request.user, claimedAt, expiresAt: request.now + request.ttl },
  ];
}

/** Drops `user`'s claims on the segment holding `anchor` (and expired claims). */
export function releaseClaim(
  claims: readonly SegmentClaim[],
  request: { anchor: bigint; user: string; now: number },
  rootOf: (supervoxel: bigint) => bigint,
): SegmentClaim[] {
  const root = rootOf(request.anchor);
  return claims.filter(
    (c) => c.expiresAt > request.now && !(c.user === request.user && rootOf(c.anchor) === root),
  );
}

/** Live claims grouped by today's root: what the viewer shows next to each segment. */
export function claimsByRoot(
  claims: readonly SegmentClaim[],
  now: number,
  rootOf: (supervoxel: bigint) => bigint,
): Map<bigint, SegmentClaim[]> {
  const out = new Map<bigint, SegmentClaim[]>();
  for (const c of claims) {
    if (c.expiresAt <= now) continue;
    const root = rootOf(c.anchor);
    const list = out.get(root);
    if (list === undefined) out.set(root, [c]);
    else list.push(c);
  }
  return out;
}

function checkDuration(field: string, ms: number): void {
  if (!(Number.isFinite(ms) && ms > 0)) {
    throw new InvalidRequestError("L4", field, `expected a positive duration in milliseconds, got ${ms}`);
  }
}
