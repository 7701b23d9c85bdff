import { describe, expect, it } from "vitest";
import { mixedTable } from "../test/exportFixtures";
import { createTable, getColumn, loneSurrogateAt, type Table, TableError, validateTable } from "./table";

describe("columnar Table", () => {
  it("[X1] accepts a table with every column type and counts its rows", () => {
    expect(() => validateTable(mixedTable())).not.toThrow();
    const t = createTable(mixedTable().columns);
    expect(t.rowCount).toBe(4);
    expect(createTable([]).rowCount).toBe(0);
    expect(getColumn(t, "f32").type).toBe("float32");
    expect(() => getColumn(t, "nope", "edges")).toThrow('edges: no column "nope" (columns: "id", "delta"');
  });

  it("[X1] names the column and the row count when lengths differ", () => {
    const t = mixedTable();
    const bad: Table = {
      ...t,
      columns: [...t.columns.slice(0, 3), { name: "u32", type: "uint32", values: Uint32Array.of(1, 2, 3) }],
    };
    expect(() => validateTable(bad, "edges.csv")).toThrow(
      'edges.csv: column "u32" has 3 rows, expected 4 (the table\'s rowCount)',
    );
    expect(() =>
      createTable([t.columns[0]!, { name: "x", type: "int32", values: Int32Array.of(1) }], "nodes"),
    ).toThrow('nodes: column "x" has 1 rows, expected 4');
  });

  it("[X1] refuses duplicate or empty names, wrong arrays, non-finite floats, bad booleans and lone surrogates", () => {
    const one = (col: Table["columns"][number]): Table => ({ rowCount: col.values.length, columns: [col] });
    expect(() =>
      validateTable({
        rowCount: 1,
        columns: [
          { name: "a", type: "int32", values: Int32Array.of(1) },
          { name: "a", type: "int32", values: Int32Array.of(2) },
        ],
      }),
    ).toThrow('column name "a" appears twice');
    expect(() => validateTable(one({ name: "", type: "int32", values: Int32Array.of(1) }))).toThrow(
      "column 0 has no name",
    );
    expect(() =>
      validateTable(
        one({ name: "id", type: "uint64", values: Float64Array.of(1) as unknown as BigUint64Array }),
      ),
    ).toThrow('column "id" of type uint64 must hold BigUint64Array');
    expect(() =>
      validateTable(one({ name: "w", type: "float32", values: Float32Array.of(1, Number.NaN) }), "t"),
    ).toThrow('t: column "w" row 1: NaN is not a finite number');
    expect(() =>
      validateTable(one({ name: "w", type: "float64", values: Float64Array.of(Number.POSITIVE_INFINITY) })),
    ).toThrow("row 0: Infinity is not a finite number");
    expect(() => validateTable(one({ name: "b", type: "bool", values: Uint8Array.of(0, 1, 2) }))).toThrow(
      'column "b" row 2: boolean must be 0 or 1, got 2',
    );
    expect(() => validateTable(one({ name: "s", type: "utf8", values: ["ok", "a\ud800b"] }))).toThrow(
      'column "s" row 1: unpaired surrogate at character 1',
    );
    expect(() =>
      validateTable(one({ name: "s", type: "utf8", values: ["ok", 5 as unknown as string] })),
    ).toThrow("row 1: expected a string, got number");
    expect(() => validateTable({ rowCount: -1, columns: [] })).toThrow(
      "rowCount -1 is not a non-negative integer",
    );
    expect(() => validateTable(one({ name: "x", type: "int32", values: Int32Array.of(1) }))).not.toThrow(
      TableError,
    );
  });

  it("[X1] finds unpaired surrogates but accepts pairs", () => {
    expect(loneSurrogateAt("🧠x")).toBe(-1);
    expect(loneSurrogateAt("x\udc00")).toBe(1);
    expect(loneSurrogateAt("\ud83e")).toBe(0);
  });
});
