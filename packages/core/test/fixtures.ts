import { expect } from "vitest";
import {
  createProofreadingState,
  createSupervoxelGraph,
  type ProofreadingOptions,
  type ProofreadingState,
  type SupervoxelGraph,
} from "../src/index";
import type { Rng } from "./rng";

/** A graph from a readable edge list: [a, b, affinity]; positions default to (10·id, 0, 0) nm, null for none. */
export function graphOf(
  ids: readonly (number | bigint)[],
  edges: readonly (readonly [number | bigint, number | bigint, number])[],
  positions?: readonly (readonly [number, number, number])[] | null,
): SupervoxelGraph {
  const big = ids.map(BigInt);
  return createSupervoxelGraph({
    supervoxelIds: BigUint64Array.from(big),
    edges: {
      a: BigUint64Array.from(edges.map((e) => BigInt(e[0]))),
      b: BigUint64Array.from(edges.map((e) => BigInt(e[1]))),
      affinities: Float32Array.from(edges.map((e) => e[2])),
    },
    positions:
      positions === null
        ? undefined
        : Float32Array.from((positions ?? big.map((id) => [Number(id) * 10, 0, 0] as const)).flat()),
  });
}

/**
 * Two neurons falsely merged: chain 1-2-3-4 and chain 5-6-7-8 (affinity 0.9), joined by 4–5 (0.6, above
 * the 0.5 threshold); a weak 2–6 (0.1) and 8–9 (0.2) below it, so supervoxel 9 is a segment of its own.
 */
export function twoNeurons(options: Partial<ProofreadingOptions> = {}): ProofreadingState {
  const g = graphOf(
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
    [
      [1, 2, 0.9],
      [2, 3, 0.9],
      [3, 4, 0.9],
      [4, 5, 0.6],
      [5, 6, 0.9],
      [6, 7, 0.9],
      [7, 8, 0.9],
      [2, 6, 0.1],
      [8, 9, 0.2],
    ],
  );
  return createProofreadingState(g, { threshold: 0.5, ...options });
}

let counter = 0;
/** A fresh operation id and the usual request fields. */
export function req(author = "ana"): { id: string; author: string; time: number } {
  counter++;
  return { id: `op-${counter}`, author, time: 1_700_000_000_000 + counter };
}

/** A random graph: `n` supervoxels with random ids (some above 2^53), a random spanning tree plus `extra` edges. */
export function randomGraph(rng: Rng, n: number, extra: number): SupervoxelGraph {
  const ids = new Set<bigint>();
  while (ids.size < n) ids.add(BigInt(rng.int(1 << 30)) * (rng.next() < 0.3 ? 1n << 28n : 1n) + 1n);
  const list = [...ids];
  const edges: [bigint, bigint, number][] = [];
  const aff = () => (rng.next() < 0.7 ? 0.5 + 0.5 * rng.next() : 0.5 * rng.next());
  for (let i = 1; i < n; i++) edges.push([list[i]!, list[rng.int(i)]!, aff()]);
  for (let k = 0; k < extra; k++) {
    const a = rng.int(n);
    const b = rng.int(n);
    if (a !== b) edges.push([list[a]!, list[b]!, aff()]);
  }
  const positions = list.map(() => [rng.int(1000), rng.int(1000), rng.int(1000)] as const);
  return graphOf(list, edges, positions);
}

/**
 * Checks the agglomeration against an independent union-find over `activeEdges()` (A2): every supervoxel
 * in exactly one segment, segments equal to connected components, sizes and member lists consistent.
 */
export function expectConsistent(state: ProofreadingState): void {
  const g = state.graph;
  const n = g.size;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const [a, b] of state.activeEdges()) {
    const ra = find(g.indexOf(a));
    const rb = find(g.indexOf(b));
    if (ra !== rb) parent[ra] = rb;
  }
  const rootOfComponent = new Map<number, bigint>();
  const componentOfRoot = new Map<bigint, number>();
  const size = new Map<bigint, number>();
  for (let v = 0; v < n; v++) {
    const c = find(v);
    const r = state.rootOfIndex(v);
    if (!rootOfComponent.has(c)) rootOfComponent.set(c, r);
    if (!componentOfRoot.has(r)) componentOfRoot.set(r, c);
    expect(rootOfComponent.get(c), `supervoxel ${g.idAt(v)}: one component, one root`).toBe(r);
    expect(componentOfRoot.get(r), `root ${r}: one root, one component`).toBe(c);
    size.set(r, (size.get(r) ?? 0) + 1);
  }
  const roots = state.roots();
  expect(roots.length).toBe(size.size);
  expect(state.segmentCount).toBe(size.size);
  let total = 0;
  for (const r of roots) {
    expect(state.sizeOf(r)).toBe(size.get(r));
    const members = state.supervoxelsOf(r);
    expect(members.length).toBe(size.get(r));
    for (const id of members) expect(state.rootOf(id)).toBe(r);
    total += members.length;
  }
  expect(total).toBe(n);
}

/** Everything observable about a state, for equality checks (replay equals live). */
export function snapshot(state: ProofreadingState): {
  edges: string[];
  roots: string[];
  seq: number;
  live: string[];
} {
  const roots: string[] = [];
  for (let v = 0; v < state.graph.size; v++) roots.push(state.rootOfIndex(v).toString());
  return {
    edges: state.activeEdges().map(([a, b]) => `${a}-${b}`),
    roots,
    seq: state.seq,
    live: state.roots().map(String),
  };
}

/** Runs `fn`, expects it to throw `type`, checks that the state did not change, and returns the error. */
export function refused<E extends Error>(
  state: ProofreadingState,
  type: abstract new (...args: never[]) => E,
  fn: () => unknown,
): E {
  const before = snapshot(state);
  const log = state.log.length;
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect(snapshot(state)).toEqual(before);
  expect(state.log.length).toBe(log);
  return error as E;
}
