/**
 * Reads a wiring diagram from an edge table (CSV or TSV) as pure text → typed arrays (SPEC.md W2).
 * The columns are found by header name (case, spaces and underscores ignored):
 *   presynaptic  pre, source, from, neuron 1, pre_root_id, …      postsynaptic  post, target, to, neuron 2, …
 *   synapses     weight, count, synapses, syn_count, nbr, n, …   (1 per row when absent)
 *   type         type, edge_type, synapse_type                    (chemical when absent)
 *   sign         sign, polarity, predicted_polarity               (+, −, or unknown)
 * A file without a header whose rows are `source,target[,weight]` (neurodata/bgm edge lists) is read as such.
 * Repeated chemical rows of one pair add up. Electrical synapses are undirected: a pair's count is the larger
 * of its two listed directions (tables list them once or from both sides) and it becomes an edge each way.
 * WormAtlas "NeuronConnect" tables, where every chemical synapse appears from both sides (types S, Sp, R, Rp,
 * EJ, NMJ), keep the sending rows S/Sp, check them against the receiving rows R/Rp, and drop NMJ rows.
 */
import { parseDelimited } from "@danio/formats";
import { createWiringDiagram, type WiringDiagram } from "./wiringDiagram";

export class EdgeTableError extends Error {
  override readonly name = "EdgeTableError";
}

export type SynapseTypes = "all" | "chemical" | "electrical";

export interface EdgeTableStats {
  format: "header" | "headerless" | "both-sides" | "csr";
  rows: number;
  chemicalRows: number;
  electricalRows: number;
  /** Rows left out, by reason. */
  droppedRows: Record<string, number>;
  /** Chemical rows merged into an earlier row of the same pair. */
  mergedDuplicates: number;
  /** Both-sides tables: pairs whose sending and receiving rows disagree in count. */
  mirrorMismatches: number;
  hasCount: boolean;
  hasSign: boolean;
}

export interface EdgeTable {
  diagram: WiringDiagram;
  stats: EdgeTableStats;
}

const norm = (h: string) =>
  h
    .replace(/^\ufeff/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "_");

export const PRE_COLUMNS = [
  "pre",
  "source",
  "from",
  "presynaptic",
  "pre_name",
  "pre_neuron",
  "neuron_1",
  "neuron1",
  "pre_root_id",
  "pre_pt_root_id",
  "pre_id",
  "bodyid_pre",
  "source_id",
];
export const POST_COLUMNS = [
  "post",
  "target",
  "to",
  "postsynaptic",
  "post_name",
  "post_neuron",
  "neuron_2",
  "neuron2",
  "post_root_id",
  "post_pt_root_id",
  "post_id",
  "bodyid_post",
  "target_id",
];
export const COUNT_COLUMNS = [
  "weight",
  "count",
  "synapses",
  "syn_count",
  "synapse_count",
  "n_synapses",
  "num_synapses",
  "nbr",
  "n",
  "w",
];
export const TYPE_COLUMNS = ["type", "edge_type", "synapse_type", "kind"];
export const SIGN_COLUMNS = ["sign", "polarity", "predicted_polarity", "predicted_sign"];

/** Index of the first header cell that is one of `names`, or −1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const i = header.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}

/** +1, −1 or 0 (unknown) for a sign cell; null when the text is not a sign. */
export function parseSign(text: string): number | null {
  const s = text.trim().toLowerCase();
  if (s === "+" || s === "1" || s === "+1" || s === "excitatory" || s === "exc") return 1;
  if (s === "-" || s === "−" || s === "-1" || s === "inhibitory" || s === "inh") return -1;
  if (
    s === "" ||
    s === "0" ||
    s === "complex" ||
    s === "no pred" ||
    s === "none" ||
    s === "unknown" ||
    s === "?" ||
    s === "nan"
  )
    return 0;
  return null;
}

const CHEMICAL = new Set(["chemical", "chem", "c", "synapse", "syn", "chemical_synapse"]);
const ELECTRICAL = new Set([
  "electrical",
  "elec",
  "e",
  "gap",
  "gap_junction",
  "gapjunction",
  "ej",
  "electrical_synapse",
]);
const BOTH_SIDES = new Set(["s", "sp", "r", "rp", "nmj"]);

