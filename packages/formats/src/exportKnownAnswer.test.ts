/**
 * Known answer on real data (SPEC.md X12): the P. pacificus pharynx synapse lists of Bumbarger et al. 2013
 * (neurodata/bgm, one "pre,post" line per synapse) aggregated into an edge table, written as CSV, Parquet,
 * JSON and connectome CSR, read back, and compared with a count made here by plain string splitting — and
 * with bgm's own processed edge lists, which keep only the left/right-paired neurons.
 */
import { parquetReadObjects } from "hyparquet";
import { describe, expect } from "vitest";
import { itShared, readShared } from "../test/sharedData";
import { aggregateEdges, edgeCountsTable } from "./aggregateEdges";
import { readConnectomeCsr, writeConnectomeCsr } from "./connectomeCsr";
import { connectomeCsrEdges, createConnectomeCsr } from "./createConnectomeCsr";
import { parseDelimited } from "./delimited";
import { decodeUtf8 } from "./utf8";
import { writeCsv } from "./writeCsv";
import { writeJson } from "./writeJson";
import { writeParquet } from "./writeParquet";

const text = (...path: string[]) =>
  new TextDecoder().decode(readShared("bgm-connectomes", ...path)).replace(/^\ufeff/, "");
const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l !== "");

/** The specimen's synapses as name pairs and a per-edge count keyed "pre>post", by string splitting only. */
function independentCounts(specimen: string) {
  const pairs = lines(text("p_pacificus", `specimen_${specimen}_synapselist.csv`)).map((l) => {
    const cells = l.split(",");
    if (cells.length !== 2) throw new Error(`specimen ${specimen}: line "${l}" is not "pre,post"`);
    return [cells[0]!.trim(), cells[1]!.trim()] as const;
  });
  const counts = new Map<string, number>();
  for (const [a, b] of pairs) counts.set(`${a}>${b}`, (counts.get(`${a}>${b}`) ?? 0) + 1);
  return { pairs, counts };
}

// Known answers, counted from the files (wc -l plus the unterminated last line; distinct pairs).
const SPECIMENS = [
  { id: "107", synapses: 611, edges: 155, neurons: 50, pairedEdges: 35 },
  { id: "148", synapses: 511, edges: 151, neurons: 54, pairedEdges: 33 },
];

describe("edge table from real synapse lists", () => {
  for (const sp of SPECIMENS) {
    itShared(
      `[X12] specimen ${sp.id}: CSV, Parquet, JSON and CSR hold the synapse counts of every edge`,
      async () => {
        const { pairs, counts } = independentCounts(sp.id);
        expect(pairs.length).toBe(sp.synapses);
        expect(counts.size).toBe(sp.edges);

        // Neuron names → uint64 ids above 2^63 (in name order), so the writers see the full id range.
        const names = [...new Set(pairs.flat())].sort();
        expect(names.length).toBe(sp.neurons);
        const BASE = 1n << 63n;
        const idOf = new Map(names.map((n, i) => [n, BASE + 1000n * BigInt(i + 1)]));
        const nameOf = new Map([...idOf].map(([n, id]) => [id, n]));
        const edges = aggregateEdges(
          BigUint64Array.from(pairs.map((p) => idOf.get(p[0])!)),
          BigUint64Array.from(pairs.map((p) => idOf.get(p[1])!)),
        );
        const key = (pre: bigint, post: bigint) => `${nameOf.get(pre)}>${nameOf.get(post)}`;
        expect(edges.pre.length).toBe(sp.edges);
        expect(edges.count.reduce((s, c) => s + c, 0)).toBe(sp.synapses);
        const table = edgeCountsTable(edges);

        // CSV, read with the RFC 4180 tokenizer.
        const csv = parseDelimited(decodeUtf8(writeCsv(table)), { delimiter: "," }).rows;
        expect(csv[0]).toEqual(["pre", "post", "count"]);
        const fromCsv = new Map(csv.slice(1).map((r) => [key(BigInt(r[0]!), BigInt(r[1]!)), Number(r[2])]));
        expect(fromCsv).toEqual(counts);

        // Parquet, read with hyparquet.
        const pq = writeParquet(table);
        const rows = (await parquetReadObjects({
          file: pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.byteLength) as ArrayBuffer,
        })) as {
          pre: bigint;
          post: bigint;
          count: number;
        }[];
        expect(new Map(rows.map((r) => [key(r.pre, r.post), r.count]))).toEqual(counts);

        // JSON.
        const json = JSON.parse(decodeUtf8(writeJson(table))) as {
          pre: string;
          post: string;
          count: number;
        }[];
        expect(new Map(json.map((r) => [key(BigInt(r.pre), BigInt(r.post)), r.count]))).toEqual(counts);

        // Connectome CSR, both orientations.
        for (const rows of ["pre", "post"] as const) {
          const csr = readConnectomeCsr(
            writeConnectomeCsr(createConnectomeCsr({ ...edges, weight: edges.count }, { rows })),
          );
          expect(csr.nodeIds.length).toBe(sp.neurons);
          const listed = connectomeCsrEdges(csr);
          const fromCsr = new Map<string, number>();
          for (let e = 0; e < listed.pre.length; e++) {
            fromCsr.set(key(csr.nodeIds[listed.pre[e]!]!, csr.nodeIds[listed.post[e]!]!), listed.weight[e]!);
          }
          expect(fromCsr).toEqual(counts);
        }
      },
    );

    itShared(
      `[X12] specimen ${sp.id}: restricted to the paired neurons, the edge table is bgm's processed edge list`,
      () => {
        const { pairs } = independentCounts(sp.id);
        const names = [...new Set(pairs.flat())].sort();
        const idOf = new Map(names.map((n, i) => [n, BigInt(i + 1)]));
        const edges = aggregateEdges(
          BigUint64Array.from(pairs.map((p) => idOf.get(p[0])!)),
          BigUint64Array.from(pairs.map((p) => idOf.get(p[1])!)),
        );
        const paired = new Set(
          lines(text("processed_split", `specimen_${sp.id}_nodes.csv`))
            .slice(1)
            .map((l) => l.split(",")[0]!),
        );
        const ours = new Map<string, number>();
        for (let e = 0; e < edges.pre.length; e++) {
          const a = names[Number(edges.pre[e]) - 1]!;
          const b = names[Number(edges.post[e]) - 1]!;
          if (paired.has(a) && paired.has(b)) ours.set(`${a}>${b}`, edges.count[e]!);
        }
        const theirs = new Map(
          lines(text("processed_split", `specimen_${sp.id}_edgelist.csv`)).map((l) => {
            const [a, b, w] = l.split(",");
            return [`${a}>${b}`, Number(w)];
          }),
        );
        expect(theirs.size).toBe(sp.pairedEdges);
        expect(ours).toEqual(theirs);
      },
    );
  }
});
