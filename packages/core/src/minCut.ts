/**
 * Max-flow / min-cut on typed arrays (SPEC.md S1): Dinic's algorithm (breadth-first level graph, then
 * blocking flow by an iterative depth-first search with current-arc pointers). Capacities are Float64 but
 * hold integers (see `capacityOf`), so every flow is exact and the cut capacity equals the flow value.
 *
 * Only `createFlowNetwork` allocates; `maxFlow` and `sourceSide` work in the network's own scratch buffers.
 */

/** Affinity units per 1.0 of affinity: capacities are `max(1, round(affinity × CAPACITY_SCALE))`. */
export const CAPACITY_SCALE = 1 << 24;

/** Capacity of an uncuttable arc: twice the largest total finite capacity a split region may have (2^27 edges). */
export const UNCUTTABLE = 2 ** 52;

/** Integer capacity of an edge with this affinity: at least one unit, so every active edge costs to cut. */
export function capacityOf(affinity: number): number {
  return Math.max(1, Math.round(affinity * CAPACITY_SCALE));
}

/** A directed residual network in CSR form; arc `a` goes from its row to `heads[a]`, `twins[a]` is its reverse. */
export interface FlowNetwork {
  readonly nodeCount: number;
  readonly arcCount: number;
  readonly offsets: Uint32Array;
  readonly heads: Uint32Array;
  readonly twins: Uint32Array;
  /** Residual capacity of each arc; `maxFlow` consumes it. */
  readonly residual: Float64Array;
  /** Scratch: BFS level of each node, arc cursor, queue, the current DFS path, shortest-path marks. */
  readonly level: Int32Array;
  readonly cursor: Uint32Array;
  readonly queue: Uint32Array;
  readonly path: Uint32Array;
  readonly onPath: Uint8Array;
}

/**
 * Builds a network of `nodeCount` nodes from `edgeCount` edges `us[i] → vs[i]` with capacity `forward[i]`
 * and reverse capacity `backward[i]` (equal for an undirected edge, 0 for a one-way arc). `edgeArc[i]` is
 * the forward arc of edge i; its reverse is `twins[edgeArc[i]]`.
 */
export function createFlowNetwork(
  nodeCount: number,
  edgeCount: number,
  us: Uint32Array,
  vs: Uint32Array,
  forward: Float64Array,
  backward: Float64Array,
): FlowNetwork & { readonly edgeArc: Uint32Array } {
  const arcCount = 2 * edgeCount;
  const offsets = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < edgeCount; i++) {
    offsets[us[i]! + 1]!++;
    offsets[vs[i]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) offsets[v + 1]! += offsets[v]!;
  const cursor = new Uint32Array(nodeCount);
  cursor.set(offsets.subarray(0, nodeCount));
  const heads = new Uint32Array(arcCount);
  const twins = new Uint32Array(arcCount);
  const residual = new Float64Array(arcCount);
  const edgeArc = new Uint32Array(edgeCount);
  for (let i = 0; i < edgeCount; i++) {
    const u = us[i]!;
    const v = vs[i]!;
    const a = cursor[u]!++;
    const b = cursor[v]!++;
    heads[a] = v;
    heads[b] = u;
    twins[a] = b;
    twins[b] = a;
    residual[a] = forward[i]!;
    residual[b] = backward[i]!;
    edgeArc[i] = a;
  }
  return {
    nodeCount,
    arcCount,
    offsets,
    heads,
    twins,
    residual,
    edgeArc,
    level: new Int32Array(nodeCount),
    cursor,
    queue: new Uint32Array(nodeCount),
    path: new Uint32Array(nodeCount),
    onPath: new Uint8Array(nodeCount),
  };
}

