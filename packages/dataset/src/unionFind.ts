/**
 * Union–find over dense indices 0..n-1 (path halving, union by size), used to find the segments of a
 * thresholded agglomeration. A small local copy so that packages/dataset does not depend on the
 * in-progress graph code of packages/core.
 */
export interface UnionFind {
  parent: Int32Array;
  size: Int32Array;
}

export function createUnionFind(n: number): UnionFind {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return { parent, size: new Int32Array(n).fill(1) };
}

export function findRoot(uf: UnionFind, i: number): number {
  const p = uf.parent;
  while (p[i] !== i) {
    p[i] = p[p[i]!]!;
    i = p[i]!;
  }
  return i;
}

/** Joins the sets of a and b; returns false if they were already one set. */
export function union(uf: UnionFind, a: number, b: number): boolean {
  let ra = findRoot(uf, a);
  let rb = findRoot(uf, b);
  if (ra === rb) return false;
  if (uf.size[ra]! < uf.size[rb]! || (uf.size[ra] === uf.size[rb] && rb < ra)) {
    const t = ra;
    ra = rb;
    rb = t;
  }
  uf.parent[rb] = ra;
  uf.size[ra] = uf.size[ra]! + uf.size[rb]!;
  return true;
}

/**
 * Labels the components of a graph on n nodes whose edges (edgeA[e], edgeB[e]) are kept when keep(e):
 * writes to `out` a component number per node, numbered 0.. in order of each component's smallest node,
 * and returns the number of components.
 */
export function labelComponents(
  n: number,
  edgeA: Uint32Array,
  edgeB: Uint32Array,
  keep: (e: number) => boolean,
  out: Uint32Array,
): number {
  const uf = createUnionFind(n);
  for (let e = 0; e < edgeA.length; e++) if (keep(e)) union(uf, edgeA[e]!, edgeB[e]!);
  const number = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = findRoot(uf, i);
    if (number[r] === -1) number[r] = count++;
    out[i] = number[r]!;
  }
  return count;
}
