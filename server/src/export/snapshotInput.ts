import {
  formatId,
  type MaterializeInput,
  type Materialized,
  materialize,
  type Operation,
  type ProofreadingOptions,
  type ProofreadingState,
  parseId,
  replayOperations,
  type SupervoxelGraph,
} from "@danio/core";
import type { LoadedSynapses } from "@danio/dataset";
import type { NeuronRecord } from "@danio/sync";
import type { NeuronMeta, SnapshotFormat, SnapshotInput } from "./buildSnapshotFiles";

export type NeuronSelection = "approved" | "all";

export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

export interface SnapshotInputParams {
  datasetId: string;
  graph: SupervoxelGraph;
  options: ProofreadingOptions;
  ops: readonly Operation[];
  live?: ProofreadingState;
  seq: number;
  synapses: LoadedSynapses;
  records: ReadonlyMap<string, NeuronRecord>;
  neurons: NeuronSelection;
  formats: readonly SnapshotFormat[];
  softwareVersion: string;
}

/**
 * Freezes the state at `seq` (replaying the log prefix unless `live` already is that state), resolves the
 * neuron records' anchors to that state's roots, selects the neurons, and materializes.
 */
export function snapshotInput(p: SnapshotInputParams): SnapshotInput {
  const { input, finish } = prepareSnapshot(p);
  return finish(materialize(input));
}

/**
 * `snapshotInput`, materializing through `materializer` (the server's worker pool, see materializeOn);
 * the result is identical.
 */
export async function snapshotInputAsync(
  p: SnapshotInputParams,
  materializer: (input: MaterializeInput) => Promise<Materialized>,
): Promise<SnapshotInput> {
  const { input, finish } = prepareSnapshot(p);
  return finish(await materializer(input));
}

function prepareSnapshot(p: SnapshotInputParams): {
  input: MaterializeInput;
  finish: (materialized: Materialized) => SnapshotInput;
} {
  if (!Number.isInteger(p.seq) || p.seq < 0 || p.seq > p.ops.length) {
    throw new SnapshotError(`at: expected a sequence number from 0 to ${p.ops.length}, got ${p.seq}`);
  }
  const state =
    p.live && p.live.seq === p.seq ? p.live : replayOperations(p.graph, p.options, p.ops.slice(0, p.seq));
  const counters = state.rootCounters();
  const base = state.rootIdBase;
  const include = p.neurons === "all" ? null : new Uint8Array(state.rootCounterLimit);
  const meta = new Map<string, NeuronMeta>();
  const ids = [...p.records.keys()].sort();
  for (const id of ids) {
    const record = p.records.get(id)!;
    const index = state.graph.indexOf(parseId(record.anchor.supervoxel, `neurons[${id}].anchor.supervoxel`));
    if (index < 0) continue;
    const counter = counters[index]!;
    const root = formatId(base + BigInt(counter));
    if (!meta.has(root)) meta.set(root, { recordId: id, status: record.status, cellType: record.cellType });
    if (include && record.status === "approved") include[counter] = 1;
  }
  if (include && !include.includes(1)) {
    throw new SnapshotError(
      `no approved neuron at sequence number ${p.seq}: approve neurons first, or export every neuron (neurons: "all")`,
    );
  }
  const input: MaterializeInput = {
    rootCounters: counters,
    counterLimit: state.rootCounterLimit,
    rootIdBase: base,
    preIndex: p.synapses.preIndex,
    postIndex: p.synapses.postIndex,
    score: p.synapses.score,
    include,
  };
  const last = p.seq > 0 ? p.ops[p.seq - 1] : undefined;
  const finish = (materialized: Materialized): SnapshotInput => ({
    dataset: p.datasetId,
    seq: p.seq,
    // The time of the state frozen (of its last operation), so that the same snapshot is byte-identical.
    time: new Date(last ? last.time : 0).toISOString(),
    softwareVersion: p.softwareVersion,
    materialized,
    synapses: p.synapses,
    meta,
    formats: p.formats,
  });
  return { input, finish };
}
