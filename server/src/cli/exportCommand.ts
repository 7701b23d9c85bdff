import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { loadDataset } from "@danio/dataset";
import { readNeurons, roomForDataset } from "@danio/sync";
import * as Y from "yjs";
import { datasetIdFromDir } from "../datasets/DatasetRegistry";
import { graphOfDataset, proofreadingOptionsOf } from "../datasets/proofreadingInputs";
import { buildSnapshotFiles, SNAPSHOT_FORMATS, type SnapshotFormat } from "../export/buildSnapshotFiles";
import { snapshotInput } from "../export/snapshotInput";
import { writeSnapshotDir } from "../export/writeSnapshotDir";
import { DEFAULT_STORE_URL, openStore } from "../store/openStore";
import { readOperationLog } from "../store/readOperationLog";
import { SOFTWARE_VERSION } from "../version";
import { checkKnownFlags, intFlag, parseArgs, UsageError } from "./args";
import type { Command } from "./Command";

export const exportCommand: Command = {
  name: "export",
  summary: "write a materialization snapshot (neurons, synapses, edges) without a running server",
  help: `danio export --data DIR --out OUT [--store URL] [--at SEQ] [--neurons approved|all] [--format LIST]

Freezes the dataset in DIR at operation SEQ (default: the latest in the store's log) and writes the
snapshot into OUT (which must not exist): neurons, synapses and edges as CSV (plain, neuPrint import and
FlyWire/Codex columns), JSON, Parquet, GraphML and the connectome CSR for packages/forecast, with a
manifest (row counts, sha256 per file). The same snapshot made twice is byte-identical.
  --data DIR       the dataset directory (with danio.json)
  --out OUT        the snapshot directory to create
  --store URL      sqlite:PATH or postgres://… holding the operation log (default ${DEFAULT_STORE_URL})
  --at SEQ         sequence number to freeze (default: the last operation)
  --neurons SEL    approved (default: neurons whose record is approved) or all (every neuron with a synapse)
  --format LIST    comma-separated subset of ${SNAPSHOT_FORMATS.join(",")} (default: all)`,
  async run(argv) {
    const args = parseArgs(argv);
    checkKnownFlags(args, ["data", "out", "store", "at", "neurons", "format"], "export");
    const data = args.flags.get("data");
    const out = args.flags.get("out");
    if (typeof data !== "string") throw new UsageError("--data DIR is required");
    if (typeof out !== "string") throw new UsageError("--out OUT is required");
    if (existsSync(out))
      throw new UsageError(`--out ${out}: already exists; a snapshot is never overwritten`);
    const neurons = args.flags.get("neurons") ?? "approved";
    if (neurons !== "approved" && neurons !== "all") {
      throw new UsageError(`--neurons: expected approved or all, got ${JSON.stringify(neurons)}`);
    }
    const formatFlag = args.flags.get("format");
    const formats = (
      typeof formatFlag === "string" ? formatFlag.split(",") : [...SNAPSHOT_FORMATS]
    ) as SnapshotFormat[];
    for (const f of formats) {
      if (!SNAPSHOT_FORMATS.includes(f)) {
        throw new UsageError(`--format: ${JSON.stringify(f)} is not one of ${SNAPSHOT_FORMATS.join(", ")}`);
      }
    }
    const dataset = loadDataset(resolve(data));
    const datasetId = datasetIdFromDir(data);
    const storeFlag = args.flags.get("store");
    const store = await openStore(typeof storeFlag === "string" ? storeFlag : DEFAULT_STORE_URL);
    try {
      const ops = await readOperationLog(store, datasetId);
      const doc = new Y.Doc();
      for (const u of await store.loadUpdates(roomForDataset(datasetId))) Y.applyUpdate(doc, u.update);
      const graph = graphOfDataset(dataset);
      const seq = intFlag(args, "at", ops.length, 0, ops.length);
      console.error(`export: ${datasetId} at sequence number ${seq} of ${ops.length}, ${neurons} neurons`);
      const input = snapshotInput({
        datasetId,
        graph,
        options: proofreadingOptionsOf(dataset),
        ops,
        seq,
        synapses: dataset.synapses,
        records: readNeurons(doc),
        neurons,
        formats,
        softwareVersion: SOFTWARE_VERSION,
      });
      const files = buildSnapshotFiles(input);
      await writeSnapshotDir(resolve(out), files);
      const m = input.materialized;
      console.log(
        `wrote ${files.length} files to ${out}: ${m.neurons.root.length} neurons, ${m.synapseOrder.length} synapses, ${m.edges.pre.length} edges`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
