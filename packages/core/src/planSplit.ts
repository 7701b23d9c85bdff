import type { IndexEdge } from "./Agglomeration";
import type { Piece } from "./findPieces";
import {
  CutLeavesSeedsConnectedError,
  EmptySeedsError,
  InvalidRequestError,
  MissingPositionError,
  SeedsAlreadyApartError,
  SeedsCannotStayTogetherError,
  SeedsInDifferentSegmentsError,
  SourceIsSinkError,
  SplitIsolatesSupervoxelError,
} from "./errors";
import { assertCanEdit } from "./locks";
import { capacityOf, createFlowNetwork, maxFlow, sourceSide, UNCUTTABLE } from "./minCut";
import type { EdgePair, OperationPoint, PointInput, SplitRequest } from "./Operation";
import { createPinScratch, pinSeedPaths } from "./pinSeedPaths";
import type { EditPlan, ProofreadingState } from "./ProofreadingState";
import { checkRequestBase, checkSeenRoot, pointIndex, positionOf, toOperationPoint } from "./requestChecks";

/** What a split would do, computed without changing anything (SPEC.md S9). */
export interface SplitPreview {
  /** The segment being split. */
  readonly root: bigint;
  /** Supervoxel ids of the piece that keeps the sources, ascending. */
  readonly sourceSide: BigUint64Array;
  /** Supervoxel ids of the piece that keeps the sinks, ascending. */
  readonly sinkSide: BigUint64Array;
  /** The edges the split removes. */
  readonly cutEdges: readonly EdgePair[];
  /** Sum of the affinities of the cut edges (a merge-added edge counts 1). */
  readonly cutWeight: number;
  /** Sum of the integer capacities of the cut edges (units of 2^-24 affinity); equals `maxFlow` (S1). */
  readonly cutCapacity: number;
  /** Value of the maximum flow from the sources to the sinks, in the same units. */
  readonly maxFlow: number;
  /** Edges made uncuttable to keep the seeds of one side together (S4). */
  readonly pinnedEdges: readonly EdgePair[];
  /** Supervoxels the cut was computed on: the segment, or its part inside the box (S5). */
  readonly regionSize: number;
}

/** The internal result shared by `planSplit` and `previewSplit`. */
interface SplitComputation {
  readonly root: bigint;
  readonly slot: number;
  readonly points: readonly OperationPoint[];
  readonly cut: readonly IndexEdge[];
  readonly pinned: readonly IndexEdge[];
  readonly cutWeight: number;
  readonly cutCapacity: number;
  readonly flow: number;
  readonly regionSize: number;
  /**
   * The two pieces, source side first, one of them enumerated (members) and the other not (null); the
   * commit uses them instead of searching again.
   */
  readonly pieces: readonly [Piece, Piece];
}

/** Validates a split and returns its plan, removing a minimum cut; changes nothing (S1–S8). */
export function planSplit(state: ProofreadingState, request: SplitRequest): EditPlan {
  const c = computeSplit(state, request);
  return {
    seq: state.seq + 1,
    type: "split",
    id: request.id,
    author: request.author,
    time: request.time,
    points: c.points,
    added: [],
    removed: c.cut,
    knownPieces: { slot: c.slot, pieces: c.pieces },
  };
}

/** The cut that `planSplit` would remove, with both sides; changes nothing (S9). */
export function previewSplit(state: ProofreadingState, request: SplitRequest): SplitPreview {
  const c = computeSplit(state, request);
  const agg = state.agg;
  const ids = state.graph.supervoxelIds;
  const toIds = (list: ArrayLike<number>): BigUint64Array => {
    const out = new BigUint64Array(list.length);
    for (let i = 0; i < list.length; i++) out[i] = ids[list[i]!]!;
    return out.sort();
  };
  const rest = (other: readonly number[]): number[] => {
    const epoch = agg.nextEpoch();
    for (const v of other) agg.mark[v] = epoch;
    const out: number[] = [];
    for (const v of agg.membersOfSlot(c.slot)) if (agg.mark[v] !== epoch) out.push(v);
    return out;
  };
  const [source, sink] = c.pieces;
  const sourceList = source.members ?? rest(sink.members!);
  const sinkList = sink.members ?? rest(source.members!);
  const pair = (e: IndexEdge): EdgePair => (e.a < e.b ? [ids[e.a]!, ids[e.b]!] : [ids[e.b]!, ids[e.a]!]);
  return {
    root: c.root,
    sourceSide: toIds(sourceList),
    sinkSide: toIds(sinkList),
    cutEdges: c.cut.map(pair),
    cutWeight: c.cutWeight,
    cutCapacity: c.cutCapacity,
    maxFlow: c.flow,
    pinnedEdges: c.pinned.map(pair),
    regionSize: c.regionSize,
  };
}

