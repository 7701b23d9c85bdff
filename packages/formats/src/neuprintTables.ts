/**
 * Tables in the column layout of neuPrint's neo4j-admin import CSVs (SPEC.md X4; mapping in README.md
 * "Export: neuPrint and Codex columns"), as written by Janelia's flyem-snapshot:
 *   Neuprint_Neurons:            :ID(Body-ID), bodyId:long, pre:int, post:int, upstream:int, downstream:int,
 *                                synweight:int, status:string, instance:string, type:string, roiInfo:string, :LABEL
 *   Neuprint_Neuron_Connections: :START_ID(Body-ID), :END_ID(Body-ID), weightHR:int, weight:int, weightHP:int,
 *                                roiInfo:string
 * neo4j's long is signed 64-bit and int signed 32-bit, so ids must be below 2^63 (and not 0, "no body") and
 * counts below 2^31. Write them with writeCsv.
 */
import { type Table, TableError, validateTable } from "./table";

const INT63 = 1n << 63n;
const INT31 = 0x7fffffff;

export interface NeuprintNeuronInput {
  bodyId: BigUint64Array;
  instance: readonly string[];
  type: readonly string[];
  /** neuPrint status text, e.g. "Traced" for an approved neuron. */
  status: readonly string[];
  /** Synapses where the body is presynaptic / postsynaptic. */
  pre: Uint32Array;
  post: Uint32Array;
  /** Default: post (each Danio synapse is one pre–post pair, so upstream equals post). */
  upstream?: Uint32Array;
  /** Default: pre (likewise, downstream equals pre). */
  downstream?: Uint32Array;
  /** JSON per ROI (formatNeuprintRoiInfo); default "{}". */
  roiInfo?: readonly string[];
}

export interface NeuprintConnectionInput {
  pre: BigUint64Array;
  post: BigUint64Array;
  /** Synapse count at the snapshot's confidence threshold. */
  weight: Uint32Array;
  /** High-recall count (all synapses); default: weight. */
  weightHR?: Uint32Array;
  /** High-precision count; default: weight. */
  weightHP?: Uint32Array;
  /** JSON per ROI, e.g. {"AL(R)":{"post":3}}; default "{}". */
  roiInfo?: readonly string[];
}

function checkBodyIds(ids: BigUint64Array, column: string, name: string): void {
  for (let r = 0; r < ids.length; r++) {
    const id = ids[r]!;
    if (id === 0n) throw new TableError(`${name}: column "${column}" row ${r}: body id 0 means "no body"`);
    if (id >= INT63) {
      throw new TableError(
        `${name}: column "${column}" row ${r}: body id ${id} does not fit neo4j's signed 64-bit long`,
      );
    }
  }
}

function int32Column(values: Uint32Array, column: string, name: string): Int32Array {
  const out = new Int32Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r]!;
    if (v > INT31)
      throw new TableError(`${name}: column "${column}" row ${r}: ${v} does not fit neo4j's 32-bit int`);
    out[r] = v;
  }
  return out;
}

function sameLength(lengths: Record<string, number>, name: string): number {
  const entries = Object.entries(lengths);
  const n = entries[0]![1];
  for (const [k, len] of entries) {
    if (len !== n)
      throw new TableError(`${name}: ${k} has ${len} rows, expected ${n} (like ${entries[0]![0]})`);
  }
  return n;
}

const fill = (n: number, s: string): string[] => new Array<string>(n).fill(s);

