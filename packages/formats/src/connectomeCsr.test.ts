import { describe, expect, it } from "vitest";
import { randomUint64, seededRandom } from "../test/seededRandom";
import {
  type ConnectomeCsr,
  connectomeCsrLayout,
  readConnectomeCsr,
  writeConnectomeCsr,
} from "./connectomeCsr";
import { connectomeCsrEdges, createConnectomeCsr } from "./createConnectomeCsr";

const BIG = (1n << 63n) + 10n;

/** 3 nodes, 4 edges: 0→1 (5), 0→2 (1.5), 2→0 (2), 2→1 (7). */
function small(): ConnectomeCsr {
  return {
    nodeIds: BigUint64Array.of(3n, 40n, BIG),
    rows: "pre",
    rowOffsets: Uint32Array.of(0, 2, 2, 4),
    columns: Uint32Array.of(1, 2, 0, 1),
    weights: Float32Array.of(5, 1.5, 2, 7),
    signs: Int8Array.of(1, -1, 0, 1),
  };
}

describe("connectome CSR file", () => {
  it("[CSR1] [CSR2] lays out the header and 8-byte aligned little-endian sections exactly as documented", () => {
    const bytes = writeConnectomeCsr(small());
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([...bytes.subarray(0, 8)]).toEqual([0x44, 0x4e, 0x43, 0x53, 0x52, 0, 0, 0]); // "DNCSR\0\0\0"
    expect([
      view.getUint32(8, true),
      view.getUint32(12, true),
      view.getUint32(16, true),
      view.getUint32(20, true),
    ]).toEqual([1, 1, 3, 4]);
    // node ids at 24 (3 × 8), row offsets at 48 (4 × 4 = 16 → 64), columns at 64 (16 → 80), weights at 80 (16 → 96), signs at 96 (4, padded to 104)
    expect(connectomeCsrLayout(3, 4, true)).toEqual({
      nodeIds: 24,
      rowOffsets: 48,
      columns: 64,
      weights: 80,
      signs: 96,
      end: 104,
    });
    expect(bytes.length).toBe(104);
    expect(view.getBigUint64(24 + 16, true)).toBe(BIG);
    expect([0, 1, 2, 3].map((i) => view.getUint32(48 + 4 * i, true))).toEqual([0, 2, 2, 4]);
    expect([0, 1, 2, 3].map((i) => view.getUint32(64 + 4 * i, true))).toEqual([1, 2, 0, 1]);
    expect([0, 1, 2, 3].map((i) => view.getFloat32(80 + 4 * i, true))).toEqual([5, 1.5, 2, 7]);
    expect([0, 1, 2, 3].map((i) => view.getInt8(96 + i))).toEqual([1, -1, 0, 1]);
    expect([...bytes.subarray(100, 104)]).toEqual([0, 0, 0, 0]);
    // Without signs the file ends after the weights; odd counts pad the offsets and columns to 8 bytes.
    expect(connectomeCsrLayout(2, 1, false)).toEqual({
      nodeIds: 24,
      rowOffsets: 40,
      columns: 56,
      weights: 64,
      signs: 72,
      end: 72,
    });
    expect(readConnectomeCsr(bytes)).toEqual(small());
  });

  it("[CSR1] round-trips CSR by post without signs, and empty graphs", () => {
    const byPost: ConnectomeCsr = { ...small(), rows: "post", signs: null };
    const bytes = writeConnectomeCsr(byPost);
    expect(new DataView(bytes.buffer).getUint32(12, true)).toBe(2);
    expect(bytes.length).toBe(96);
    expect(readConnectomeCsr(bytes)).toEqual(byPost);
    const empty: ConnectomeCsr = {
      nodeIds: new BigUint64Array(0),
      rows: "pre",
      rowOffsets: Uint32Array.of(0),
      columns: new Uint32Array(0),
      weights: new Float32Array(0),
      signs: null,
    };
    expect(writeConnectomeCsr(empty).length).toBe(32);
    expect(readConnectomeCsr(writeConnectomeCsr(empty))).toEqual(empty);
  });

  it("[CSR3] [CSR4] [CSR5] refuses unordered ids, bad offsets, columns out of range or order, bad weights and signs", () => {
    const bad = (patch: Partial<ConnectomeCsr>) => () =>
      writeConnectomeCsr({ ...small(), ...patch }, "w.csr");
    expect(bad({ nodeIds: BigUint64Array.of(3n, 3n, BIG) })).toThrow(
      "w.csr: node ids must be strictly ascending, but node 1 (3) follows 3",
    );
    expect(bad({ rowOffsets: Uint32Array.of(0, 2, 4) })).toThrow("3 row offsets for 3 nodes; expected 4");
    expect(bad({ rowOffsets: Uint32Array.of(0, 3, 2, 4) })).toThrow(
      "row offset 2 (2) is below row offset 1 (3)",
    );
    expect(bad({ rowOffsets: Uint32Array.of(0, 2, 2, 3) })).toThrow(
      "row offset 3 is 3, expected the edge count 4",
    );
    expect(bad({ columns: Uint32Array.of(1, 3, 0, 1) })).toThrow("edge 1 (row 0) column 3 is outside 0..2");
    expect(bad({ columns: Uint32Array.of(2, 1, 0, 1) })).toThrow(
      "edge 1 (row 0) column 1 does not follow 2 in ascending order",
    );
    expect(bad({ weights: Float32Array.of(5, -1, 2, 7) })).toThrow(
      "edge 1 weight -1 is not a finite count ≥ 0",
    );
    expect(bad({ weights: Float32Array.of(5, Number.NaN, 2, 7) })).toThrow("edge 1 weight NaN");
    expect(bad({ signs: Int8Array.of(1, 2, 0, 1) })).toThrow("edge 1 sign 2 is not −1, 0 or +1");
    expect(bad({ signs: Int8Array.of(1) })).toThrow("1 signs for 4 edges");
  });

  it("[CSR6] names foreign, truncated, padded, versioned and oversized files", () => {
    const bytes = writeConnectomeCsr(small());
    expect(() =>
      readConnectomeCsr(new TextEncoder().encode("PAR1 not a csr file at all......"), "x.bin"),
    ).toThrow(
      'x.bin: not a Danio connectome CSR file (expected magic "DNCSR" and 3 zero bytes at byte 0, found "PAR1 not")',
    );
    expect(() => readConnectomeCsr(bytes.slice(0, 5))).toThrow(
      "truncated: the header needs 24 bytes, the file has 5",
    );
    expect(() => readConnectomeCsr(new Uint8Array(0))).toThrow("the file has 0");
    expect(() => readConnectomeCsr(bytes.slice(0, 90), "c.csr")).toThrow(
      "c.csr: truncated: weights (4 × f32) need bytes 80..95 (header: 3 nodes, 4 edges), the file has 90 bytes",
    );
    expect(() => readConnectomeCsr(bytes.slice(0, 99))).toThrow(
      "truncated: signs (4 × i8) need bytes 96..99",
    );
    expect(() => readConnectomeCsr(bytes.slice(0, 100))).toThrow(
      "truncated: the zero padding after signs (4 × i8) needs bytes 100..103, the file has 100 bytes",
    );
    const longer = new Uint8Array(112);
    longer.set(bytes);
    expect(() => readConnectomeCsr(longer)).toThrow(
      "8 unexpected bytes after the last section (expected 104 bytes for 3 nodes, 4 edges)",
    );
    const v2 = bytes.slice();
    v2[8] = 2;
    expect(() => readConnectomeCsr(v2)).toThrow("version 2 is not supported (expected 1)");
    const flags = bytes.slice();
    flags[12] = 5;
    expect(() => readConnectomeCsr(flags)).toThrow("flags 0x5 set unknown bits");
    const pad = bytes.slice();
    pad[101] = 9;
    expect(() => readConnectomeCsr(pad)).toThrow("padding byte 101 after signs (4 × i8) is 9, expected 0");
    const col = bytes.slice();
    col[64] = 7;
    expect(() => readConnectomeCsr(col)).toThrow("edge 0 (row 0) column 7 is outside 0..2");
  });

  it("[CSR7] builds the CSR from an id edge list either way round and lists the same edges back", () => {
    const rand = seededRandom(31);
    const ids = Array.from({ length: 60 }, () => randomUint64(rand));
    const pairs = new Map<string, [bigint, bigint, number, number]>();
    while (pairs.size < 400) {
      const a = ids[Math.floor(rand() * ids.length)]!;
      const b = ids[Math.floor(rand() * ids.length)]!;
      pairs.set(`${a}>${b}`, [a, b, 1 + Math.floor(rand() * 50), Math.floor(rand() * 3) - 1]);
    }
    const list = [...pairs.values()];
    const edges = {
      pre: BigUint64Array.from(list.map((e) => e[0])),
      post: BigUint64Array.from(list.map((e) => e[1])),
      weight: Uint32Array.from(list.map((e) => e[2])),
      sign: Int8Array.from(list.map((e) => e[3])),
    };
    const extra = (1n << 64n) - 1n; // a neuron without edges keeps a row
    for (const rows of ["pre", "post"] as const) {
      const csr = createConnectomeCsr(edges, {
        rows,
        nodeIds: BigUint64Array.from([...new Set(ids), extra]),
      });
      const back = readConnectomeCsr(writeConnectomeCsr(csr));
      expect(back).toEqual(csr);
      expect(back.rows).toBe(rows);
      expect(back.nodeIds[back.nodeIds.length - 1]).toBe(extra);
      const listed = connectomeCsrEdges(back);
      const seen = new Map<string, [number, number]>();
      for (let e = 0; e < listed.pre.length; e++) {
        seen.set(`${back.nodeIds[listed.pre[e]!]}>${back.nodeIds[listed.post[e]!]}`, [
          listed.weight[e]!,
          listed.sign[e]!,
        ]);
      }
      expect(seen.size).toBe(pairs.size);
      for (const [key, [, , w, s]] of pairs) expect(seen.get(key)).toEqual([w, s]);
    }
    expect(() => createConnectomeCsr({ ...edges, pre: edges.pre.slice(0, 3) })).toThrow(
      "edge arrays differ in length (pre 3, post 400",
    );
    expect(() => createConnectomeCsr(edges, { nodeIds: BigUint64Array.from(ids.slice(0, 5)) })).toThrow(
      "is not one of the node ids",
    );
    const twice = {
      pre: BigUint64Array.of(5n, 5n),
      post: BigUint64Array.of(6n, 6n),
      weight: Float32Array.of(1, 2),
    };
    expect(() => createConnectomeCsr(twice)).toThrow("edges 0 and 1 both connect 5 → 6");
    expect(() => createConnectomeCsr(twice, { nodeIds: BigUint64Array.of(5n, 6n, 5n) })).toThrow(
      "node id 5 is listed twice",
    );
  });
});