function computeSplit(state: ProofreadingState, request: SplitRequest): SplitComputation {
  checkRequestBase(state, request, "S2");
  const agg = state.agg;
  const graph = state.graph;
  if (!Array.isArray(request.sources) || request.sources.length === 0) throw new EmptySeedsError("sources");
  if (!Array.isArray(request.sinks) || request.sinks.length === 0) throw new EmptySeedsError("sinks");
  const srcAll = request.sources.map((p, i) => pointIndex(state, p, `sources[${i}]`, "S2"));
  const snkAll = request.sinks.map((p, i) => pointIndex(state, p, `sinks[${i}]`, "S2"));
  request.sources.forEach((p, i) => {
    checkSeenRoot(state, p, srcAll[i]!, "S8");
  });
  request.sinks.forEach((p, i) => {
    checkSeenRoot(state, p, snkAll[i]!, "S8");
  });
  const sources = unique(srcAll);
  const sinks = unique(snkAll);
  for (const v of sinks) if (sources.includes(v)) throw new SourceIsSinkError(graph.idAt(v));
  const root = agg.rootOfIndex(sources[0]!);
  for (const v of sources) {
    const r = agg.rootOfIndex(v);
    if (r !== root) throw new SeedsInDifferentSegmentsError(graph.idAt(v), r, root);
  }
  const sinkRoot = agg.rootOfIndex(sinks[0]!);
  for (const v of sinks) {
    const r = agg.rootOfIndex(v);
    if (r !== sinkRoot) throw new SeedsInDifferentSegmentsError(graph.idAt(v), r, sinkRoot);
  }
  if (root !== sinkRoot) throw new SeedsAlreadyApartError(root, sinkRoot);
  if (request.access !== undefined) assertCanEdit(request.access, [root], request.id);
  const slot = agg.segmentOf[sources[0]!]!;
  const box = request.box === undefined ? null : seedBox(state, request, srcAll, snkAll);

  // The region: the segment, or the part of it reachable from the seeds inside the box.
  const nodes = box === null ? agg.membersOfSlot(slot) : regionInBox(state, [...sources, ...sinks], box);
  const n = nodes.length;
  const epoch = agg.nextEpoch();
  const { mark, label } = agg;
  for (let i = 0; i < n; i++) {
    mark[nodes[i]!] = epoch;
    label[nodes[i]!] = i;
  }

  // Local undirected edges (each once, from its lower local index), then the super source and sink arcs.
  const { m, us, vs, fwd, bwd } = regionEdges(state, nodes, epoch, sources.length + sinks.length);
  let k = m;
  let finite = 0;
  for (let i = 0; i < m; i++) finite += fwd[i]!;
  if (finite >= UNCUTTABLE / 2)
    throw new Error(`internal: the region's total capacity ${finite} is too large`);
  const S = n;
  const T = n + 1;
  for (const v of sources) {
    us[k] = S;
    vs[k] = label[v]!;
    fwd[k++] = UNCUTTABLE;
  }
  for (const v of sinks) {
    us[k] = label[v]!;
    vs[k] = T;
    fwd[k++] = UNCUTTABLE;
  }
  const total = k;
  const net = createFlowNetwork(n + 2, total, us, vs, fwd, bwd);

  // Same-side seeds are joined by uncuttable paths; the sinks' paths avoid the sources' (S4).
  const srcLocal = Uint32Array.from(sources, (v) => label[v]!);
  const snkLocal = Uint32Array.from(sinks, (v) => label[v]!);
  if (sources.length > 1 || sinks.length > 1) {
    const scratch = createPinScratch(n, net.arcCount);
    const blocked = new Uint8Array(n);
    for (const x of snkLocal) blocked[x] = 1;
    const srcPins = new Uint8Array(n);
    const hint =
      box === null
        ? "every connection between them passes through the other side's seeds"
        : "inside the box they are connected only through the other side's seeds, if at all; use a larger padding";
    let r = pinSeedPaths(net, n, srcLocal, blocked, srcPins, scratch);
    if (r >= 0)
      throw new SeedsCannotStayTogetherError(
        "sources",
        graph.idAt(sources[0]!),
        graph.idAt(sources[r]!),
        hint,
      );
    r = pinSeedPaths(net, n, snkLocal, srcPins, new Uint8Array(n), scratch);
    if (r >= 0) {
      throw new SeedsCannotStayTogetherError(
        "sinks",
        graph.idAt(sinks[0]!),
        graph.idAt(sinks[r]!),
        `${hint}, or through the path that keeps the sources together`,
      );
    }
  }
  const pinned: IndexEdge[] = [];
  for (let i = 0; i < m; i++) {
    if (net.residual[net.edgeArc[i]!] === UNCUTTABLE) pinned.push({ a: nodes[us[i]!]!, b: nodes[vs[i]!]! });
  }

  const flow = maxFlow(net, S, T);
  if (!(flow < UNCUTTABLE)) throw new Error("internal: an uncuttable path joins the sources and the sinks");
  const side = new Uint8Array(n + 2);
  sourceSide(net, S, side);
  const cut: IndexEdge[] = [];
  let cutCapacity = 0;
  let cutWeight = 0;
  for (let i = 0; i < m; i++) {
    if (side[us[i]!] === side[vs[i]!]) continue;
    const a = nodes[us[i]!]!;
    const b = nodes[vs[i]!]!;
    cut.push({ a, b });
    cutCapacity += fwd[i]!;
    const e = graph.edgeIndex(a, b);
    cutWeight += e >= 0 ? graph.affinities[e]! : 1;
  }
  if (cutCapacity !== flow)
    throw new Error(`internal: cut capacity ${cutCapacity} differs from max flow ${flow}`);

  // The pieces the cut leaves in the whole segment (S6, S7, S10). Without a box the region is the whole
  // segment, and the two sides are exactly the two pieces: every node of the source side is reachable from a
  // source, every component of the other side holds a sink (all capacities are positive), and the pinned
  // paths keep each side's seeds together. With a box the segment may join them around it: search.
  const seeds = [...sources, ...sinks];
  const isSource = (i: number) => i < sources.length;
  const segmentSize = agg.sizeOfSlot(slot);
  let sourcePiece: Piece;
  let sinkPiece: Piece;
  if (box === null) {
    let sourceCount = 0;
    for (let i = 0; i < n; i++) sourceCount += side[i]!;
    const enumerateSources = sourceCount <= n - sourceCount;
    const list: number[] = [];
    const want = enumerateSources ? 1 : 0;
    for (let i = 0; i < n; i++) if (side[i] === want) list.push(nodes[i]!);
    const srcStarts = sources.map((_, i) => i);
    const snkStarts = sinks.map((_, i) => sources.length + i);
    sourcePiece = { firstStart: sources[0]!, members: enumerateSources ? list : null, starts: srcStarts };
    sinkPiece = { firstStart: sinks[0]!, members: enumerateSources ? null : list, starts: snkStarts };
  } else {
    const pieces = agg.withEdgesInactive(cut, () => agg.pieces(seeds));
    for (const piece of pieces) {
      const src = piece.starts.find(isSource);
      const snk = piece.starts.find((i) => !isSource(i));
      if (src !== undefined && snk !== undefined) {
        throw new CutLeavesSeedsConnectedError(
          graph.idAt(seeds[src]!),
          graph.idAt(seeds[snk]!),
          "they stay connected around the box; use a larger padding, or no box",
        );
      }
    }
    if (pieces.length !== 2) throw new Error(`internal: the cut leaves ${pieces.length} pieces, expected 2`);
    sourcePiece = pieces.find((p) => p.starts.some(isSource))!;
    sinkPiece = pieces.find((p) => p.starts.some((i) => !isSource(i)))!;
  }
  const sourceSize = sourcePiece.members?.length ?? segmentSize - sinkPiece.members!.length;
  const sinkSize = segmentSize - sourceSize;
  if (sourceSize === 1) throw new SplitIsolatesSupervoxelError(graph.idAt(sources[0]!), "sources");
  if (sinkSize === 1) throw new SplitIsolatesSupervoxelError(graph.idAt(sinks[0]!), "sinks");

  const points: OperationPoint[] = [
    ...dedupePoints(request.sources, srcAll).map((p) => toOperationPoint(p, "source")),
    ...dedupePoints(request.sinks, snkAll).map((p) => toOperationPoint(p, "sink")),
  ];
  return {
    root,
    slot,
    points,
    cut,
    pinned,
    cutWeight,
    cutCapacity,
    flow,
    regionSize: n,
    pieces: [sourcePiece, sinkPiece],
  };
}

