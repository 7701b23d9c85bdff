import { describe, expect, it } from "vitest";
import { expectConsistent, graphOf, refused, req, snapshot, twoNeurons } from "../test/fixtures";
import {
  CutLeavesSeedsConnectedError,
  EmptySeedsError,
  InvalidRequestError,
  MissingPositionError,
  SeedsAlreadyApartError,
  SeedsCannotStayTogetherError,
  SeedsInDifferentSegmentsError,
  SegmentLockedError,
  SourceIsSinkError,
  SplitIsolatesSupervoxelError,
  StaleRootError,
  UnknownSupervoxelError,
} from "./errors";
import { capacityOf } from "./minCut";
import { createProofreadingState } from "./ProofreadingState";

const sv = (...ids: number[]) => ids.map((id) => ({ supervoxel: BigInt(id) }));

describe("[S1] a split removes a minimum cut, affinities as capacities", () => {
  it("cuts the weakest link between the seeds, and the cut capacity equals the max flow", () => {
    const s = twoNeurons();
    const preview = s.previewSplit({ ...req(), sources: sv(1), sinks: sv(8) });
    expect(preview.cutEdges).toEqual([[4n, 5n]]);
    expect(preview.cutWeight).toBeCloseTo(0.6, 6);
    expect(preview.cutCapacity).toBe(capacityOf(Math.fround(0.6)));
    expect(preview.maxFlow).toBe(preview.cutCapacity);
    const op = s.split({ ...req(), sources: sv(1), sinks: sv(8) });
    expect(op.removedEdges).toEqual([[4n, 5n]]);
    expect(op.addedEdges).toEqual([]);
  });
  it("cuts several edges when the seeds are joined in parallel", () => {
    const g = graphOf(
      [1, 2, 3, 4, 5, 6],
      [
        [1, 2, 0.9],
        [1, 3, 0.9],
        [2, 4, 0.6],
        [3, 5, 0.7],
        [4, 6, 0.9],
        [5, 6, 0.9],
      ],
    );
    const s = createProofreadingState(g, { threshold: 0.5 });
    const p = s.previewSplit({ ...req(), sources: sv(1), sinks: sv(6) });
    expect(p.cutEdges).toEqual([
      [2n, 4n],
      [3n, 5n],
    ]);
    expect(p.cutWeight).toBeCloseTo(1.3, 6);
  });
});

describe("[S2] seeds: at least one of each, known, on one side only, all in one segment", () => {
  it("refuses empty seed sets", () => {
    const s = twoNeurons();
    expect(refused(s, EmptySeedsError, () => s.split({ ...req(), sources: [], sinks: sv(8) })).message).toBe(
      "a split needs at least one source and one sink; sources is empty",
    );
    refused(s, EmptySeedsError, () => s.split({ ...req(), sources: sv(1), sinks: [] }));
  });
  it("refuses unknown supervoxels, naming the seed", () => {
    const s = twoNeurons();
    const e = refused(s, UnknownSupervoxelError, () =>
      s.split({ ...req(), sources: sv(1), sinks: sv(8, 99) }),
    );
    expect(e.message).toBe("sinks[1].supervoxel: supervoxel 99 is not in this dataset");
  });
  it("refuses a source that is also a sink", () => {
    const s = twoNeurons();
    const e = refused(s, SourceIsSinkError, () => s.split({ ...req(), sources: sv(1, 4), sinks: sv(8, 4) }));
    expect(e.message).toBe("supervoxel 4 is both a source and a sink; pick it on one side only");
  });
  it("refuses seeds of one side in different segments", () => {
    const s = twoNeurons();
    const e = refused(s, SeedsInDifferentSegmentsError, () =>
      s.split({ ...req(), sources: sv(1, 9), sinks: sv(8) }),
    );
    expect(e.message).toContain(
      `split seed 9 is in segment ${s.rootOf(9n)}, but the other seeds are in segment ${s.rootOf(1n)}`,
    );
  });
  it("ignores a seed listed twice", () => {
    const s = twoNeurons();
    const op = s.split({ ...req(), sources: sv(1, 1), sinks: sv(8) });
    expect(op.points.map((p) => p.side)).toEqual(["source", "sink"]);
  });
});

