import { availableParallelism, loadavg } from "node:os";
import {
  CoreError,
  createProofreadingState,
  createSupervoxelGraph,
  createSupervoxelGraphFromIndices,
  type Operation,
  type PointInput,
  type ProofreadingState,
  replayOperations,
  type SupervoxelGraph,
} from "../src/index";
import { createSyntheticGraph, type SyntheticGraph } from "./createSyntheticGraph";
import { createRng, type Rng } from "../test/rng";

/**
 * The core benchmark (`pnpm danio bench core --json`, or `pnpm --filter @danio/core bench`): builds the
 * synthetic graph of `createSyntheticGraph` (1,000,000 supervoxels, about 3,000,000 edges by default) and
 * measures build time, memory per supervoxel and per edge, merge and split latency (splits on segments of
 * 1,000, 10,000 and 100,000 supervoxels, each undone after timing), root lookup, and the replay of a
 * 10,000-operation log. Returns one JSON-ready object; times in the unit their key names.
 */
export interface BenchCoreOptions {
  supervoxels?: number;
  onProgress?: (message: string) => void;
  seed?: number;
  /** Operations in the replayed log (default 10,000). */
  replayOperations?: number;
}

type Figures = Record<string, number | Record<string, number>>;

export async function benchCore(options: BenchCoreOptions = {}): Promise<Figures> {
  const supervoxels = options.supervoxels ?? 1_000_000;
  const progress = options.onProgress ?? (() => {});
  const rng = createRng(options.seed ?? 7);
  const out: Figures = {};
  // Other work on the machine slows every figure; record how busy it was.
  out.loadAverage1mAtStart = round(loadavg()[0]!);
  out.cpus = availableParallelism();

  progress(`generating a synthetic graph of ${supervoxels.toLocaleString("en")} supervoxels`);
  const syn = createSyntheticGraph(supervoxels, options.seed ?? 7);
  await tick();
  let t = performance.now();
  const graph = createSupervoxelGraphFromIndices(syn.input);
  out.buildSeconds = round((performance.now() - t) / 1000);
  {
    // The same graph from ids (what an importer has): sort the ids, map 2 × edges endpoints by binary search.
    const { supervoxelIds, edgeA, edgeB, affinities, positions } = syn.input;
    const a = new BigUint64Array(edgeA.length);
    const b = new BigUint64Array(edgeB.length);
    for (let i = 0; i < a.length; i++) {
      a[i] = supervoxelIds[edgeA[i]!]!;
      b[i] = supervoxelIds[edgeB[i]!]!;
    }
    const reversed = supervoxelIds.slice().reverse();
    t = performance.now();
    const fromIds = createSupervoxelGraph({
      supervoxelIds: reversed,
      edges: { a, b, affinities },
      positions,
    });
    out.buildFromIdsSeconds = round((performance.now() - t) / 1000);
    if (fromIds.edgeCount !== graph.edgeCount) throw new Error("the graph built from ids differs");
  }
  t = performance.now();
  const state = createProofreadingState(graph, { threshold: syn.threshold });
  out.agglomerationSeconds = round((performance.now() - t) / 1000);
  out.supervoxels = graph.size;
  out.edges = graph.edgeCount;
  out.initialSegments = state.segmentCount;
  const memory = state.memoryBytes();
  out.bytesPerSupervoxel = round(memory.perSupervoxel / graph.size);
  out.bytesPerEdge = round(memory.perEdge / graph.edgeCount);
  out.otherBytes = memory.other;
  progress(`built in ${out.buildSeconds} s + ${out.agglomerationSeconds} s; ${state.segmentCount} segments`);

  const groups = groupMembers(syn);
  for (const [kind, label, samples] of [
    [2, "split1k", 200],
    [1, "split10k", 100],
    [0, "split100k", 30],
  ] as const) {
    progress(`splitting ${label.slice(5)}-supervoxel segments (${samples} samples)`);
    await tick();
    out[label] = benchSplits(state, graph, groups, kind, samples, rng);
  }

  progress("merging 2,000 pairs of neighbouring segments");
  await tick();
  const mergeMs: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const pair = neighbourPairAcross(state, graph, rng);
    if (pair === null) break;
    const [a, b] = pair;
    const start = performance.now();
    state.merge({ ...request("merge"), points: [point(graph, a), point(graph, b)] });
    mergeMs.push(performance.now() - start);
  }
  out.mergeMs = summary(mergeMs);

  progress("looking up roots");
  const lookupUs: number[] = [];
  const ids = graph.supervoxelIds;
  const batch: bigint[] = new Array(1000);
  let sink = 0n;
  for (let b = 0; b < 200; b++) {
    for (let i = 0; i < batch.length; i++) batch[i] = ids[rng.int(ids.length)]!;
    const start = performance.now();
    for (let i = 0; i < batch.length; i++) sink ^= state.rootOf(batch[i]!);
    lookupUs.push(((performance.now() - start) * 1000) / batch.length);
  }
  if (sink === -1n) progress("");
  out.rootLookupUs = summary(lookupUs);

  const target = options.replayOperations ?? 10_000;
  progress(`proofreading a fresh copy: a log of ${target.toLocaleString("en")} operations`);
  await tick();
  const live = createProofreadingState(graph, { threshold: syn.threshold });
  out.logMix = buildLog(live, graph, syn, groups, target, rng);
  progress("replaying the log");
  await tick();
  t = performance.now();
  const fresh = createProofreadingState(graph, { threshold: syn.threshold });
  const initialSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  for (const op of live.log.all()) fresh.apply(op);
  const replaySeconds = (performance.now() - t) / 1000;
  let matches = fresh.segmentCount === live.segmentCount && fresh.seq === live.seq ? 1 : 0;
  for (let v = 0; v < graph.size && matches === 1; v++) {
    if (fresh.rootOfIndex(v) !== live.rootOfIndex(v)) matches = 0;
  }
  out.replay = {
    operations: live.seq,
    seconds: round(replaySeconds),
    initialAgglomerationSeconds: round(initialSeconds),
    matchesLive: matches,
  };
  // replayOperations is the public path; it must agree too
  if (replayOperations(graph, { threshold: syn.threshold }, []).segmentCount !== out.initialSegments) {
    throw new Error("replay of an empty log differs from the initial agglomeration");
  }
  out.loadAverage1mAtEnd = round(loadavg()[0]!);
  const usage = process.memoryUsage();
  out.processMemoryMB = {
    rss: round(usage.rss / 2 ** 20),
    heapUsed: round(usage.heapUsed / 2 ** 20),
    arrayBuffers: round(usage.arrayBuffers / 2 ** 20),
  };
  progress("done");
  return out;
}