/**
 * The active edges inside the region, each once (from its lower local index u < v), with integer capacities,
 * in arrays with `spare` free entries at the end for the super source and sink arcs.
 */
function regionEdges(state: ProofreadingState, nodes: Uint32Array, epoch: number, spare: number) {
  const agg = state.agg;
  const { offsets, neighbors, slotEdge, affinities } = state.graph;
  const { active, mark, label, hasExtra } = agg;
  let bound = 0;
  for (let u = 0; u < nodes.length; u++) {
    const x = nodes[u]!;
    bound += offsets[x + 1]! - offsets[x]!;
    if (hasExtra[x] === 1) bound += agg.extraAdj.get(x)!.length;
  }
  const size = (bound >> 1) + spare;
  const us = new Uint32Array(size);
  const vs = new Uint32Array(size);
  const fwd = new Float64Array(size);
  const bwd = new Float64Array(size);
  let m = 0;
  const add = (u: number, v: number, affinity: number) => {
    const cap = capacityOf(affinity);
    us[m] = u;
    vs[m] = v;
    fwd[m] = cap;
    bwd[m] = cap;
    m++;
  };
  for (let u = 0; u < nodes.length; u++) {
    const x = nodes[u]!;
    for (let s = offsets[x]!, end = offsets[x + 1]!; s < end; s++) {
      const e = slotEdge[s]!;
      if (active[e] === 0) continue;
      const y = neighbors[s]!;
      if (mark[y] !== epoch) continue;
      const v = label[y]!;
      if (v > u) add(u, v, affinities[e]!);
    }
    if (hasExtra[x] === 1) {
      for (const k of agg.extraAdj.get(x)!) {
        if (agg.extraActive[k] === 0) continue;
        const y = agg.extraLo[k] === x ? agg.extraHi[k]! : agg.extraLo[k]!;
        if (mark[y] !== epoch) continue;
        const v = label[y]!;
        if (v > u) add(u, v, 1);
      }
    }
  }
  return { m, us, vs, fwd, bwd };
}

