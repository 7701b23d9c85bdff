import { describe, expect, it } from "vitest";
import { graphOf, refused, req, twoNeurons } from "../test/fixtures";
import {
  DuplicateOperationError,
  InvalidRequestError,
  MergeTooFarError,
  MissingPositionError,
  SameSegmentError,
  SegmentClaimedError,
  SegmentLockedError,
  StaleRootError,
  UnknownSupervoxelError,
} from "./errors";
import type { EditAccess } from "./locks";
import { planMerge } from "./planMerge";
import { createProofreadingState } from "./ProofreadingState";

describe("[M1] a merge adds exactly one edge between the two clicked supervoxels", () => {
  it("activates the graph edge when the supervoxels are adjacent", () => {
    const s = twoNeurons();
    const before = new Set(s.activeEdges().map(String));
    const op = s.merge({ ...req(), points: [{ supervoxel: 9n, position: [90, 0, 0] }, { supervoxel: 8n }] });
    const after = s.activeEdges().map(String);
    expect(after.filter((e) => !before.has(e))).toEqual(["8,9"]);
    expect(after.length).toBe(before.size + 1);
    expect(op.type).toBe("merge");
    expect(op.addedEdges).toEqual([[8n, 9n]]);
    expect(op.removedEdges).toEqual([]);
    expect(op.points).toEqual([
      { supervoxel: 9n, position: [90, 0, 0] },
      { supervoxel: 8n, position: null },
    ]);
  });
  it("adds an edge that the graph does not have when they are not adjacent", () => {
    const s = twoNeurons();
    expect(s.graph.edgeIndex(s.graph.indexOf(1n), s.graph.indexOf(9n))).toBe(-1);
    s.merge({ ...req(), points: [{ supervoxel: 1n }, { supervoxel: 9n }] });
    expect(s.isEdgeActive(1n, 9n)).toBe(true);
    expect(s.rootOf(9n)).toBe(s.rootOf(1n));
  });
  it("refuses malformed requests, naming the field", () => {
    const s = twoNeurons();
    const points = [{ supervoxel: 8n }, { supervoxel: 9n }] as const;
    expect(refused(s, InvalidRequestError, () => s.merge({ ...req(), id: "", points })).message).toMatch(
      /^id: /,
    );
    expect(refused(s, InvalidRequestError, () => s.merge({ ...req(), author: "", points })).message).toMatch(
      /^author: /,
    );
    expect(
      refused(s, InvalidRequestError, () => s.merge({ ...req(), time: Number.NaN, points })).message,
    ).toMatch(/^time: /);
    refused(s, InvalidRequestError, () => s.merge({ ...req(), points: [{ supervoxel: 8n }] as never }));
    const e = refused(s, InvalidRequestError, () =>
      s.merge({ ...req(), points: [{ supervoxel: 8n, position: [1, 2] as never }, { supervoxel: 9n }] }),
    );
    expect(e.message).toMatch(/^points\[0\]\.position: /);
  });
  it("refuses an unknown supervoxel, naming the point", () => {
    const s = twoNeurons();
    const e = refused(s, UnknownSupervoxelError, () =>
      s.merge({ ...req(), points: [{ supervoxel: 8n }, { supervoxel: 77n }] }),
    );
    expect(e.message).toBe("points[1].supervoxel: supervoxel 77 is not in this dataset");
  });
  it("[T2] refuses a repeated operation id", () => {
    const s = twoNeurons();
    const op = s.merge({ ...req(), points: [{ supervoxel: 8n }, { supervoxel: 9n }] });
    const s2 = twoNeurons();
    s2.merge({ ...req(), points: [{ supervoxel: 1n }, { supervoxel: 9n }] });
    const e = refused(s, DuplicateOperationError, () =>
      s.split({
        id: op.id,
        author: "bo",
        time: 1,
        sources: [{ supervoxel: 1n }],
        sinks: [{ supervoxel: 9n }],
      }),
    );
    expect(e.message).toBe(`operation id "${op.id}" is already operation #1 of the log`);
  });
});

describe("[M2] refused when both supervoxels are already in one segment", () => {
  it("names both supervoxels and the root", () => {
    const s = twoNeurons();
    const e = refused(s, SameSegmentError, () =>
      s.merge({ ...req(), points: [{ supervoxel: 1n }, { supervoxel: 8n }] }),
    );
    expect(e.message).toBe(
      `supervoxels 1 and 8 are already in one segment (root ${s.rootOf(1n)}); nothing to merge`,
    );
    refused(s, SameSegmentError, () =>
      s.merge({ ...req(), points: [{ supervoxel: 3n }, { supervoxel: 3n }] }),
    );
  });
});