export function parseEdgeTable(text: string, file: string, types: SynapseTypes = "all"): EdgeTable {
  const table = parseDelimited(text, { name: file });
  if (table.rows.length === 0) throw new EdgeTableError(`${file}: no rows`);
  const first = table.rows[0] as string[];
  const header = first.map(norm);
  let iPre = findColumn(header, PRE_COLUMNS);
  let iPost = findColumn(header, POST_COLUMNS);
  let iCount = findColumn(header, COUNT_COLUMNS);
  const iType = findColumn(header, TYPE_COLUMNS);
  const iSign = findColumn(header, SIGN_COLUMNS);
  let startRow = 1;
  let format: EdgeTableStats["format"] = "header";
  if (iPre < 0 || iPost < 0) {
    const looksLikeData =
      (first.length === 2 || first.length === 3) &&
      (first.length === 2 || Number.isFinite(Number((first[2] as string).trim())));
    if (!looksLikeData || header.some((h) => PRE_COLUMNS.includes(h) || POST_COLUMNS.includes(h))) {
      const missing =
        iPre < 0
          ? `a presynaptic column (one of ${PRE_COLUMNS.join(", ")})`
          : `a postsynaptic column (one of ${POST_COLUMNS.join(", ")})`;
      throw new EdgeTableError(`${file}:${table.lines[0]}: header "${first.join(",")}" names no ${missing}`);
    }
    iPre = 0;
    iPost = 1;
    iCount = first.length === 3 ? 2 : -1;
    startRow = 0;
    format = "headerless";
  }
  const index = new Map<string, number>();
  const names: string[] = [];
  const id = (name: string) => {
    let k = index.get(name);
    if (k === undefined) {
      k = names.length;
      index.set(name, k);
      names.push(name);
    }
    return k;
  };
  const chem = new Map<number, { count: number; sign: number }>();
  const mirror = new Map<number, number>();
  const elec = new Map<number, number>();
  const dropped: Record<string, number> = {};
  const drop = (why: string) => {
    dropped[why] = (dropped[why] ?? 0) + 1;
  };
  let chemicalRows = 0;
  let electricalRows = 0;
  let merged = 0;
  const BIG = 2 ** 26;
  const pairKey = (a: number, b: number) => a * BIG + b;
  for (let r = startRow; r < table.rows.length; r++) {
    const row = table.rows[r] as string[];
    const line = table.lines[r] as number;
    const cell = (i: number) => (row[i] ?? "").trim();
    const a = cell(iPre);
    const b = cell(iPost);
    if (a === "" || b === "")
      throw new EdgeTableError(`${file}:${line}: empty ${a === "" ? "presynaptic" : "postsynaptic"} name`);
    let count = 1;
    if (iCount >= 0) {
      count = Number(cell(iCount));
      if (cell(iCount) === "" || !Number.isFinite(count) || count < 0) {
        throw new EdgeTableError(
          `${file}:${line}: ${first[iCount]?.trim() ?? "weight"} "${cell(iCount)}" is not a non-negative number`,
        );
      }
    }
    let sign = 0;
    if (iSign >= 0) {
      const s = parseSign(cell(iSign));
      if (s === null) {
        throw new EdgeTableError(
          `${file}:${line}: ${first[iSign]?.trim()} "${cell(iSign)}" is not a sign (+, -, excitatory, inhibitory, complex, no pred)`,
        );
      }
      sign = s;
    }
    let kind = "chemical";
    if (iType >= 0) {
      const t = norm(cell(iType));
      if (BOTH_SIDES.has(t)) {
        format = "both-sides";
        kind = t;
      } else if (CHEMICAL.has(t)) kind = "chemical";
      else if (ELECTRICAL.has(t)) kind = "electrical";
      else {
        throw new EdgeTableError(
          `${file}:${line}: ${first[iType]?.trim()} "${cell(iType)}" is not chemical, electrical, S, Sp, R, Rp, EJ or NMJ`,
        );
      }
    }
    if (kind === "nmj") {
      drop("NMJ (neuromuscular)");
      continue;
    }
    if (kind === "r" || kind === "rp") {
      const k = pairKey(id(b), id(a));
      mirror.set(k, (mirror.get(k) ?? 0) + count);
      continue;
    }
    const isChemical = kind !== "electrical";
    if ((isChemical && types === "electrical") || (!isChemical && types === "chemical")) {
      drop(isChemical ? "chemical (excluded by type)" : "electrical (excluded by type)");
      continue;
    }
    const pa = id(a);
    const pb = id(b);
    if (isChemical) {
      chemicalRows++;
      const k = pairKey(pa, pb);
      const old = chem.get(k);
      if (old) {
        merged++;
        old.count += count;
        old.sign = old.sign === 0 ? sign : sign === 0 || sign === old.sign ? old.sign : 0;
      } else chem.set(k, { count, sign });
    } else {
      electricalRows++;
      const k = pairKey(pa, pb);
      elec.set(k, (elec.get(k) ?? 0) + count);
    }
  }
  let mirrorMismatches = 0;
  if (format === "both-sides") {
    for (const [k, v] of chem) if ((mirror.get(k) ?? 0) !== v.count) mirrorMismatches++;
    for (const k of mirror.keys()) if (!chem.has(k)) mirrorMismatches++;
  }
  const pre: number[] = [];
  const post: number[] = [];
  const counts: number[] = [];
  const signs: number[] = [];
  for (const [k, v] of chem) {
    pre.push(Math.floor(k / BIG));
    post.push(k % BIG);
    counts.push(v.count);
    signs.push(v.sign);
  }
  const seenPairs = new Set<number>();
  for (const [k, v] of elec) {
    const a = Math.floor(k / BIG);
    const b = k % BIG;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (seenPairs.has(pairKey(lo, hi))) continue;
    seenPairs.add(pairKey(lo, hi));
    const n = Math.max(v, elec.get(pairKey(b, a)) ?? 0);
    pre.push(a);
    post.push(b);
    counts.push(n);
    signs.push(0);
    if (a !== b) {
      pre.push(b);
      post.push(a);
      counts.push(n);
      signs.push(0);
    }
  }
  const diagram = createWiringDiagram(names, {
    pre: Int32Array.from(pre),
    post: Int32Array.from(post),
    count: Float32Array.from(counts),
    sign: Int8Array.from(signs),
  });
  return {
    diagram,
    stats: {
      format,
      rows: table.rows.length - startRow,
      chemicalRows,
      electricalRows,
      droppedRows: dropped,
      mergedDuplicates: merged,
      mirrorMismatches,
      hasCount: iCount >= 0,
      hasSign: iSign >= 0,
    },
  };
}