interface Box {
  readonly min: [number, number, number];
  readonly max: [number, number, number];
}

function seedBox(state: ProofreadingState, request: SplitRequest, srcAll: number[], snkAll: number[]): Box {
  const padding = request.box!.padding;
  if (typeof padding !== "number" || !(padding >= 0) || !Number.isFinite(padding)) {
    throw new InvalidRequestError(
      "S5",
      "box.padding",
      `expected a distance ≥ 0 in nm, got ${String(padding)}`,
    );
  }
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  const add = (p: PointInput, v: number) => {
    const x = positionOf(state, p, v);
    if (x === null)
      throw new MissingPositionError("S5", p.supervoxel, "the split box around the seeds needs");
    for (let d = 0; d < 3; d++) {
      min[d] = Math.min(min[d]!, x[d]! - padding);
      max[d] = Math.max(max[d]!, x[d]! + padding);
    }
  };
  request.sources.forEach((p, i) => {
    add(p, srcAll[i]!);
  });
  request.sinks.forEach((p, i) => {
    add(p, snkAll[i]!);
  });
  if (state.graph.positions === null) {
    throw new MissingPositionError(
      "S5",
      request.sources[0]!.supervoxel,
      "the split box needs for every supervoxel (the dataset has none)",
    );
  }
  return { min, max };
}

/** Supervoxels reachable from the seeds over active edges without leaving the box (seeds always included). */
function regionInBox(state: ProofreadingState, seeds: readonly number[], box: Box): Uint32Array {
  const agg = state.agg;
  const { offsets, neighbors, slotEdge } = state.graph;
  const pos = state.graph.positions!;
  const { active, mark, hasExtra } = agg;
  const epoch = agg.nextEpoch();
  const inside = (v: number) =>
    pos[3 * v]! >= box.min[0] &&
    pos[3 * v]! <= box.max[0] &&
    pos[3 * v + 1]! >= box.min[1] &&
    pos[3 * v + 1]! <= box.max[1] &&
    pos[3 * v + 2]! >= box.min[2] &&
    pos[3 * v + 2]! <= box.max[2];
  const out: number[] = [];
  for (const s of seeds) {
    if (mark[s] === epoch) continue;
    mark[s] = epoch;
    out.push(s);
  }
  const visit = (w: number) => {
    if (mark[w] === epoch || !inside(w)) return;
    mark[w] = epoch;
    out.push(w);
  };
  for (let head = 0; head < out.length; head++) {
    const v = out[head]!;
    for (let s = offsets[v]!, end = offsets[v + 1]!; s < end; s++)
      if (active[slotEdge[s]!] === 1) visit(neighbors[s]!);
    if (hasExtra[v] === 1) {
      for (const k of agg.extraAdj.get(v)!) {
        if (agg.extraActive[k] === 1) visit(agg.extraLo[k] === v ? agg.extraHi[k]! : agg.extraLo[k]!);
      }
    }
  }
  return Uint32Array.from(out);
}

function unique(list: readonly number[]): number[] {
  return [...new Set(list)];
}

function dedupePoints(points: readonly PointInput[], indices: readonly number[]): PointInput[] {
  const seen = new Set<number>();
  return points.filter((_, i) => {
    const v = indices[i]!;
    if (seen.has(v)) return false;
    seen.add(v);
    return true;
  });
}
