import type { Agglomeration } from "./Agglomeration";

/** A connected piece found by `Agglomeration.pieces`. */
export interface Piece {
  /** The earliest start (in the starts' order) inside the piece. */
  readonly firstStart: number;
  /** Members, or null for the one piece that was not enumerated (the rest of the segment). */
  readonly members: number[] | null;
  /** Positions in the starts list of the starts inside the piece. */
  readonly starts: number[];
}

/**
 * Connected pieces of one segment after its removed edges were deactivated, found by breadth-first
 * searches grown in turn from every start (round robin): a search that meets another joins it, a search
 * that runs dry is a finished piece, and the work stops when at most one search is still growing — that
 * one is the rest of the segment and is not enumerated (members null). Cost O(size of the smaller pieces).
 */
export function findPieces(agg: Agglomeration, starts: readonly number[]): Piece[] {
  const epoch = agg.nextEpoch();
  const { mark, label, active, hasExtra } = agg;
  const { offsets, neighbors, slotEdge } = agg.graph;
  const k = starts.length;
  const parent = new Int32Array(k);
  const heads = new Int32Array(k);
  const size = new Float64Array(k);
  const done = new Uint8Array(k);
  const firstStart = new Int32Array(k); // smallest position in `starts` inside the group
  const queues: number[][] = [];
  /** Queues of groups absorbed by a group, each with how much of it had been expanded (its members). */
  const absorbed: { queue: number[]; upto: number }[][] = [];
  const startsOf: number[][] = [];
  let growing = 0;
  for (let i = 0; i < k; i++) {
    parent[i] = i;
    firstStart[i] = i;
    queues.push([]);
    absorbed.push([]);
    startsOf.push([]);
    const v = starts[i]!;
    if (mark[v] === epoch) {
      const r = find(parent, label[v]!);
      parent[i] = r;
      startsOf[r]!.push(i);
      done[i] = 1; // the same node as an earlier start
      continue;
    }
    mark[v] = epoch;
    label[v] = i;
    queues[i]!.push(v);
    startsOf[i]!.push(i);
    size[i] = 1;
    growing++;
  }
  const union = (x: number, y: number): number => {
    const big = size[x]! >= size[y]! ? x : y;
    const small = big === x ? y : x;
    parent[small] = big;
    done[small] = 1;
    growing--;
    const q = queues[small]!;
    const h = heads[small]!;
    const target = queues[big]!;
    for (let i = h; i < q.length; i++) target.push(q[i]!);
    absorbed[big]!.push({ queue: q, upto: h }, ...absorbed[small]!);
    for (const i of startsOf[small]!) startsOf[big]!.push(i);
    if (firstStart[small]! < firstStart[big]!) firstStart[big] = firstStart[small]!;
    size[big]! += size[small]!;
    queues[small] = [];
    absorbed[small] = [];
    startsOf[small] = [];
    return big;
  };
  // Visits w from group g; returns g, or the group g was merged into.
  const meet = (w: number, g: number): number => {
    if (mark[w] !== epoch) {
      mark[w] = epoch;
      label[w] = g;
      queues[g]!.push(w);
      size[g]!++;
      return g;
    }
    const lw = label[w]!;
    if (lw === g) return g;
    const h = find(parent, lw);
    if (h === g) {
      label[w] = g;
      return g;
    }
    return union(g, h);
  };
  const finished: number[] = [];
  while (growing > 1) {
    for (let i = 0; i < k && growing > 1; i++) {
      if (done[i] === 1) continue;
      let g = i;
      let q = queues[g]!;
      const h = heads[g]!;
      if (h >= q.length) {
        done[g] = 1;
        finished.push(g);
        growing--;
        continue;
      }
      const v = q[h]!;
      heads[g] = h + 1;
      for (let s = offsets[v]!, end = offsets[v + 1]!; s < end; s++) {
        if (active[slotEdge[s]!] === 0) continue;
        const w = neighbors[s]!;
        if (mark[w] !== epoch) {
          mark[w] = epoch;
          label[w] = g;
          q.push(w);
          size[g]!++;
        } else if (label[w] !== g) {
          const before = g;
          g = meet(w, g);
          if (g !== before) q = queues[g]!;
        }
      }
      if (hasExtra[v] === 1) {
        for (const x of agg.extraAdj.get(v)!) {
          if (agg.extraActive[x] === 0) continue;
          g = meet(agg.extraLo[x] === v ? agg.extraHi[x]! : agg.extraLo[x]!, g);
        }
      }
    }
  }
  const membersOf = (g: number): number[] => {
    const out = queues[g]!.slice();
    for (const { queue, upto } of absorbed[g]!) for (let i = 0; i < upto; i++) out.push(queue[i]!);
    return out;
  };
  const pieces: (Piece & { order: number })[] = finished.map((g) => ({
    firstStart: starts[firstStart[g]!]!,
    members: membersOf(g),
    starts: startsOf[g]!,
    order: firstStart[g]!,
  }));
  for (let i = 0; i < k; i++) {
    if (done[i] === 0)
      pieces.push({
        firstStart: starts[firstStart[i]!]!,
        members: null,
        starts: startsOf[i]!,
        order: firstStart[i]!,
      });
  }
  pieces.sort((x, y) => x.order - y.order);
  return pieces;
}

function find(parent: Int32Array, x: number): number {
  let r = x;
  while (parent[r] !== r) r = parent[r]!;
  while (parent[x] !== r) {
    const p = parent[x]!;
    parent[x] = r;
    x = p;
  }
  return r;
}
