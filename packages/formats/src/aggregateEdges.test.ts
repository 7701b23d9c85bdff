import { describe, expect, it } from "vitest";
import { randomUint64, seededRandom } from "../test/seededRandom";
import { aggregateEdges, edgeCountsTable } from "./aggregateEdges";

describe("aggregateEdges", () => {
  it("[X10] counts synapses per (pre, post) pair, sorted by pre then post", () => {
    const edges = aggregateEdges(
      BigUint64Array.of(9n, 2n, 9n, 2n, 9n, 2n),
      BigUint64Array.of(2n, 9n, 2n, 2n, 1n, 9n),
    );
    expect([...edges.pre]).toEqual([2n, 2n, 9n, 9n]);
    expect([...edges.post]).toEqual([2n, 9n, 1n, 2n]);
    expect([...edges.count]).toEqual([1, 2, 1, 2]);
    const none = aggregateEdges(new BigUint64Array(0), new BigUint64Array(0));
    expect([none.pre.length, none.post.length, none.count.length]).toEqual([0, 0, 0]);
    expect(() => aggregateEdges(BigUint64Array.of(1n), new BigUint64Array(0))).toThrow(
      "1 pre ids but 0 post ids",
    );
  });

  it("[X10] agrees with a Map count on 10,000 random synapses with ids across the uint64 range, in any input order", () => {
    const rand = seededRandom(51);
    const ids = Array.from({ length: 300 }, () => randomUint64(rand));
    const m = 10_000;
    const pre = new BigUint64Array(m);
    const post = new BigUint64Array(m);
    const expected = new Map<string, number>();
    for (let s = 0; s < m; s++) {
      pre[s] = ids[Math.floor(rand() ** 2 * ids.length)]!;
      post[s] = ids[Math.floor(rand() * ids.length)]!;
      const key = `${pre[s]}>${post[s]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const edges = aggregateEdges(pre, post);
    expect(edges.pre.length).toBe(expected.size);
    const problems: string[] = [];
    for (let e = 0; e < edges.pre.length; e++) {
      const want = expected.get(`${edges.pre[e]}>${edges.post[e]}`);
      if (edges.count[e] !== want) problems.push(`edge ${e}: count ${edges.count[e]}, expected ${want}`);
      if (e > 0) {
        const ordered =
          edges.pre[e - 1]! < edges.pre[e]! ||
          (edges.pre[e - 1] === edges.pre[e] && edges.post[e - 1]! < edges.post[e]!);
        if (!ordered) problems.push(`edge ${e} out of order`);
      }
    }
    expect(problems).toEqual([]);
    // Reversed input gives the same table.
    const again = aggregateEdges(pre.slice().reverse(), post.slice().reverse());
    expect(again).toEqual(edges);
    const table = edgeCountsTable(edges);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ["pre", "uint64"],
      ["post", "uint64"],
      ["count", "uint32"],
    ]);
    expect(table.rowCount).toBe(expected.size);
  });

  it("[X10] numbers thousands of distinct ids, including ids that share one 32-bit half", () => {
    const pre: bigint[] = [];
    const post: bigint[] = [];
    for (let i = 0; i < 3000; i++) {
      pre.push((BigInt(i % 7) << 32n) | BigInt(i)); // only 7 distinct high halves
      post.push((BigInt(i) << 32n) | 5n); // same low half everywhere
    }
    const edges = aggregateEdges(
      BigUint64Array.from([...pre, ...pre]),
      BigUint64Array.from([...post, ...post]),
    );
    expect(edges.pre.length).toBe(3000);
    expect([...edges.count].every((c) => c === 2)).toBe(true);
    const want = pre
      .map((p, i) => [p, post[i]!] as const)
      .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    expect([...edges.pre]).toEqual(want.map((x) => x[0]));
    expect([...edges.post]).toEqual(want.map((x) => x[1]));
  });
});