describe("[S3] refused when the seeds are already apart", () => {
  it("names both segments", () => {
    const s = twoNeurons();
    const e = refused(s, SeedsAlreadyApartError, () => s.split({ ...req(), sources: sv(1), sinks: sv(9) }));
    expect(e.message).toBe(
      `the sources are in segment ${s.rootOf(1n)} and the sinks in segment ${s.rootOf(9n)}: they are already apart`,
    );
  });
});

describe("[S4] paths between seeds of one side are uncuttable", () => {
  // 2 is strongly tied to the sink 4; sources 1 and 5 are joined only through 2.
  const graph = () =>
    graphOf(
      [1, 2, 3, 4, 5, 7],
      [
        [1, 2, 0.55],
        [2, 5, 0.55],
        [2, 3, 0.95],
        [3, 4, 0.95],
        [4, 7, 0.95],
      ],
    );
  it("keeps the sources together where the plain min cut would part them", () => {
    const s = createProofreadingState(graph(), { threshold: 0.5 });
    const p = s.previewSplit({ ...req(), sources: sv(1, 5), sinks: sv(4) });
    expect(p.pinnedEdges).toEqual([
      [1n, 2n],
      [2n, 5n],
    ]);
    expect(p.cutEdges).toEqual([[2n, 3n]]);
    s.split({ ...req(), sources: sv(1, 5), sinks: sv(4) });
    expect(s.rootOf(1n)).toBe(s.rootOf(5n));
    expect(s.rootOf(1n)).not.toBe(s.rootOf(4n));
  });
  it("refuses when the only way between two sources passes through a sink", () => {
    const s = createProofreadingState(graph(), { threshold: 0.5 });
    const e = refused(s, SeedsCannotStayTogetherError, () =>
      s.split({ ...req(), sources: sv(1, 5), sinks: sv(2) }),
    );
    expect(e.message).toBe(
      "sources 1 and 5 cannot be kept together: every connection between them passes through the other side's seeds",
    );
  });
});

describe("[S5] optionally restricted to a box around the seeds", () => {
  // a chain 1-2-…-10 with x = 10·id nm; the weakest link 2–3 is inside the box, 8–9 outside
  const chain = () =>
    createProofreadingState(
      graphOf(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        Array.from({ length: 9 }, (_, i) => [i + 1, i + 2, i === 1 ? 0.6 : i === 7 ? 0.55 : 0.9] as const),
      ),
      { threshold: 0.5 },
    );
  it("computes the cut on the supervoxels reachable inside the box only", () => {
    const s = chain();
    const inBox = s.previewSplit({ ...req(), sources: sv(1), sinks: sv(5), box: { padding: 15 } });
    expect(inBox.regionSize).toBe(6); // x in [−5, 65]: 1…6
    expect(inBox.cutEdges).toEqual([[2n, 3n]]);
    expect([...inBox.sinkSide]).toEqual([3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]);
    const whole = s.previewSplit({ ...req(), sources: sv(1), sinks: sv(10) });
    expect(whole.regionSize).toBe(10);
    expect(whole.cutEdges).toEqual([[8n, 9n]]);
    const boxed = s.previewSplit({ ...req(), sources: sv(1), sinks: sv(10), box: { padding: 0 } });
    expect(boxed.regionSize).toBe(10);
  });
  it("refuses without positions, and a bad padding", () => {
    const bare = createProofreadingState(
      graphOf(
        [1, 2, 3],
        [
          [1, 2, 0.9],
          [2, 3, 0.9],
        ],
        null,
      ),
      { threshold: 0.5 },
    );
    refused(bare, MissingPositionError, () =>
      bare.split({ ...req(), sources: sv(1), sinks: sv(3), box: { padding: 10 } }),
    );
    const s = chain();
    const e = refused(s, InvalidRequestError, () =>
      s.split({ ...req(), sources: sv(1), sinks: sv(5), box: { padding: -1 } }),
    );
    expect(e.message).toBe("box.padding: expected a distance ≥ 0 in nm, got -1");
  });
});

