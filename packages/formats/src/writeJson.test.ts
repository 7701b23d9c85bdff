import { describe, expect, it } from "vitest";
import { mixedTable, randomTable } from "../test/exportFixtures";
import { seededRandom } from "../test/seededRandom";
import type { Table } from "./table";
import { decodeUtf8 } from "./utf8";
import { writeJson } from "./writeJson";

/** Compares parsed JSON rows with the table: uint64/int64 as decimal strings, float32 through Math.fround. */
function expectJsonHolds(bytes: Uint8Array, table: Table): void {
  const rows = JSON.parse(decodeUtf8(bytes)) as Record<string, unknown>[];
  expect(rows.length).toBe(table.rowCount);
  rows.forEach((row, r) => {
    expect(Object.keys(row)).toEqual(table.columns.map((c) => c.name));
    for (const col of table.columns) {
      const v = row[col.name];
      const want = col.values[r];
      if (col.type === "uint64" || col.type === "int64") expect(v).toBe(String(want));
      else if (col.type === "bool") expect(v).toBe(want === 1);
      else if (col.type === "float32") expect(Object.is(Math.fround(v as number), want)).toBe(true);
      else expect(Object.is(v, want), `${col.name} row ${r}`).toBe(true);
    }
  });
}

describe("JSON writer", () => {
  it("[X6] writes one row object per line with keys in column order and uint64 as decimal strings", () => {
    const table: Table = {
      rowCount: 2,
      columns: [
        { name: "pre", type: "uint64", values: BigUint64Array.of(18446744073709551615n, 2n) },
        { name: "count", type: "uint32", values: Uint32Array.of(3, 1) },
        { name: "w", type: "float32", values: Float32Array.of(0.1, -0) },
        { name: "note", type: "utf8", values: ['a "b"\n', ""] },
        { name: "ok", type: "bool", values: Uint8Array.of(0, 1) },
      ],
    };
    expect(decodeUtf8(writeJson(table))).toBe(
      '[\n{"pre":"18446744073709551615","count":3,"w":0.1,"note":"a \\"b\\"\\n","ok":false},\n' +
        '{"pre":"2","count":1,"w":-0,"note":"","ok":true}\n]\n',
    );
    expect(
      decodeUtf8(
        writeJson({
          rowCount: 0,
          columns: table.columns.map((c) => ({ ...c, values: c.values.slice(0, 0) }) as typeof c),
        }),
      ),
    ).toBe("[]\n");
  });

  it("[X6] parses back to every value of every type", () => {
    expectJsonHolds(writeJson(mixedTable()), mixedTable());
    const t = randomTable(seededRandom(5), 400);
    expectJsonHolds(writeJson(t), t);
  });

  it("[X11] is byte-identical for equal tables", () => {
    expect(
      Buffer.from(writeJson(randomTable(seededRandom(9), 100))).equals(
        Buffer.from(writeJson(randomTable(seededRandom(9), 100))),
      ),
    ).toBe(true);
  });
});
