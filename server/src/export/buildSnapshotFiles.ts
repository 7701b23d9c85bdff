import { formatId, type Materialized, rootIdsOf } from "@danio/core";
import {
  codexConnectionTable,
  createConnectomeCsr,
  createTable,
  neuprintConnectionTable,
  neuprintNeuronTable,
  type SnapshotFileInput,
  type Table,
  writeConnectomeCsr,
  writeCsv,
  writeGraphml,
  writeJson,
  writeParquet,
  writeSnapshotManifest,
} from "@danio/formats";

export const SNAPSHOT_FORMATS = ["csv", "json", "parquet", "graphml", "csr"] as const;
export type SnapshotFormat = (typeof SNAPSHOT_FORMATS)[number];

/** What a neuron is called and how far it is, from its neuron record (absent for unrecorded segments). */
export interface NeuronMeta {
  recordId: string;
  status: string;
  cellType: string;
}

export interface SnapshotInput {
  dataset: string;
  seq: number;
  /** The time of the state frozen (the time of operation `seq`, or the dataset's creation for 0): not the wall clock, so that the same snapshot is byte-identical. */
  time: string;
  softwareVersion: string;
  materialized: Materialized;
  synapses: {
    ids: BigUint64Array;
    preSupervoxel: BigUint64Array;
    postSupervoxel: BigUint64Array;
    prePosition: Float32Array;
    postPosition: Float32Array;
    score: Float32Array;
  };
  /** Neuron metadata by root id (decimal string). */
  meta: ReadonlyMap<string, NeuronMeta>;
  formats: readonly SnapshotFormat[];
}

/** neuPrint's status words for Danio's record statuses. */
const NEUPRINT_STATUS: Record<string, string> = {
  approved: "Traced",
  complete: "Roughly traced",
  draft: "Assign",
  rejected: "Orphan",
};

/**
 * Every file of a materialization snapshot, in memory, plus its manifest (sha256 per file, row counts).
 * Pure: the same input gives byte-identical files.
 */