/** Members of each group's two halves, skipping orphan fragments (they are not in the group's segment). */
interface GroupHalves {
  kind: 0 | 1 | 2;
  a: number[];
  b: number[];
}

function groupMembers(syn: SyntheticGraph): Map<number, GroupHalves> {
  const out = new Map<number, GroupHalves>();
  for (let v = 0; v < syn.group.length; v++) {
    const g = syn.group[v]!;
    let entry = out.get(g);
    if (entry === undefined) {
      entry = { kind: syn.groupKind.get(g)!, a: [], b: [] };
      out.set(g, entry);
    }
    (syn.half[v] === 0 ? entry.a : entry.b).push(v);
  }
  return out;
}

function benchSplits(
  state: ProofreadingState,
  graph: SupervoxelGraph,
  groups: Map<number, GroupHalves>,
  kind: 0 | 1 | 2,
  samples: number,
  rng: Rng,
): Record<string, number> {
  const candidates = [...groups.values()].filter((g) => g.kind === kind);
  if (candidates.length === 0) return { count: 0 };
  const splitMs: number[] = [];
  const undoMs: number[] = [];
  const sizes: number[] = [];
  let refused = 0;
  for (let attempt = 0; splitMs.length < samples && attempt < samples * 20; attempt++) {
    const g = candidates[rng.int(candidates.length)]!;
    const sources = pickSeeds(g.a, 1 + rng.int(3), rng);
    const sinks = pickSeeds(g.b, 1 + rng.int(3), rng);
    const root = state.rootOfIndex(sources[0]!);
    if (![...sources, ...sinks].every((v) => state.rootOfIndex(v) === root)) continue; // halves not merged here
    const size = state.sizeOf(root);
    let op: Operation;
    const start = performance.now();
    try {
      op = state.split({
        ...request("split"),
        sources: sources.map((v) => point(graph, v)),
        sinks: sinks.map((v) => point(graph, v)),
      });
    } catch (e) {
      if (!(e instanceof CoreError)) throw e;
      refused++;
      continue;
    }
    splitMs.push(performance.now() - start);
    sizes.push(size);
    const u = performance.now();
    state.undo({ ...request("undo"), target: op.id });
    undoMs.push(performance.now() - u);
  }
  const s = summary(splitMs);
  const u = summary(undoMs);
  return {
    p50: s.p50!,
    p99: s.p99!,
    count: s.count!,
    refused,
    medianSegmentSize: quantile(sizes, 0.5),
    undoP50: u.p50!,
  };
}

