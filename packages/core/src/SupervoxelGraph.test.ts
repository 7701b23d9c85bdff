import { describe, expect, it } from "vitest";
import { graphOf } from "../test/fixtures";
import { InvalidGraphError, UnknownSupervoxelError } from "./errors";
import { createSupervoxelGraph, createSupervoxelGraphFromIndices } from "./SupervoxelGraph";

describe("[G1] supervoxel ids are sorted into dense indices", () => {
  it("sorts ids given in any order and keeps each position with its id", () => {
    const g = createSupervoxelGraph({
      supervoxelIds: BigUint64Array.from([30n, 10n, 20n]),
      edges: {
        a: BigUint64Array.from([30n]),
        b: BigUint64Array.from([10n]),
        affinities: Float32Array.from([0.5]),
      },
      positions: Float32Array.from([3, 3, 3, 1, 1, 1, 2, 2, 2]),
    });
    expect([...g.supervoxelIds]).toEqual([10n, 20n, 30n]);
    expect(g.indexOf(20n)).toBe(1);
    expect([...g.positions!.subarray(6, 9)]).toEqual([3, 3, 3]);
    expect(g.indexOf(25n)).toBe(-1);
  });

  it("[I2] finds ids above 2^53 exactly, without rounding", () => {
    const big = (1n << 60n) + 1n;
    const g = graphOf([big, big + 1n, 7n], [[big, big + 1n, 0.7]]);
    expect(g.indexOf(big + 1n)).toBe(2);
    expect(g.indexOf(big + 2n)).toBe(-1);
    expect(g.idAt(2)).toBe(big + 1n);
    expect(g.edgeIndex(1, 2)).toBe(0);
  });

  it("refuses a duplicate id, naming it", () => {
    expect(() => graphOf([5, 6, 5], [])).toThrow(/supervoxel 5 is listed twice/);
    expect(() =>
      createSupervoxelGraphFromIndices({
        supervoxelIds: BigUint64Array.from([1n, 3n, 2n]),
        edgeA: new Uint32Array(0),
        edgeB: new Uint32Array(0),
        affinities: new Float32Array(0),
      }),
    ).toThrow(InvalidGraphError);
  });
});

describe("[G2] CSR with one dense index per undirected edge", () => {
  it("builds sorted rows whose two directions name one edge", () => {
    const g = graphOf(
      [1, 2, 3, 4],
      [
        [3, 1, 0.3],
        [1, 2, 0.1],
        [4, 1, 0.4],
        [2, 3, 0.2],
      ],
    );
    expect(g.edgeCount).toBe(4);
    expect([...g.offsets]).toEqual([0, 3, 5, 7, 8]);
    expect([...g.neighbors.subarray(0, 3)]).toEqual([1, 2, 3]);
    for (let v = 0; v < g.size; v++) {
      for (let s = g.offsets[v]!; s < g.offsets[v + 1]!; s++) {
        const w = g.neighbors[s]!;
        expect(g.edgeIndex(w, v)).toBe(g.slotEdge[s]);
      }
    }
    expect(g.affinities[g.edgeIndex(0, 2)]).toBeCloseTo(0.3);
    expect(g.affinities[g.edgeIndex(2, 1)]).toBeCloseTo(0.2);
    expect(g.edgeIndex(1, 3)).toBe(-1);
  });

  it("keeps an edge listed twice (either direction) once, with its largest affinity", () => {
    const g = graphOf(
      [1, 2],
      [
        [1, 2, 0.25],
        [2, 1, 0.75],
        [1, 2, 0.5],
      ],
    );
    expect(g.edgeCount).toBe(1);
    expect(g.affinities[0]).toBe(0.75);
    expect(g.degree(0)).toBe(1);
  });
});

describe("[G3] self-loops are refused", () => {
  it("names the edge and the supervoxel", () => {
    expect(() => graphOf([1, 2], [[2, 2, 0.5]])).toThrow(/edges\[0\]: self-loop on supervoxel 2/);
  });
});

describe("[G4] affinities in [0, 1] and finite positions", () => {
  it("refuses an affinity outside [0, 1] or NaN", () => {
    for (const bad of [1.5, -0.1, Number.NaN]) {
      expect(() => graphOf([1, 2], [[1, 2, bad]])).toThrow(/affinity must be in \[0, 1\]/);
    }
  });
  it("refuses positions of the wrong length or not finite", () => {
    expect(() => graphOf([1, 2], [], [[0, 0, 0]])).toThrow(/expected 3 × 2 = 6 floats/);
    expect(() => graphOf([1], [], [[0, Number.POSITIVE_INFINITY, 0]])).toThrow(/positions\[1\]/);
  });
});

describe("[G5] edge endpoints must be known supervoxels", () => {
  it("names the edge list position of an unknown id", () => {
    const err = (() => {
      try {
        graphOf(
          [1, 2],
          [
            [1, 2, 0.5],
            [2, 99, 0.5],
          ],
        );
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnknownSupervoxelError);
    expect((err as Error).message).toBe("edges.b[1]: supervoxel 99 is not in this dataset");
  });
  it("refuses an index out of range in the index form", () => {
    expect(() =>
      createSupervoxelGraphFromIndices({
        supervoxelIds: BigUint64Array.from([1n, 2n]),
        edgeA: Uint32Array.from([0]),
        edgeB: Uint32Array.from([2]),
        affinities: Float32Array.from([0.5]),
      }),
    ).toThrow(/endpoint index 2 is outside 0..1/);
  });
});
