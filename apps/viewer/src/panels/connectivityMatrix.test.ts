import { createConnectomeCsr } from "@danio/formats";
import { describe, expect, it } from "vitest";
import { connectivityMatrix } from "./connectivityMatrix";

describe("connectivityMatrix", () => {
  it("puts pre in rows and post in columns, most connected neurons first, whatever the CSR's row direction", () => {
    const edges = {
      pre: BigUint64Array.of(1n, 1n, 3n),
      post: BigUint64Array.of(2n, 3n, 2n),
      weight: Uint32Array.of(4, 1, 7),
    };
    for (const rows of ["pre", "post"] as const) {
      const m = connectivityMatrix(
        createConnectomeCsr(edges, { nodeIds: BigUint64Array.of(1n, 2n, 3n), rows }),
      );
      // Totals: node 2 → 11, node 3 → 8, node 1 → 5.
      expect(Array.from(m.nodes)).toEqual([1, 2, 0]);
      const at = (pre: number, post: number) => m.counts[m.nodes.indexOf(pre) * 3 + m.nodes.indexOf(post)];
      expect(at(2, 1)).toBe(7);
      expect(at(0, 1)).toBe(4);
      expect(at(1, 2)).toBe(0);
      expect(m.max).toBe(7);
    }
  });

  it("keeps at most `limit` neurons", () => {
    const csr = createConnectomeCsr(
      { pre: BigUint64Array.of(1n, 2n), post: BigUint64Array.of(2n, 3n), weight: Uint32Array.of(1, 1) },
      { nodeIds: BigUint64Array.of(1n, 2n, 3n) },
    );
    expect(connectivityMatrix(csr, 2).nodes.length).toBe(2);
  });
});