function pickSeeds(list: readonly number[], count: number, rng: Rng): number[] {
  const out = new Set<number>();
  while (out.size < count) out.add(list[rng.int(list.length)]!);
  return [...out];
}

function neighbourPairAcross(
  state: ProofreadingState,
  graph: SupervoxelGraph,
  rng: Rng,
): [number, number] | null {
  for (let tries = 0; tries < 200; tries++) {
    const v = rng.int(graph.size);
    const d = graph.degree(v);
    if (d === 0) continue;
    const w = graph.neighbors[graph.offsets[v]! + rng.int(d)]!;
    if (state.rootOfIndex(v) !== state.rootOfIndex(w)) return [v, w];
  }
  return null;
}

/**
 * Proofreads like a team would until the log holds `target` operations, and returns how many of each kind
 * were applied or refused: attach orphan fragments to a neighbouring neuron (merge), split falsely merged
 * cube and bar pairs inside a box around the seeds, undo recent edits, redo undone ones.
 */
function buildLog(
  state: ProofreadingState,
  graph: SupervoxelGraph,
  syn: SyntheticGraph,
  groups: Map<number, GroupHalves>,
  target: number,
  rng: Rng,
): Record<string, number> {
  const cubes = [...groups.values()].filter((g) => g.kind !== 0);
  const orphans: number[] = [];
  for (let v = 0; v < graph.size; v++) if (state.sizeOf(state.rootOfIndex(v)) === 1) orphans.push(v);
  const mix: Record<string, number> = { merge: 0, split: 0, undo: 0, redo: 0, refused: 0 };
  const recent: Operation[] = [];
  const undone: Operation[] = [];
  while (state.seq < target) {
    const r = rng.next();
    try {
      if (r < 0.5) {
        const v = orphans[rng.int(orphans.length)]!;
        const d = graph.degree(v);
        if (d === 0 || state.sizeOf(state.rootOfIndex(v)) !== 1) continue; // attached already
        const w = graph.neighbors[graph.offsets[v]! + rng.int(d)]!;
        if (state.rootOfIndex(w) === state.rootOfIndex(v)) continue;
        recent.push(state.merge({ ...request("merge"), points: [point(graph, v), point(graph, w)] }));
        mix.merge!++;
      } else if (r < 0.7) {
        const g = cubes[rng.int(cubes.length)]!;
        const seeds = [...pickSeeds(g.a, 1 + rng.int(2), rng), ...pickSeeds(g.b, 1 + rng.int(2), rng)];
        const root = state.rootOfIndex(seeds[0]!);
        if (!seeds.every((v) => state.rootOfIndex(v) === root)) continue; // not (or no longer) merged
        const k = seeds.findIndex((v) => syn.half[v] === 1);
        const sources = seeds.slice(0, k).map((v) => point(graph, v));
        const sinks = seeds.slice(k).map((v) => point(graph, v));
        recent.push(state.split({ ...request("split"), sources, sinks, box: { padding: 200 } }));
        mix.split!++;
      } else if (r < 0.88) {
        if (recent.length === 0) continue;
        const op = recent.splice(
          Math.max(0, recent.length - 1 - rng.int(Math.min(recent.length, 20))),
          1,
        )[0]!;
        state.undo({ ...request("undo"), target: op.id });
        undone.push(op);
        mix.undo!++;
      } else {
        if (undone.length === 0) continue;
        const op = undone.splice(undone.length - 1 - rng.int(Math.min(undone.length, 5)), 1)[0]!;
        state.redo({ ...request("redo"), target: op.id });
        recent.push(op);
        mix.redo!++;
      }
    } catch (e) {
      if (!(e instanceof CoreError)) throw e;
      mix.refused!++;
      mix[e.name] = (mix[e.name] ?? 0) + 1;
    }
  }
  return mix;
}

let requestCounter = 0;
function request(kind: string): { id: string; author: string; time: number } {
  requestCounter++;
  return { id: `bench-${kind}-${requestCounter}`, author: `user${requestCounter % 7}`, time: requestCounter };
}

function point(graph: SupervoxelGraph, v: number): PointInput {
  const p = graph.positions!;
  return { supervoxel: graph.idAt(v), position: [p[3 * v]!, p[3 * v + 1]!, p[3 * v + 2]!] };
}

function summary(values: number[]): Record<string, number> {
  return { p50: round(quantile(values, 0.5)), p99: round(quantile(values, 0.99)), count: values.length };
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
