import { type MaterializeInput, MaterializeInputError, type Materialized, materialize } from "@danio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSnapshotFiles } from "./buildSnapshotFiles";
import { createMaterializePool, createMaterializer, type MaterializePool } from "./materializePool";

/** mulberry32, deterministic. */
function rngOf(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/** Random inputs: `sv` supervoxels on `limit` root counters (skewed), `n` synapses. */
function randomInput(
  seed: number,
  sv: number,
  limit: number,
  n: number,
  withInclude: boolean,
): MaterializeInput {
  const rng = rngOf(seed);
  const rootCounters = Uint32Array.from({ length: sv }, () =>
    rng.next() < 0.5 ? rng.int(Math.max(1, limit >> 3)) : rng.int(limit),
  );
  const preIndex = Uint32Array.from({ length: n }, () => rng.int(sv));
  const postIndex = Uint32Array.from({ length: n }, () => rng.int(sv));
  const score = Float32Array.from({ length: n }, () => (rng.next() < 0.1 ? 0.9 : rng.next()));
  const include = withInclude ? Uint8Array.from({ length: limit }, () => (rng.next() < 0.7 ? 1 : 0)) : null;
  return { rootCounters, counterLimit: limit, rootIdBase: 1000n, preIndex, postIndex, score, include };
}

/** Every column as a plain array (the pool's columns are backed by SharedArrayBuffer). */
function columns(m: Materialized) {
  const plain = (o: Record<string, Uint32Array>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.from(v)]));
  return {
    rootIdBase: m.rootIdBase,
    synapseOrder: Array.from(m.synapseOrder),
    synapsePre: Array.from(m.synapsePre),
    synapsePost: Array.from(m.synapsePost),
    edges: plain({ ...m.edges }),
    neurons: plain({ ...m.neurons }),
  };
}

describe("createMaterializePool", () => {
  let pools: MaterializePool[] = [];
  beforeAll(async () => {
    pools = await Promise.all([createMaterializePool(2), createMaterializePool(3)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it("[X7] gives materialize's arrays on random inputs, with a selection and with thresholds", async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const base = randomInput(seed, 200 + seed * 91, 7 + seed * 23, 3000 + seed * 1700, seed % 2 === 1);
      const inputs: MaterializeInput[] = [
        base,
        { ...base, thresholds: { weight: 0.25, highPrecision: 0.9 } },
        {
          ...base,
          include: new Uint8Array(base.counterLimit).fill(1),
          thresholds: { weight: 0.9, highPrecision: 0.5 },
        },
      ];
      for (const input of inputs) {
        const want = columns(materialize(input));
        for (const pool of pools) expect(columns(await pool.run(input))).toEqual(want);
      }
    }
  });

  it("[X7] its shared-memory columns give byte-identical snapshot files", async () => {
    const input = randomInput(41, 400, 50, 6000, true);
    const n = input.preIndex.length;
    const synapses = {
      ids: BigUint64Array.from({ length: n }, (_, i) => BigInt(i + 1)),
      preSupervoxel: BigUint64Array.from(input.preIndex, (v) => BigInt(v + 1)),
      postSupervoxel: BigUint64Array.from(input.postIndex, (v) => BigInt(v + 1)),
      prePosition: new Float32Array(n * 3).map((_, i) => i),
      postPosition: new Float32Array(n * 3).map((_, i) => -i),
      score: input.score,
    };
    const files = (materialized: Materialized) =>
      buildSnapshotFiles({
        dataset: "d",
        seq: 0,
        time: new Date(0).toISOString(),
        softwareVersion: "test",
        materialized,
        synapses,
        meta: new Map(),
        formats: ["csv", "json", "parquet", "graphml", "csr"],
      }).map((f) => [f.path, Buffer.from(f.bytes).toString("base64")]);
    expect(files(await pools[0]!.run(input))).toEqual(files(materialize(input)));
  });

  it("[X7] runs concurrent calls one after another, each with its own result", async () => {
    const a = randomInput(21, 500, 40, 20_000, true);
    const b = randomInput(22, 800, 90, 30_000, false);
    const [ra, rb] = await Promise.all([pools[0]!.run(a), pools[0]!.run(b)]);
    expect(columns(ra)).toEqual(columns(materialize(a)));
    expect(columns(rb)).toEqual(columns(materialize(b)));
  });

  it("[X7] refuses bad inputs with materialize's errors, and keeps working", async () => {
    const bad = randomInput(23, 100, 10, 5000, false);
    bad.postIndex[3000] = 100;
    bad.preIndex[4000] = 120;
    await expect(pools[0]!.run(bad)).rejects.toThrow(MaterializeInputError);
    await expect(pools[0]!.run(bad)).rejects.toThrow(/synapse 3000: supervoxel index 100/);
    const short = { ...randomInput(24, 100, 10, 50, false), include: new Uint8Array(4) };
    await expect(pools[0]!.run(short)).rejects.toThrow(/include: 4 flags for 10 root counters/);
    const ok = randomInput(25, 100, 10, 5000, true);
    expect(columns(await pools[0]!.run(ok))).toEqual(columns(materialize(ok)));
  });
});

describe("createMaterializer", () => {
  it("[X7] materializes small inputs on this thread and large ones on the pool, identically", async () => {
    const m = createMaterializer({ size: 2, minSynapses: 10_000 });
    try {
      const small = randomInput(31, 300, 30, 2000, true);
      const large = randomInput(32, 3000, 300, 50_000, true);
      const rs = await m.materialize(small);
      expect(rs.synapseOrder.buffer).toBeInstanceOf(ArrayBuffer);
      expect(columns(rs)).toEqual(columns(materialize(small)));
      const rl = await m.materialize(large);
      expect(rl.synapseOrder.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(columns(rl)).toEqual(columns(materialize(large)));
    } finally {
      await m.close();
    }
  }, 60_000);
});