describe("[M3] refused when a root the user saw is stale", () => {
  it("names the root seen and the current one", () => {
    const s = twoNeurons();
    const seen = s.rootOf(8n);
    s.split({ ...req(), sources: [{ supervoxel: 1n }], sinks: [{ supervoxel: 8n }] });
    const e = refused(s, StaleRootError, () =>
      s.merge({
        ...req(),
        points: [
          { supervoxel: 8n, root: seen },
          { supervoxel: 9n, root: s.rootOf(9n) },
        ],
      }),
    );
    expect(e.rule).toBe("M3");
    expect(e.message).toBe(
      `root ${seen} is out of date: supervoxel 8 now belongs to root ${s.rootOf(8n)}; reload the segment and try again`,
    );
    s.merge({
      ...req(),
      points: [
        { supervoxel: 8n, root: s.rootOf(8n) },
        { supervoxel: 9n, root: s.rootOf(9n) },
      ],
    });
  });
});

describe("[M4] refused when another user holds the segment", () => {
  const access = (s: ReturnType<typeof twoNeurons>, over: Partial<EditAccess>): EditAccess => ({
    user: "ana",
    role: "annotator",
    now: 1000,
    locks: [],
    claims: [],
    rootOf: (sv) => s.rootOf(sv),
    ...over,
  });
  it("refuses while another operation locks one of the segments", () => {
    const s = twoNeurons();
    const locks = [{ root: s.rootOf(9n), operationId: "other", user: "bo", expiresAt: 2000 }];
    const e = refused(s, SegmentLockedError, () =>
      s.merge({ ...req(), points: [{ supervoxel: 8n }, { supervoxel: 9n }], access: access(s, { locks }) }),
    );
    expect(e.message).toContain('is being edited by "bo"');
  });
  it("refuses while another user claims one of the segments", () => {
    const s = twoNeurons();
    const claims = [{ anchor: 2n, user: "bo", claimedAt: 0, expiresAt: 5000 }];
    refused(s, SegmentClaimedError, () =>
      s.merge({ ...req(), points: [{ supervoxel: 8n }, { supervoxel: 9n }], access: access(s, { claims }) }),
    );
    s.merge({
      ...req(),
      points: [{ supervoxel: 8n }, { supervoxel: 9n }],
      access: access(s, { claims, now: 5000 }),
    });
  });
});

describe("[M5] refused when the points are farther apart than the maximum merge distance", () => {
  it("uses the click positions, else the supervoxels' positions", () => {
    const s = twoNeurons({ maxMergeDistance: 50 });
    const e = refused(s, MergeTooFarError, () =>
      s.merge({
        ...req(),
        points: [
          { supervoxel: 1n, position: [0, 0, 0] },
          { supervoxel: 9n, position: [30, 40, 0.5] },
        ],
      }),
    );
    expect(e.message).toBe(
      "the merge points on supervoxels 1 and 9 are 50.0 nm apart; this dataset allows at most 50 nm — click two points closer together",
    );
    // graph positions: 1 → (10, 0, 0), 9 → (90, 0, 0): 80 nm
    refused(s, MergeTooFarError, () =>
      s.merge({ ...req(), points: [{ supervoxel: 1n }, { supervoxel: 9n }] }),
    );
    s.merge({
      ...req(),
      points: [
        { supervoxel: 1n, position: [0, 0, 0] },
        { supervoxel: 9n, position: [30, 40, 0] },
      ],
    });
  });
  it("refuses when no position is known", () => {
    const bare = createProofreadingState(graphOf([1, 2], [[1, 2, 0.1]], null), {
      threshold: 0.5,
      maxMergeDistance: 10,
    });
    const e = refused(bare, MissingPositionError, () =>
      bare.merge({ ...req(), points: [{ supervoxel: 1n }, { supervoxel: 2n, position: [0, 0, 0] }] }),
    );
    expect(e.message).toBe("supervoxel 1 has no position, which the maximum merge distance needs");
    bare.merge({
      ...req(),
      points: [
        { supervoxel: 1n, position: [0, 0, 5] },
        { supervoxel: 2n, position: [0, 0, 0] },
      ],
    });
  });
});

describe("[M6] the merged segment gets one new root; both old roots are retired", () => {
  it("records old roots → new root in the operation and the lineage", () => {
    const s = twoNeurons();
    const a = s.rootOf(8n);
    const b = s.rootOf(9n);
    const plan = planMerge(s, { ...req(), points: [{ supervoxel: 8n }, { supervoxel: 9n }] });
    expect(s.seq).toBe(0);
    const op = s.commit(plan);
    expect(op.oldRoots).toEqual([a, b]);
    expect(op.newRoots).toHaveLength(1);
    expect(s.rootOf(9n)).toBe(op.newRoots[0]);
    expect(s.lineage(op.newRoots[0]!)).toEqual({
      root: op.newRoots[0],
      mintedBy: 1,
      retiredBy: 0,
      parents: [a, b],
      children: [],
    });
    expect(s.lineage(a).children).toEqual(op.newRoots);
  });
});
