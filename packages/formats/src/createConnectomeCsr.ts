/**
 * Builds a ConnectomeCsr from an edge list of uint64 ids (SPEC.md CSR7), and lists a CSR's edges back as
 * index pairs. The node set is `nodeIds` when given (every endpoint must be one of them; neurons without
 * edges keep a row) or else the distinct endpoints; nodes are ordered by id, each row's entries by column.
 */
import type { ConnectomeCsr } from "./connectomeCsr";
import { validateConnectomeCsr } from "./connectomeCsr";
import { DanioFormatError } from "./danioBinaryHeader";
import { denseIds, lookupIds, orderPairs } from "./idIndex";

export interface ConnectomeEdges {
  pre: BigUint64Array;
  post: BigUint64Array;
  /** Synapse count per edge. */
  weight: Float32Array | Uint32Array;
  /** Optional sign per edge (−1, 0, +1). */
  sign?: Int8Array;
}

export interface CreateConnectomeCsrOptions {
  /** The nodes (any order, no repeats); default: the distinct endpoints. */
  nodeIds?: BigUint64Array;
  /** "pre" (default): rows are presynaptic; "post": rows are postsynaptic (each neuron's inputs). */
  rows?: "pre" | "post";
  name?: string;
}

export function createConnectomeCsr(
  edges: ConnectomeEdges,
  options: CreateConnectomeCsrOptions = {},
): ConnectomeCsr {
  const name = options.name ?? "connectome CSR";
  const m = edges.pre.length;
  if (
    edges.post.length !== m ||
    edges.weight.length !== m ||
    (edges.sign !== undefined && edges.sign.length !== m)
  ) {
    throw new DanioFormatError(
      `${name}: edge arrays differ in length (pre ${m}, post ${edges.post.length}, weight ${edges.weight.length}` +
        `${edges.sign !== undefined ? `, sign ${edges.sign.length}` : ""})`,
    );
  }
  let nodeIds: BigUint64Array;
  let a: Uint32Array;
  let b: Uint32Array;
  if (options.nodeIds !== undefined) {
    nodeIds = options.nodeIds.slice().sort();
    for (let i = 1; i < nodeIds.length; i++) {
      if (nodeIds[i] === nodeIds[i - 1])
        throw new DanioFormatError(`${name}: node id ${nodeIds[i]} is listed twice`);
    }
    const missing =
      (what: string) =>
      (row: number, id: bigint): never => {
        throw new DanioFormatError(`${name}: edge ${row} ${what} ${id} is not one of the node ids`);
      };
    a = lookupIds(nodeIds, edges.pre, missing("pre"));
    b = lookupIds(nodeIds, edges.post, missing("post"));
  } else {
    const dense = denseIds([edges.pre, edges.post]);
    nodeIds = dense.ids;
    a = dense.indices[0]!;
    b = dense.indices[1]!;
  }
  const n = nodeIds.length;
  const byPost = options.rows === "post";
  const row = byPost ? b : a;
  const col = byPost ? a : b;
  const order = orderPairs(row, col, n);
  const rowOffsets = new Uint32Array(n + 1);
  const columns = new Uint32Array(m);
  const weights = new Float32Array(m);
  const signs = edges.sign !== undefined ? new Int8Array(m) : null;
  for (let k = 0; k < m; k++) {
    const e = order[k]!;
    if (k > 0) {
      const p = order[k - 1]!;
      if (row[p] === row[e] && col[p] === col[e]) {
        throw new DanioFormatError(
          `${name}: edges ${p} and ${e} both connect ${edges.pre[e]} → ${edges.post[e]}`,
        );
      }
    }
    rowOffsets[row[e]! + 1]!++;
    columns[k] = col[e]!;
    weights[k] = edges.weight[e]!;
    if (signs !== null) signs[k] = edges.sign![e]!;
  }
  for (let i = 0; i < n; i++) rowOffsets[i + 1]! += rowOffsets[i]!;
  const csr: ConnectomeCsr = { nodeIds, rows: byPost ? "post" : "pre", rowOffsets, columns, weights, signs };
  validateConnectomeCsr(csr, name);
  return csr;
}

export interface CsrEdgeList {
  /** Presynaptic and postsynaptic node indices (into nodeIds). */
  pre: Uint32Array;
  post: Uint32Array;
  weight: Float32Array;
  /** All zeros (unknown) when the CSR has no signs. */
  sign: Int8Array;
}

/** The CSR's edges as index pairs, in CSR order, whichever way its rows run. */
export function connectomeCsrEdges(csr: ConnectomeCsr): CsrEdgeList {
  const m = csr.columns.length;
  const rowOf = new Uint32Array(m);
  for (let i = 0; i + 1 < csr.rowOffsets.length; i++)
    rowOf.fill(i, csr.rowOffsets[i]!, csr.rowOffsets[i + 1]!);
  const cols = csr.columns.slice();
  return {
    pre: csr.rows === "pre" ? rowOf : cols,
    post: csr.rows === "pre" ? cols : rowOf,
    weight: csr.weights.slice(),
    sign: csr.signs !== null ? csr.signs.slice() : new Int8Array(m),
  };
}
