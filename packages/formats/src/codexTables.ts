/**
 * The FlyWire Codex connection table (SPEC.md X5; mapping in README.md "Export: neuPrint and Codex columns"):
 * the columns of Codex's connections.csv download,
 *   pre_root_id, post_root_id, neuropil, syn_count, nt_type
 * one row per (pre, post, neuropil). Synapses outside every neuropil go under "UNASGD" (FlyWire's
 * "unassigned"); nt_type is one of ACH, GABA, GLUT, DA, OCT, SER, or empty when unknown. Write with writeCsv.
 */
import { type Table, TableError, validateTable } from "./table";

export const CODEX_NT_TYPES = ["ACH", "GABA", "GLUT", "DA", "OCT", "SER"] as const;
export type CodexNtType = (typeof CODEX_NT_TYPES)[number] | "";
/** FlyWire's neuropil name for synapses outside every neuropil. */
export const CODEX_UNASSIGNED_NEUROPIL = "UNASGD";

export interface CodexConnectionInput {
  pre: BigUint64Array;
  post: BigUint64Array;
  synCount: Uint32Array;
  /** Default: "UNASGD" for every row. */
  neuropil?: readonly string[];
  /** Default: "" (unknown) for every row. */
  ntType?: readonly string[];
}

const NT_NAMES: Record<string, CodexNtType> = {
  "": "",
  unknown: "",
  ach: "ACH",
  acetylcholine: "ACH",
  cholinergic: "ACH",
  gaba: "GABA",
  gabaergic: "GABA",
  glut: "GLUT",
  glu: "GLUT",
  glutamate: "GLUT",
  glutamatergic: "GLUT",
  da: "DA",
  dopamine: "DA",
  dopaminergic: "DA",
  oct: "OCT",
  octopamine: "OCT",
  octopaminergic: "OCT",
  ser: "SER",
  "5ht": "SER",
  "5-ht": "SER",
  serotonin: "SER",
  serotonergic: "SER",
};

/** The Codex nt_type for a transmitter name (case-insensitive; "acetylcholine" → "ACH"; "" for unknown). */
export function codexNtType(transmitter: string): CodexNtType {
  const nt = NT_NAMES[transmitter.trim().toLowerCase()];
  if (nt === undefined) {
    throw new TableError(
      `Codex nt_type: "${transmitter}" is not a known transmitter (expected one of ${CODEX_NT_TYPES.join(", ")} or a name such as "acetylcholine")`,
    );
  }
  return nt;
}

export function codexConnectionTable(input: CodexConnectionInput, name = "Codex connections"): Table {
  const n = input.pre.length;
  const lengths: [string, number][] = [
    ["post_root_id", input.post.length],
    ["syn_count", input.synCount.length],
    ["neuropil", input.neuropil?.length ?? n],
    ["nt_type", input.ntType?.length ?? n],
  ];
  for (const [col, len] of lengths) {
    if (len !== n) throw new TableError(`${name}: ${col} has ${len} rows, expected ${n} (like pre_root_id)`);
  }
  const ntType = input.ntType ?? new Array<string>(n).fill("");
  for (let r = 0; r < n; r++) {
    const nt = ntType[r]!;
    if (nt !== "" && !(CODEX_NT_TYPES as readonly string[]).includes(nt)) {
      throw new TableError(
        `${name}: column "nt_type" row ${r}: "${nt}" is not one of ${CODEX_NT_TYPES.join(", ")} or empty`,
      );
    }
  }
  const neuropil = input.neuropil ?? new Array<string>(n).fill(CODEX_UNASSIGNED_NEUROPIL);
  for (let r = 0; r < n; r++) {
    if (neuropil[r] === "")
      throw new TableError(
        `${name}: column "neuropil" row ${r} is empty; use "${CODEX_UNASSIGNED_NEUROPIL}"`,
      );
  }
  const table: Table = {
    rowCount: n,
    columns: [
      { name: "pre_root_id", type: "uint64", values: input.pre },
      { name: "post_root_id", type: "uint64", values: input.post },
      { name: "neuropil", type: "utf8", values: neuropil },
      { name: "syn_count", type: "uint32", values: input.synCount },
      { name: "nt_type", type: "utf8", values: ntType },
    ],
  };
  validateTable(table, name);
  return table;
}
