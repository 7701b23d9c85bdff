import type { ConnectomeCsr } from "@danio/formats";

export interface ConnectivityMatrix {
  /** Neurons shown, as indices into the CSR's nodes, ordered by total synapses (descending). */
  nodes: Uint32Array;
  /** n × n synapse counts, row = pre, column = post (row-major). */
  counts: Float32Array;
  max: number;
}

/**
 * The connectivity matrix of a snapshot's CSR for a heat map: at most `limit` neurons, the most connected
 * first, so the picture stays readable for large snapshots.
 */
export function connectivityMatrix(csr: ConnectomeCsr, limit = 200): ConnectivityMatrix {
  const total = csr.nodeIds.length;
  const degree = new Float64Array(total);
  const rows = csr.rowOffsets.length - 1;
  for (let r = 0; r < rows; r++) {
    for (let e = csr.rowOffsets[r]!; e < csr.rowOffsets[r + 1]!; e++) {
      const w = csr.weights[e]!;
      degree[r]! += w;
      degree[csr.columns[e]!]! += w;
    }
  }
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => degree[b]! - degree[a]! || a - b);
  const nodes = Uint32Array.from(order.slice(0, Math.min(limit, total)));
  const slot = new Int32Array(total).fill(-1);
  nodes.forEach((node, i) => {
    slot[node] = i;
  });
  const n = nodes.length;
  const counts = new Float32Array(n * n);
  let max = 0;
  for (let r = 0; r < rows; r++) {
    for (let e = csr.rowOffsets[r]!; e < csr.rowOffsets[r + 1]!; e++) {
      const [preNode, postNode] = csr.rows === "pre" ? [r, csr.columns[e]!] : [csr.columns[e]!, r];
      const i = slot[preNode]!;
      const j = slot[postNode]!;
      if (i < 0 || j < 0) continue;
      counts[i * n + j]! += csr.weights[e]!;
      if (counts[i * n + j]! > max) max = counts[i * n + j]!;
    }
  }
  return { nodes, counts, max };
}
