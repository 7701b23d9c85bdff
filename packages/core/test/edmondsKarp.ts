/**
 * A deliberately simple reference max-flow (Edmonds–Karp: shortest augmenting paths by BFS on a dense
 * residual matrix), independent of src/minCut.ts, for cross-checking it on small graphs.
 */
export function edmondsKarp(
  n: number,
  arcs: readonly { u: number; v: number; forward: number; backward: number }[],
  s: number,
  t: number,
): number {
  const r: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const { u, v, forward, backward } of arcs) {
    r[u]![v]! += forward;
    r[v]![u]! += backward;
  }
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[s] = s;
    const queue = [s];
    while (queue.length > 0 && prev[t] === -1) {
      const x = queue.shift()!;
      for (let y = 0; y < n; y++) {
        if (prev[y] === -1 && r[x]![y]! > 0) {
          prev[y] = x;
          queue.push(y);
        }
      }
    }
    if (prev[t] === -1) return flow;
    let f = Number.POSITIVE_INFINITY;
    for (let y = t; y !== s; y = prev[y]!) f = Math.min(f, r[prev[y]!]![y]!);
    for (let y = t; y !== s; y = prev[y]!) {
      r[prev[y]!]![y]! -= f;
      r[y]![prev[y]!]! += f;
    }
    flow += f;
  }
}
