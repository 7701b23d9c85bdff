/**
 * Loads a wiring diagram from an edge CSV/TSV (SPEC.md W2) or from the connectome CSR of a Danio
 * materialization snapshot (W8, `connectome.csr`), optionally with edge signs from a sign table (W4).
 */
import { readFile } from "node:fs/promises";
import { connectomeCsrEdges, readConnectomeCsr } from "@danio/formats";
import { applySignTable, parseSignTable } from "./applySignTable";
import { type EdgeTableStats, parseEdgeTable, type SynapseTypes } from "./parseEdgeTable";
import { createWiringDiagram, type WiringDiagram } from "./wiringDiagram";

export interface ConnectomeLoad {
  diagram: WiringDiagram;
  stats: EdgeTableStats;
  /** Edges whose sign came from the sign table, when one was given. */
  signedFromTable: number | null;
}

export async function loadConnectome(
  path: string,
  options: { signs?: string; types?: SynapseTypes } = {},
): Promise<ConnectomeLoad> {
  const bytes = await readFile(path).catch(() => {
    throw new Error(`${path}: cannot read the connectome file`);
  });
  const { diagram, stats } = isCsr(bytes)
    ? diagramOfCsr(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path)
    : parseEdgeTable(bytes.toString("utf8"), path, options.types ?? "all");
  if (options.signs === undefined) return { diagram, stats, signedFromTable: null };
  const signsPath = options.signs;
  const signText = await readFile(signsPath, "utf8").catch(() => {
    throw new Error(`${signsPath}: cannot read the sign table`);
  });
  const signed = applySignTable(diagram, parseSignTable(signText, signsPath));
  return { diagram: signed.diagram, stats, signedFromTable: signed.matched };
}

const CSR_MAGIC = "DNCSR";

function isCsr(bytes: Uint8Array): boolean {
  for (let i = 0; i < CSR_MAGIC.length; i++) if (bytes[i] !== CSR_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** The snapshot's CSR as a wiring diagram: neurons named by their root ids, weights = synapse counts. */
function diagramOfCsr(bytes: Uint8Array, path: string): { diagram: WiringDiagram; stats: EdgeTableStats } {
  const csr = readConnectomeCsr(bytes, path);
  const e = connectomeCsrEdges(csr);
  const diagram = createWiringDiagram(
    Array.from(csr.nodeIds, (id) => id.toString()),
    { pre: Int32Array.from(e.pre), post: Int32Array.from(e.post), count: e.weight, sign: e.sign },
  );
  const m = e.pre.length;
  return {
    diagram,
    stats: {
      format: "csr",
      rows: m,
      chemicalRows: m,
      electricalRows: 0,
      droppedRows: {},
      mergedDuplicates: 0,
      mirrorMismatches: 0,
      hasCount: true,
      hasSign: csr.signs !== null,
    },
  };
}