/** Breadth-first levels from `s` over arcs with residual capacity; true when `t` is reached. */
function buildLevels(net: FlowNetwork, s: number, t: number): boolean {
  const { offsets, heads, residual, level, queue, nodeCount } = net;
  level.fill(-1, 0, nodeCount);
  level[s] = 0;
  let head = 0;
  let tail = 0;
  queue[tail++] = s;
  let tLevel = -1;
  while (head < tail) {
    const v = queue[head++]!;
    const next = level[v]! + 1;
    if (tLevel >= 0 && next > tLevel) break;
    for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
      if (residual[a]! <= 0) continue;
      const w = heads[a]!;
      if (level[w]! >= 0) continue;
      level[w] = next;
      if (w === t) tLevel = next;
      queue[tail++] = w;
    }
  }
  if (tLevel < 0) return false;
  // Keep only the nodes on shortest paths to t (a backward search over the level graph, queued in `path`);
  // the others would only be dead ends for the depth-first search. `onPath` is all zeros between calls.
  const reached = tail;
  const { twins, onPath, path } = net;
  onPath[t] = 1;
  let h = 0;
  let b = 0;
  path[b++] = t;
  while (h < b) {
    const v = path[h++]!;
    const want = level[v]! - 1;
    for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
      const u = heads[a]!;
      if (onPath[u] === 1 || level[u] !== want || residual[twins[a]!]! <= 0) continue;
      onPath[u] = 1;
      path[b++] = u;
    }
  }
  for (let i = 0; i < reached; i++) {
    const v = queue[i]!;
    if (onPath[v] === 0) level[v] = -1;
  }
  for (let i = 0; i < b; i++) onPath[path[i]!] = 0;
  return true;
}

/**
 * Pushes a maximum flow from `s` to `t`, leaving the residual network in `net.residual`, and returns the
 * flow value. Allocates nothing.
 */
export function maxFlow(net: FlowNetwork, s: number, t: number): number {
  const { offsets, heads, twins, residual, level, cursor, path, nodeCount } = net;
  let flow = 0;
  while (buildLevels(net, s, t)) {
    cursor.set(offsets.subarray(0, nodeCount));
    let depth = 0;
    let v = s;
    for (;;) {
      if (v === t) {
        let f = Number.POSITIVE_INFINITY;
        for (let i = 0; i < depth; i++) {
          const r = residual[path[i]!]!;
          if (r < f) f = r;
        }
        for (let i = 0; i < depth; i++) {
          const a = path[i]!;
          residual[a]! -= f;
          residual[twins[a]!]! += f;
        }
        flow += f;
        let k = 0;
        while (residual[path[k]!]! > 0) k++;
        depth = k;
        v = heads[twins[path[k]!]!]!;
        continue;
      }
      const want = level[v]! + 1;
      let a = cursor[v]!;
      const end = offsets[v + 1]!;
      while (a < end && (residual[a]! <= 0 || level[heads[a]!] !== want)) a++;
      cursor[v] = a;
      if (a < end) {
        path[depth++] = a;
        v = heads[a]!;
        continue;
      }
      level[v] = -1; // dead end for the rest of this phase
      if (depth === 0) break;
      const back = path[--depth]!;
      v = heads[twins[back]!]!;
      cursor[v]!++;
    }
  }
  return flow;
}

/**
 * Marks in `side` (1 = source side) every node reachable from `s` over arcs with residual capacity after
 * `maxFlow`: the smallest source side of a minimum cut. Returns the number of nodes marked.
 */
export function sourceSide(net: FlowNetwork, s: number, side: Uint8Array): number {
  const { offsets, heads, residual, queue, nodeCount } = net;
  side.fill(0, 0, nodeCount);
  side[s] = 1;
  let head = 0;
  let tail = 0;
  queue[tail++] = s;
  while (head < tail) {
    const v = queue[head++]!;
    for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
      if (residual[a]! <= 0) continue;
      const w = heads[a]!;
      if (side[w] === 1) continue;
      side[w] = 1;
      queue[tail++] = w;
    }
  }
  return tail;
}
