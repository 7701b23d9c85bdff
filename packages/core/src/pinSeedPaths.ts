import { CAPACITY_SCALE, type FlowNetwork, UNCUTTABLE } from "./minCut";

/** Scratch buffers for `pinSeedPaths`; create once per network with `createPinScratch`. */
export interface PinScratch {
  readonly dist: Float64Array;
  readonly prevArc: Int32Array;
  readonly settled: Uint8Array;
  readonly heapKeys: Float64Array;
  readonly heapNodes: Uint32Array;
}

export function createPinScratch(nodeCount: number, arcCount: number): PinScratch {
  return {
    dist: new Float64Array(nodeCount),
    prevArc: new Int32Array(nodeCount),
    settled: new Uint8Array(nodeCount),
    heapKeys: new Float64Array(arcCount + 1),
    heapNodes: new Uint32Array(arcCount + 1),
  };
}

/**
 * Makes the seeds of one side inseparable (SPEC.md S4): a shortest-path tree from `seeds[0]` (arc length
 * CAPACITY_SCALE / capacity, so strong edges are preferred) reaches every other seed without entering
 * `blocked` nodes; the arcs of each tree path get UNCUTTABLE capacity in both directions, and the nodes on
 * them are set to 1 in `onPath` (pass it all zeros). Only nodes below `nodeCount` are used (super nodes above are skipped).
 * Returns -1, or the position in `seeds` of the first seed that cannot be reached. Allocates nothing.
 */
export function pinSeedPaths(
  net: FlowNetwork,
  nodeCount: number,
  seeds: Uint32Array,
  blocked: Uint8Array,
  onPath: Uint8Array,
  scratch: PinScratch,
): number {
  const count = seeds.length;
  if (count === 0) return -1;
  onPath[seeds[0]!] = 1;
  if (count === 1) return -1;
  const { offsets, heads, twins, residual } = net;
  const { dist, prevArc, settled, heapKeys, heapNodes } = scratch;
  dist.fill(Number.POSITIVE_INFINITY, 0, nodeCount);
  prevArc.fill(-1, 0, nodeCount);
  settled.fill(0, 0, nodeCount);
  // Seeds still to settle are counted down; a seed listed twice counts once.
  let remaining = 0;
  for (let i = 1; i < count; i++) {
    const s = seeds[i]!;
    if (settled[s] === 0 && s !== seeds[0]) {
      settled[s] = 2; // 2 = pending target
      remaining++;
    }
  }
  const root = seeds[0]!;
  dist[root] = 0;
  let size = 0;
  size = heapPush(heapKeys, heapNodes, size, 0, root);
  while (size > 0 && remaining > 0) {
    const v = heapNodes[0]!;
    const d = heapKeys[0]!;
    size = heapPop(heapKeys, heapNodes, size);
    if (settled[v] === 1 || d > dist[v]!) continue;
    if (settled[v] === 2) remaining--;
    settled[v] = 1;
    for (let a = offsets[v]!, end = offsets[v + 1]!; a < end; a++) {
      const w = heads[a]!;
      if (w >= nodeCount || settled[w] === 1 || blocked[w] === 1) continue;
      const cap = residual[a]!;
      if (cap <= 0) continue;
      const nd = d + CAPACITY_SCALE / cap;
      if (nd < dist[w]!) {
        dist[w] = nd;
        prevArc[w] = a;
        size = heapPush(heapKeys, heapNodes, size, nd, w);
      }
    }
  }
  for (let i = 1; i < count; i++) {
    let v = seeds[i]!;
    if (v === root) continue;
    if (settled[v] !== 1) return i;
    while (v !== root && onPath[v] !== 1) {
      onPath[v] = 1;
      const a = prevArc[v]!;
      residual[a] = UNCUTTABLE;
      residual[twins[a]!] = UNCUTTABLE;
      v = heads[twins[a]!]!;
    }
    // Stopping at a node already on a path is enough: that node's tree path to the root is pinned.
  }
  return -1;
}

function heapPush(keys: Float64Array, nodes: Uint32Array, size: number, key: number, node: number): number {
  let i = size;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (keys[p]! <= key) break;
    keys[i] = keys[p]!;
    nodes[i] = nodes[p]!;
    i = p;
  }
  keys[i] = key;
  nodes[i] = node;
  return size + 1;
}

function heapPop(keys: Float64Array, nodes: Uint32Array, size: number): number {
  const last = size - 1;
  const key = keys[last]!;
  const node = nodes[last]!;
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= last) break;
    if (c + 1 < last && keys[c + 1]! < keys[c]!) c++;
    if (keys[c]! >= key) break;
    keys[i] = keys[c]!;
    nodes[i] = nodes[c]!;
    i = c;
  }
  keys[i] = key;
  nodes[i] = node;
  return last;
}