describe("[S6] refused when the cut would leave sources and sinks connected", () => {
  it("happens when the seeds stay joined around a box that is too small", () => {
    const g = graphOf(
      [1, 2, 3, 4, 5, 6, 7, 8],
      [
        [1, 2, 0.9],
        [2, 3, 0.9],
        [3, 4, 0.9],
        [4, 5, 0.9],
        [5, 6, 0.9],
        [6, 7, 0.9],
        [7, 8, 0.9],
        [8, 1, 0.9],
      ],
    );
    const s = createProofreadingState(g, { threshold: 0.5 });
    const e = refused(s, CutLeavesSeedsConnectedError, () =>
      s.split({ ...req(), sources: sv(1, 2), sinks: sv(4, 5), box: { padding: 5 } }),
    );
    expect(e.message).toBe(
      "the cut would leave source 1 connected to sink 4; they stay connected around the box; use a larger padding, or no box",
    );
    s.split({ ...req(), sources: sv(1, 2), sinks: sv(4, 5), box: { padding: 100 } });
    expect(s.rootOf(1n)).not.toBe(s.rootOf(5n));
  });
});

describe("[S7] refused when the cut only isolates a single clicked supervoxel", () => {
  it("refuses a side of one supervoxel", () => {
    const g = graphOf(
      [1, 2, 3, 4],
      [
        [1, 2, 0.9],
        [2, 3, 0.9],
        [3, 4, 0.6],
      ],
    );
    const s = createProofreadingState(g, { threshold: 0.5 });
    const e = refused(s, SplitIsolatesSupervoxelError, () =>
      s.split({ ...req(), sources: sv(1), sinks: sv(4) }),
    );
    expect(e.message).toMatch(/^the cheapest cut only isolates the clicked supervoxel 4 \(sinks side\)/);
    const s2 = createProofreadingState(g, { threshold: 0.5 });
    refused(s2, SplitIsolatesSupervoxelError, () =>
      s2.previewSplit({ ...req(), sources: sv(4), sinks: sv(1) }),
    );
  });
});

describe("[S8] stale roots and locks refuse a split", () => {
  it("refuses a seed whose root is out of date", () => {
    const s = twoNeurons();
    const e = refused(s, StaleRootError, () =>
      s.split({ ...req(), sources: [{ supervoxel: 1n, root: s.rootOf(9n) }], sinks: sv(8) }),
    );
    expect(e.rule).toBe("S8");
  });
  it("refuses while another operation locks the segment", () => {
    const s = twoNeurons();
    const access = {
      user: "ana",
      role: "annotator" as const,
      now: 0,
      locks: [{ root: s.rootOf(1n), operationId: "x", user: "bo", expiresAt: 10 }],
      claims: [],
      rootOf: (id: bigint) => s.rootOf(id),
    };
    refused(s, SegmentLockedError, () => s.split({ ...req(), sources: sv(1), sinks: sv(8), access }));
  });
});

describe("[S9] a preview computes the same cut and changes nothing", () => {
  it("returns both sides and the cut, and the split then removes exactly that cut", () => {
    const s = twoNeurons();
    const before = snapshot(s);
    const p = s.previewSplit({ ...req(), sources: sv(2, 1), sinks: sv(7) });
    expect(snapshot(s)).toEqual(before);
    expect(s.seq).toBe(0);
    expect(p.root).toBe(s.rootOf(1n));
    expect([...p.sourceSide]).toEqual([1n, 2n, 3n, 4n]);
    expect([...p.sinkSide]).toEqual([5n, 6n, 7n, 8n]);
    const op = s.split({ ...req(), sources: sv(2, 1), sinks: sv(7) });
    expect(op.removedEdges).toEqual(p.cutEdges);
  });
});

describe("[S10] after a split: two segments, each connected, seeds separated, two new roots", () => {
  it("mints the source side's root first and retires the old one", () => {
    const s = twoNeurons();
    const old = s.rootOf(1n);
    const op = s.split({ ...req(), sources: sv(6), sinks: sv(3) });
    expect(op.oldRoots).toEqual([old]);
    expect(op.newRoots).toEqual([s.rootOf(6n), s.rootOf(3n)]);
    expect([...s.supervoxelsOf(op.newRoots[0]!)]).toEqual([5n, 6n, 7n, 8n]);
    expect([...s.supervoxelsOf(op.newRoots[1]!)]).toEqual([1n, 2n, 3n, 4n]);
    expectConsistent(s);
  });
});
