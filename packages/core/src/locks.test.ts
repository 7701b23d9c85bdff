import { describe, expect, it } from "vitest";
import { req, twoNeurons } from "../test/fixtures";
import { EditNotAllowedError, InvalidRequestError, SegmentClaimedError, SegmentLockedError } from "./errors";
import {
  acquireLocks,
  assertCanEdit,
  claimSegment,
  claimsByRoot,
  type EditAccess,
  editRefusal,
  releaseClaim,
  releaseLocks,
  type SegmentClaim,
  type SegmentLock,
} from "./locks";

const roots = (id: bigint) => (id < 10n ? 100n : 200n);
const access = (over: Partial<EditAccess> = {}): EditAccess => ({
  user: "ana",
  role: "annotator",
  now: 1000,
  locks: [],
  claims: [],
  rootOf: roots,
  ...over,
});
const lock = (over: Partial<SegmentLock> = {}): SegmentLock => ({
  root: 100n,
  operationId: "op-b",
  user: "bo",
  expiresAt: 2000,
  ...over,
});
const claim = (over: Partial<SegmentClaim> = {}): SegmentClaim => ({
  anchor: 3n,
  user: "bo",
  claimedAt: 0,
  expiresAt: 2000,
  ...over,
});

describe("[L1] only annotators, reviewers and admins edit", () => {
  it("refuses a viewer", () => {
    expect(editRefusal(access({ role: "viewer" }), [100n])).toBeInstanceOf(EditNotAllowedError);
    for (const role of ["annotator", "reviewer", "admin"] as const)
      expect(editRefusal(access({ role }), [100n])).toBeNull();
  });
});

describe("[L2] a live lock of another operation refuses everyone", () => {
  it("refuses even an admin; the operation's own lock does not block it", () => {
    const locks = [lock()];
    expect(editRefusal(access({ locks }), [100n])).toBeInstanceOf(SegmentLockedError);
    expect(editRefusal(access({ locks, role: "admin" }), [100n])).toBeInstanceOf(SegmentLockedError);
    expect(editRefusal(access({ locks }), [100n], "op-b")).toBeNull();
    expect(editRefusal(access({ locks }), [200n])).toBeNull();
    expect(() => assertCanEdit(access({ locks }), [200n, 100n])).toThrow(
      'segment 100 is being edited by "bo" (operation "op-b"); try again when it finishes',
    );
  });
});

describe("[L3] a live claim of another user refuses annotators and reviewers; admins override", () => {
  it("applies to the claimed segment only", () => {
    const claims = [claim()];
    expect(editRefusal(access({ claims }), [100n])).toBeInstanceOf(SegmentClaimedError);
    expect(editRefusal(access({ claims, role: "reviewer" }), [100n])).toBeInstanceOf(SegmentClaimedError);
    expect(editRefusal(access({ claims, role: "admin" }), [100n])).toBeNull();
    expect(editRefusal(access({ claims, user: "bo" }), [100n])).toBeNull();
    expect(editRefusal(access({ claims }), [200n])).toBeNull();
  });
});

describe("[L4] locks and claims expire", () => {
  it("ignores them from their expiry on, and refuses a non-positive duration", () => {
    expect(editRefusal(access({ locks: [lock()], now: 2000 }), [100n])).toBeNull();
    expect(editRefusal(access({ claims: [claim()], now: 2000 }), [100n])).toBeNull();
    expect(editRefusal(access({ claims: [claim()], now: 1999 }), [100n])).not.toBeNull();
    expect(() => claimSegment([], { anchor: 1n, user: "ana", now: 0, ttl: 0 }, roots)).toThrow(
      InvalidRequestError,
    );
    expect(() =>
      acquireLocks([], { roots: [1n], operationId: "x", user: "ana", now: 0, ttl: Number.NaN }),
    ).toThrow(InvalidRequestError);
  });
});

describe("[L5] claiming a segment", () => {
  it("refuses a segment another user claims, renews one's own", () => {
    const claims = [claim()];
    expect(() => claimSegment(claims, { anchor: 5n, user: "ana", now: 1000, ttl: 100 }, roots)).toThrow(
      SegmentClaimedError,
    );
    const renewed = claimSegment(claims, { anchor: 5n, user: "bo", now: 1000, ttl: 5000 }, roots);
    expect(renewed).toEqual([{ anchor: 5n, user: "bo", claimedAt: 0, expiresAt: 6000 }]);
    const mine = claimSegment(claims, { anchor: 50n, user: "ana", now: 1000, ttl: 100 }, roots);
    expect(mine).toHaveLength(2);
    expect(claimSegment(claims, { anchor: 5n, user: "ana", now: 2000, ttl: 100 }, roots)).toEqual([
      { anchor: 5n, user: "ana", claimedAt: 2000, expiresAt: 2100 },
    ]);
    expect(releaseClaim(mine, { anchor: 51n, user: "ana", now: 1000 }, roots)).toEqual(claims);
    expect(
      claimsByRoot(mine, 1000, roots)
        .get(200n)
        ?.map((c) => c.user),
    ).toEqual(["ana"]);
  });
});

describe("[L6] claims follow the neuron through edits", () => {
  it("covers the piece holding the anchor after a split, and the merged segment after a merge", () => {
    const s = twoNeurons();
    const rootOf = (id: bigint) => s.rootOf(id);
    const claims = claimSegment([], { anchor: 2n, user: "bo", now: 0, ttl: 10_000 }, rootOf);
    s.split({ ...req(), sources: [{ supervoxel: 1n }], sinks: [{ supervoxel: 8n }] });
    const a = { ...access({ claims, rootOf }), now: 1 };
    expect(editRefusal(a, [s.rootOf(1n)])).toBeInstanceOf(SegmentClaimedError);
    expect(editRefusal(a, [s.rootOf(8n)])).toBeNull();
    s.merge({ ...req(), points: [{ supervoxel: 4n }, { supervoxel: 9n }] });
    expect(editRefusal(a, [s.rootOf(9n)])).toBeInstanceOf(SegmentClaimedError);
  });
});

describe("[L7] locks are taken all or nothing and released per operation", () => {
  it("takes none when one root is locked by another operation", () => {
    const locks = [lock({ root: 200n })];
    expect(() =>
      acquireLocks(locks, { roots: [100n, 200n], operationId: "op-a", user: "ana", now: 1000, ttl: 50 }),
    ).toThrow(SegmentLockedError);
    const taken = acquireLocks(locks, {
      roots: [100n, 300n],
      operationId: "op-a",
      user: "ana",
      now: 1000,
      ttl: 50,
    });
    expect(taken.map((l) => `${l.root}:${l.operationId}`)).toEqual(["200:op-b", "100:op-a", "300:op-a"]);
    expect(releaseLocks(taken, "op-a", 1000)).toEqual(locks);
    expect(releaseLocks(taken, "op-a", 2000)).toEqual([]);
    // an expired lock does not block, and is dropped
    expect(
      acquireLocks(locks, { roots: [200n], operationId: "op-a", user: "ana", now: 2000, ttl: 50 }),
    ).toEqual([{ root: 200n, operationId: "op-a", user: "ana", expiresAt: 2050 }]);
  });
});