export function buildSnapshotFiles(input: SnapshotInput): SnapshotFileInput[] {
  const m = input.materialized;
  const base = m.rootIdBase;
  const neuronRoots = rootIdsOf(m.neurons.root, base);
  const meta = Array.from(neuronRoots, (r) => input.meta.get(formatId(r)));
  const edgePre = rootIdsOf(m.edges.pre, base);
  const edgePost = rootIdsOf(m.edges.post, base);
  const synPreRoot = rootIdsOf(m.synapsePre, base);
  const synPostRoot = rootIdsOf(m.synapsePost, base);
  const order = m.synapseOrder;
  const s = input.synapses;
  const pick64 = (src: BigUint64Array) => BigUint64Array.from(order, (i) => src[i]!);
  const pickXyz = (src: Float32Array, axis: number) => Float32Array.from(order, (i) => src[3 * i + axis]!);

  const neurons: Table = createTable(
    [
      { name: "root_id", type: "uint64", values: neuronRoots },
      { name: "record_id", type: "utf8", values: meta.map((x) => x?.recordId ?? "") },
      { name: "status", type: "utf8", values: meta.map((x) => x?.status ?? "") },
      { name: "cell_type", type: "utf8", values: meta.map((x) => x?.cellType ?? "") },
      { name: "pre_synapses", type: "uint32", values: m.neurons.pre },
      { name: "post_synapses", type: "uint32", values: m.neurons.post },
    ],
    "neurons",
  );
  const synapses: Table = createTable(
    [
      { name: "synapse_id", type: "uint64", values: pick64(s.ids) },
      { name: "pre_supervoxel", type: "uint64", values: pick64(s.preSupervoxel) },
      { name: "post_supervoxel", type: "uint64", values: pick64(s.postSupervoxel) },
      { name: "pre_root_id", type: "uint64", values: synPreRoot },
      { name: "post_root_id", type: "uint64", values: synPostRoot },
      { name: "pre_x", type: "float32", values: pickXyz(s.prePosition, 0) },
      { name: "pre_y", type: "float32", values: pickXyz(s.prePosition, 1) },
      { name: "pre_z", type: "float32", values: pickXyz(s.prePosition, 2) },
      { name: "post_x", type: "float32", values: pickXyz(s.postPosition, 0) },
      { name: "post_y", type: "float32", values: pickXyz(s.postPosition, 1) },
      { name: "post_z", type: "float32", values: pickXyz(s.postPosition, 2) },
      { name: "score", type: "float32", values: Float32Array.from(order, (i) => s.score[i]!) },
    ],
    "synapses",
  );
  const edges: Table = createTable(
    [
      { name: "pre_root_id", type: "uint64", values: edgePre },
      { name: "post_root_id", type: "uint64", values: edgePost },
      { name: "syn_count", type: "uint32", values: m.edges.weightHR },
      { name: "weight", type: "uint32", values: m.edges.weight },
      { name: "weight_hp", type: "uint32", values: m.edges.weightHP },
    ],
    "edges",
  );

  const files: SnapshotFileInput[] = [];
  const add = (path: string, bytes: Uint8Array, table: string, format: string) =>
    files.push({ path, bytes, table, format });
  for (const format of input.formats) {
    if (format === "csv") {
      add("neurons.csv", writeCsv(neurons), "neurons", "csv");
      add("synapses.csv", writeCsv(synapses), "synapses", "csv");
      add("edges.csv", writeCsv(edges), "edges", "csv");
      add(
        "neuprint/Neuprint_Neurons.csv",
        writeCsv(
          neuprintNeuronTable(
            {
              bodyId: neuronRoots,
              instance: meta.map((x) => x?.recordId ?? ""),
              type: meta.map((x) => x?.cellType ?? ""),
              status: meta.map((x) => NEUPRINT_STATUS[x?.status ?? ""] ?? ""),
              pre: m.neurons.pre,
              post: m.neurons.post,
            },
            input.dataset,
          ),
        ),
        "neurons",
        "csv-neuprint",
      );
      add(
        "neuprint/Neuprint_Neuron_Connections.csv",
        writeCsv(
          neuprintConnectionTable({
            pre: edgePre,
            post: edgePost,
            weight: m.edges.weight,
            weightHR: m.edges.weightHR,
            weightHP: m.edges.weightHP,
          }),
        ),
        "edges",
        "csv-neuprint",
      );
      add(
        "codex/connections.csv",
        writeCsv(codexConnectionTable({ pre: edgePre, post: edgePost, synCount: m.edges.weightHR })),
        "edges",
        "csv-codex",
      );
    } else if (format === "json") {
      add("neurons.json", writeJson(neurons), "neurons", "json");
      add("synapses.json", writeJson(synapses), "synapses", "json");
      add("edges.json", writeJson(edges), "edges", "json");
    } else if (format === "parquet") {
      add("neurons.parquet", writeParquet(neurons), "neurons", "parquet");
      add("synapses.parquet", writeParquet(synapses), "synapses", "parquet");
      add("edges.parquet", writeParquet(edges), "edges", "parquet");
    } else if (format === "graphml") {
      add(
        "connectome.graphml",
        writeGraphml({
          nodes: neurons,
          edges,
          nodeId: "root_id",
          source: "pre_root_id",
          target: "post_root_id",
        }),
        "edges",
        "graphml",
      );
    } else {
      const csr = createConnectomeCsr(
        { pre: edgePre, post: edgePost, weight: m.edges.weightHR },
        { nodeIds: neuronRoots, rows: "post" },
      );
      add("connectome.csr", writeConnectomeCsr(csr), "edges", "csr");
    }
  }
  files.push({
    path: "manifest.json",
    bytes: writeSnapshotManifest({
      dataset: input.dataset,
      sequence: input.seq,
      time: input.time,
      softwareVersion: input.softwareVersion,
      rowCounts: { neurons: neurons.rowCount, synapses: synapses.rowCount, edges: edges.rowCount },
      files: [...files],
    }),
  });
  return files;
}
