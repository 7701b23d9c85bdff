/**
 * Loads a wiring diagram from an edge CSV/TSV (SPEC.md W2), optionally with edge signs from a sign table
 * (W4). The compact CSR binary of the export issue is not read yet: its format is designed there.
 */
import { readFile } from "node:fs/promises";
import { applySignTable, parseSignTable } from "./applySignTable";
import { type EdgeTableStats, parseEdgeTable, type SynapseTypes } from "./parseEdgeTable";
import type { WiringDiagram } from "./wiringDiagram";

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
  const text = await readFile(path, "utf8").catch(() => {
    throw new Error(`${path}: cannot read the connectome file`);
  });
  const { diagram, stats } = parseEdgeTable(text, path, options.types ?? "all");
  if (options.signs === undefined) return { diagram, stats, signedFromTable: null };
  const signsPath = options.signs;
  const signText = await readFile(signsPath, "utf8").catch(() => {
    throw new Error(`${signsPath}: cannot read the sign table`);
  });
  const signed = applySignTable(diagram, parseSignTable(signText, signsPath));
  return { diagram: signed.diagram, stats, signedFromTable: signed.matched };
}