/** The neuPrint :Neuron node table; `dataset` gives the labels "Segment;<dataset>_Segment;Neuron;<dataset>_Neuron". */
export function neuprintNeuronTable(
  input: NeuprintNeuronInput,
  dataset: string,
  name = "neuPrint neurons",
): Table {
  if (dataset === "" || /[;\s`]/.test(dataset)) {
    throw new TableError(
      `${name}: dataset ${JSON.stringify(dataset)} must be non-empty without ";", "\`" or spaces (it becomes a label)`,
    );
  }
  const n = sameLength(
    {
      bodyId: input.bodyId.length,
      instance: input.instance.length,
      type: input.type.length,
      status: input.status.length,
      pre: input.pre.length,
      post: input.post.length,
      ...(input.upstream ? { upstream: input.upstream.length } : {}),
      ...(input.downstream ? { downstream: input.downstream.length } : {}),
      ...(input.roiInfo ? { roiInfo: input.roiInfo.length } : {}),
    },
    name,
  );
  checkBodyIds(input.bodyId, "bodyId", name);
  const pre = int32Column(input.pre, "pre:int", name);
  const post = int32Column(input.post, "post:int", name);
  const upstream = int32Column(input.upstream ?? input.post, "upstream:int", name);
  const downstream = int32Column(input.downstream ?? input.pre, "downstream:int", name);
  const synweight = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const s = upstream[r]! + downstream[r]!;
    if (s > INT31) throw new TableError(`${name}: row ${r}: synweight ${s} does not fit neo4j's 32-bit int`);
    synweight[r] = s;
  }
  const label = `Segment;${dataset}_Segment;Neuron;${dataset}_Neuron`;
  const table: Table = {
    rowCount: n,
    columns: [
      { name: ":ID(Body-ID)", type: "uint64", values: input.bodyId },
      { name: "bodyId:long", type: "uint64", values: input.bodyId },
      { name: "pre:int", type: "int32", values: pre },
      { name: "post:int", type: "int32", values: post },
      { name: "upstream:int", type: "int32", values: upstream },
      { name: "downstream:int", type: "int32", values: downstream },
      { name: "synweight:int", type: "int32", values: synweight },
      { name: "status:string", type: "utf8", values: input.status },
      { name: "instance:string", type: "utf8", values: input.instance },
      { name: "type:string", type: "utf8", values: input.type },
      { name: "roiInfo:string", type: "utf8", values: input.roiInfo ?? fill(n, "{}") },
      { name: ":LABEL", type: "utf8", values: fill(n, label) },
    ],
  };
  validateTable(table, name);
  return table;
}

/** The neuPrint :ConnectsTo relationship table (weightHP ≤ weight ≤ weightHR is checked). */
export function neuprintConnectionTable(
  input: NeuprintConnectionInput,
  name = "neuPrint connections",
): Table {
  const n = sameLength(
    {
      pre: input.pre.length,
      post: input.post.length,
      weight: input.weight.length,
      ...(input.weightHR ? { weightHR: input.weightHR.length } : {}),
      ...(input.weightHP ? { weightHP: input.weightHP.length } : {}),
      ...(input.roiInfo ? { roiInfo: input.roiInfo.length } : {}),
    },
    name,
  );
  checkBodyIds(input.pre, ":START_ID(Body-ID)", name);
  checkBodyIds(input.post, ":END_ID(Body-ID)", name);
  const weight = int32Column(input.weight, "weight:int", name);
  const weightHR = int32Column(input.weightHR ?? input.weight, "weightHR:int", name);
  const weightHP = int32Column(input.weightHP ?? input.weight, "weightHP:int", name);
  for (let r = 0; r < n; r++) {
    if (!(weightHP[r]! <= weight[r]! && weight[r]! <= weightHR[r]!)) {
      throw new TableError(
        `${name}: row ${r}: expected weightHP ≤ weight ≤ weightHR, got ${weightHP[r]}, ${weight[r]}, ${weightHR[r]}`,
      );
    }
  }
  const table: Table = {
    rowCount: n,
    columns: [
      { name: ":START_ID(Body-ID)", type: "uint64", values: input.pre },
      { name: ":END_ID(Body-ID)", type: "uint64", values: input.post },
      { name: "weightHR:int", type: "int32", values: weightHR },
      { name: "weight:int", type: "int32", values: weight },
      { name: "weightHP:int", type: "int32", values: weightHP },
      { name: "roiInfo:string", type: "utf8", values: input.roiInfo ?? fill(n, "{}") },
    ],
  };
  validateTable(table, name);
  return table;
}

const COUNT_ORDER = ["pre", "post", "downstream", "upstream", "synweight"];
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A neuPrint roiInfo JSON string: ROIs sorted by name, counts in the order pre, post, downstream, upstream,
 * synweight (then any others by name), zero counts left out and ROIs with no non-zero count dropped, as
 * neuPrint stores them. For a connection pass {"ROI": {post: n}}.
 */
export function formatNeuprintRoiInfo(
  counts: Readonly<Record<string, Readonly<Record<string, number>>>>,
): string {
  const parts: string[] = [];
  for (const roi of Object.keys(counts).sort(byKey)) {
    const c = counts[roi]!;
    const keys = Object.keys(c).sort((a, b) => {
      const ia = COUNT_ORDER.indexOf(a);
      const ib = COUNT_ORDER.indexOf(b);
      if (ia >= 0 || ib >= 0) return (ia < 0 ? COUNT_ORDER.length : ia) - (ib < 0 ? COUNT_ORDER.length : ib);
      return byKey(a, b);
    });
    const fields: string[] = [];
    for (const k of keys) {
      const v = c[k]!;
      if (!Number.isSafeInteger(v) || v < 0) {
        throw new TableError(
          `roiInfo: ROI ${JSON.stringify(roi)} count "${k}" is ${v}; expected a non-negative integer`,
        );
      }
      if (v !== 0) fields.push(`${JSON.stringify(k)}:${v}`);
    }
    if (fields.length > 0) parts.push(`${JSON.stringify(roi)}:{${fields.join(",")}}`);
  }
  return `{${parts.join(",")}}`;
}
