/**
 * Synapse list → edge table (SPEC.md X10): one edge per distinct (pre, post) pair with the number of synapses
 * that connect them, ordered by pre, then post (ascending uint64), so the same synapses in any order give the
 * same table. Ids are taken as given (self-connections and id 0 included); O(synapses + ids) with radix and
 * counting sorts.
 */
import { denseIds, orderPairs } from "./idIndex";
import { type Table, TableError } from "./table";

export interface EdgeCounts {
  pre: BigUint64Array;
  post: BigUint64Array;
  /** Synapses per edge. */
  count: Uint32Array;
}

export function aggregateEdges(preIds: BigUint64Array, postIds: BigUint64Array): EdgeCounts {
  if (preIds.length !== postIds.length) {
    throw new TableError(
      `aggregateEdges: ${preIds.length} pre ids but ${postIds.length} post ids; expected one of each per synapse`,
    );
  }
  const {
    ids,
    indices: [a, b],
  } = denseIds([preIds, postIds]);
  if (a === undefined || b === undefined) throw new Error("aggregateEdges: denseIds returned no indices");
  const order = orderPairs(a, b, ids.length);
  const m = order.length;
  let edges = 0;
  for (let k = 0; k < m; k++) {
    const e = order[k]!;
    const p = k > 0 ? order[k - 1]! : -1;
    if (p < 0 || a[e] !== a[p] || b[e] !== b[p]) edges++;
  }
  const pre = new BigUint64Array(edges);
  const post = new BigUint64Array(edges);
  const count = new Uint32Array(edges);
  let j = -1;
  for (let k = 0; k < m; k++) {
    const e = order[k]!;
    const p = k > 0 ? order[k - 1]! : -1;
    if (p < 0 || a[e] !== a[p] || b[e] !== b[p]) {
      j++;
      pre[j] = ids[a[e]!]!;
      post[j] = ids[b[e]!]!;
    }
    count[j]!++;
  }
  return { pre, post, count };
}

/** The edge counts as a table with columns `pre`, `post` (uint64) and `count` (uint32). */
export function edgeCountsTable(edges: EdgeCounts): Table {
  return {
    rowCount: edges.pre.length,
    columns: [
      { name: "pre", type: "uint64", values: edges.pre },
      { name: "post", type: "uint64", values: edges.post },
      { name: "count", type: "uint32", values: edges.count },
    ],
  };
}
