import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { createProofreadingState, createSupervoxelGraphFromIndices, materialize } from "@danio/core";
import { createTable, writeParquet } from "@danio/formats";
import { createMaterializePool } from "../src/export/materializePool";

/** xorshift32, deterministic. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/**
 * `danio bench export`: materialize 10,000,000 synapses on a 1,000,000-supervoxel graph (10,000 neurons of
 * 100 supervoxels; each synapse's post neuron near its pre neuron, so ~10 synapses per connected pair), and
 * the same group-by (synapse → pre/post root → count per pair) in DuckDB on the same data, in the same run.
 */
export async function benchExport(
  options: { supervoxels?: number; synapses?: number; onProgress?: (m: string) => void } = {},
) {
  const log = options.onProgress ?? (() => {});
  const n = options.supervoxels ?? 1_000_000;
  const s = options.synapses ?? 10_000_000;
  const perNeuron = 100;
  const neurons = Math.ceil(n / perNeuron);
  const rand = rng(7);

  log(`building a graph of ${n} supervoxels in ${neurons} neurons`);
  const ids = new BigUint64Array(n);
  for (let i = 0; i < n; i++) ids[i] = BigInt(i + 1);
  const m = n - 1;
  const edgeA = new Uint32Array(m);
  const edgeB = new Uint32Array(m);
  const aff = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    edgeA[i] = i;
    edgeB[i] = i + 1;
    aff[i] = (i + 1) % perNeuron === 0 ? 0.2 : 0.9; // chains inside a neuron, weak links between neurons
  }
  const graph = createSupervoxelGraphFromIndices({ supervoxelIds: ids, edgeA, edgeB, affinities: aff });
  const state = createProofreadingState(graph, { threshold: 0.5 });

  log(`drawing ${s} synapses`);
  const preIndex = new Uint32Array(s);
  const postIndex = new Uint32Array(s);
  const score = new Float32Array(s);
  for (let k = 0; k < s; k++) {
    const preNeuron = Math.floor(rand() * neurons);
    const postNeuron = Math.min(neurons - 1, Math.max(0, preNeuron + Math.floor(rand() * 101) - 50));
    preIndex[k] = Math.min(n - 1, preNeuron * perNeuron + Math.floor(rand() * perNeuron));
    postIndex[k] = Math.min(n - 1, postNeuron * perNeuron + Math.floor(rand() * perNeuron));
    score[k] = rand();
  }

  // A full collection first, so that the garbage of building the inputs does not count.
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  const rssBefore = process.memoryUsage().rss;
  const buffersBefore = process.memoryUsage().arrayBuffers;
  let materializeBytes = 0;
  log("materializing");
  const times: number[] = [];
  let out: ReturnType<typeof materialize> | undefined;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const counters = state.rootCounters();
    out = materialize({
      rootCounters: counters,
      counterLimit: state.rootCounterLimit,
      rootIdBase: state.rootIdBase,
      preIndex,
      postIndex,
      score,
      include: null,
    });
    times.push((performance.now() - t0) / 1000);
    // Typed arrays allocated by one materialization (outputs and scratch), before any collection.
    if (rep === 0) materializeBytes = process.memoryUsage().arrayBuffers - buffersBefore;
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const danioSeconds = Math.min(...times);
  const edges = out!.edges.pre.length;

  // The same materialization on a worker pool (as the server keeps one): starting the pool and copying the
  // synapse columns into shared memory once (as the server does once per dataset) are not timed; copying
  // the root counters, planning, every pass and concatenating are.
  const workers = Math.max(2, Math.min(availableParallelism(), 8));
  log(`materializing on ${workers} workers`);
  const pool = await createMaterializePool(workers);
  let parallelSeconds = Number.NaN;
  let parallelSame = false;
  let shareSeconds = Number.NaN;
  let parallelRuns: number[] = [];
  try {
    const t0 = performance.now();
    pool.prepare({ preIndex, postIndex, score });
    shareSeconds = (performance.now() - t0) / 1000;
    const pt: number[] = [];
    let par: ReturnType<typeof materialize> | undefined;
    for (let rep = 0; rep < 3; rep++) {
      const t1 = performance.now();
      const counters = state.rootCounters();
      par = await pool.run({
        rootCounters: counters,
        counterLimit: state.rootCounterLimit,
        rootIdBase: state.rootIdBase,
        preIndex,
        postIndex,
        score,
        include: null,
      });
      pt.push((performance.now() - t1) / 1000);
    }
    parallelSeconds = Math.min(...pt);
    parallelRuns = pt;
    parallelSame = sameMaterialized(out!, par!);
  } finally {
    await pool.close();
  }

  log("loading the same data into DuckDB (not timed)");
  const work = mkdtempSync(join(tmpdir(), "danio-bench-export-"));
  const counters = state.rootCounters();
  writeFileSync(
    join(work, "sv.parquet"),
    writeParquet(
      createTable([
        { name: "sv", type: "uint32", values: Uint32Array.from({ length: n }, (_, i) => i) },
        { name: "root", type: "uint32", values: counters },
      ]),
    ),
  );
  writeFileSync(
    join(work, "syn.parquet"),
    writeParquet(
      createTable([
        { name: "pre", type: "uint32", values: preIndex },
        { name: "post", type: "uint32", values: postIndex },
        { name: "score", type: "float32", values: score },
      ]),
    ),
  );
  let duckSeconds = Number.NaN;
  let duckRuns: number[] = [];
  let duckEdges = -1;
  let duckdb: string;
  try {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(`CREATE TABLE sv AS SELECT * FROM read_parquet('${join(work, "sv.parquet")}')`);
    await c.run(`CREATE TABLE syn AS SELECT * FROM read_parquet('${join(work, "syn.parquet")}')`);
    log("DuckDB group-by");
    const q = `SELECT a.root AS pre_root, b.root AS post_root, count(*) AS weight_hr,
                 count(*) FILTER (WHERE s.score >= 0.5) AS weight_hp
               FROM syn s JOIN sv a ON s.pre = a.sv JOIN sv b ON s.post = b.sv
               GROUP BY 1, 2 ORDER BY 1, 2`;
    const dt: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      await c.run(`CREATE OR REPLACE TABLE edges AS ${q}`);
      dt.push((performance.now() - t0) / 1000);
    }
    duckSeconds = Math.min(...dt);
    duckRuns = dt;
    duckEdges = Number((await c.runAndReadAll("SELECT count(*) FROM edges")).getRows()[0]![0]);
    duckdb = "@duckdb/node-api";
  } catch (err) {
    duckdb = `unavailable: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return {
    supervoxels: n,
    synapses: s,
    neurons: out!.neurons.root.length,
    edges,
    materializeSeconds: danioSeconds,
    materializeRuns: times,
    parallelWorkers: workers,
    parallelSeconds,
    parallelRuns,
    parallelSameAsMaterialize: parallelSame,
    parallelShareInputsSeconds: shareSeconds,
    peakRssBytes: peakRss,
    materializeAllocatedBytes: materializeBytes,
    rssBeforeMaterializeBytes: rssBefore,
    duckdb,
    duckdbSeconds: duckSeconds,
    duckdbRuns: duckRuns,
    duckdbEdges: duckEdges,
    duckdbOverDanio: duckSeconds / danioSeconds,
    duckdbOverParallel: duckSeconds / parallelSeconds,
    sameEdgeCount: duckEdges === edges,
  };
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameMaterialized(a: ReturnType<typeof materialize>, b: ReturnType<typeof materialize>): boolean {
  return (
    a.rootIdBase === b.rootIdBase &&
    sameArray(a.synapseOrder, b.synapseOrder) &&
    sameArray(a.synapsePre, b.synapsePre) &&
    sameArray(a.synapsePost, b.synapsePost) &&
    (["pre", "post", "weightHR", "weight", "weightHP"] as const).every((k) =>
      sameArray(a.edges[k], b.edges[k]),
    ) &&
    (["root", "pre", "post"] as const).every((k) => sameArray(a.neurons[k], b.neurons[k]))
  );
}
