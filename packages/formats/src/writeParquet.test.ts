import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { describe, expect, it } from "vitest";
import { mixedTable, randomTable } from "../test/exportFixtures";
import { seededRandom } from "../test/seededRandom";
import type { Table } from "./table";
import { PARQUET_CREATED_BY, writeParquet } from "./writeParquet";

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** Reads `bytes` with hyparquet and compares every value with the table's. */
async function expectParquetHolds(bytes: Uint8Array, table: Table): Promise<void> {
  const rows = (await parquetReadObjects({ file: toArrayBuffer(bytes) })) as Record<string, unknown>[];
  expect(rows.length).toBe(table.rowCount);
  for (const col of table.columns) {
    for (let r = 0; r < table.rowCount; r++) {
      const got = rows[r]![col.name];
      const want = col.type === "bool" ? col.values[r] === 1 : col.values[r];
      expect(Object.is(got, want), `column ${col.name} row ${r}: ${String(got)} ≠ ${String(want)}`).toBe(
        true,
      );
    }
  }
}

describe("Parquet writer", () => {
  it("[PQ1] frames the file as PAR1, column chunks, footer, footer length, PAR1", () => {
    const bytes = writeParquet(mixedTable());
    const text = (a: number, b: number) => String.fromCharCode(...bytes.subarray(a, b));
    expect(text(0, 4)).toBe("PAR1");
    expect(text(bytes.length - 4, bytes.length)).toBe("PAR1");
    const footerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
    const meta = parquetMetadata(toArrayBuffer(bytes));
    expect(meta.metadata_length).toBe(footerLength);
    expect(meta.version).toBe(1);
    expect(meta.created_by).toBe(PARQUET_CREATED_BY);
    expect(meta.num_rows).toBe(4n);
    expect(meta.row_groups.length).toBe(1);
    const group = meta.row_groups[0]!;
    expect(group.num_rows).toBe(4n);
    expect(group.ordinal).toBe(0);
    // Column chunks follow each other from byte 4 up to the footer, and their sizes add up.
    let at = 4n;
    for (const chunk of group.columns) {
      const m = chunk.meta_data!;
      expect(m.data_page_offset).toBe(at);
      expect(m.codec).toBe("UNCOMPRESSED");
      expect(m.encodings).toEqual(["PLAIN"]);
      expect(m.total_compressed_size).toBe(m.total_uncompressed_size);
      at += m.total_compressed_size;
    }
    expect(at).toBe(BigInt(bytes.length - 8 - footerLength));
    expect(group.total_byte_size).toBe(at - 4n);
  });

  it("[PQ2] declares the physical, converted and logical types of every column, all REQUIRED", () => {
    const meta = parquetMetadata(toArrayBuffer(writeParquet(mixedTable())));
    const [root, ...schema] = meta.schema;
    expect(root!.num_children).toBe(8);
    expect(schema.map((s) => [s.name, s.type, s.repetition_type, s.converted_type, s.logical_type])).toEqual([
      ["id", "INT64", "REQUIRED", "UINT_64", { type: "INTEGER", bitWidth: 64, isSigned: false }],
      ["delta", "INT64", "REQUIRED", undefined, undefined],
      ["i32", "INT32", "REQUIRED", undefined, undefined],
      ["u32", "INT32", "REQUIRED", "UINT_32", { type: "INTEGER", bitWidth: 32, isSigned: false }],
      ["f32", "FLOAT", "REQUIRED", undefined, undefined],
      ["f64", "DOUBLE", "REQUIRED", undefined, undefined],
      ["text", "BYTE_ARRAY", "REQUIRED", "UTF8", { type: "STRING" }],
      ["ok", "BOOLEAN", "REQUIRED", undefined, undefined],
    ]);
  });

  it("[PQ2] reads back every value, uint64 above 2^63 included, through hyparquet", async () => {
    await expectParquetHolds(writeParquet(mixedTable()), mixedTable());
    const t = randomTable(seededRandom(21), 1000);
    await expectParquetHolds(writeParquet(t), t);
  });

  it("[PQ4] splits columns into data pages whose headers carry the sizes, and reads them all back", async () => {
    const t = randomTable(seededRandom(22), 1001);
    const bytes = writeParquet(t, { rowsPerPage: 100 });
    await expectParquetHolds(bytes, t);
    expect(bytes.length).toBeGreaterThan(writeParquet(t).length); // 11 page headers per column instead of 1
    // Boolean pages are bit-packed LSB first: 8 rows 1,0,0,0,0,0,0,1 are the single byte 0x81.
    const bools: Table = {
      rowCount: 8,
      columns: [{ name: "b", type: "bool", values: Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 1) }],
    };
    const b = writeParquet(bools);
    const chunk = parquetMetadata(toArrayBuffer(b)).row_groups[0]!.columns[0]!.meta_data!;
    const end = Number(chunk.data_page_offset + chunk.total_compressed_size);
    expect(b[end - 1]).toBe(0x81);
    await expectParquetHolds(b, bools);
  });

  it("[PQ5] writes an empty table with its schema and no row group", async () => {
    const empty: Table = {
      rowCount: 0,
      columns: [
        { name: "pre", type: "uint64", values: new BigUint64Array(0) },
        { name: "name", type: "utf8", values: [] },
      ],
    };
    const bytes = writeParquet(empty);
    const meta = parquetMetadata(toArrayBuffer(bytes));
    expect(meta.num_rows).toBe(0n);
    expect(meta.row_groups).toEqual([]);
    expect(meta.schema.map((s) => s.name)).toEqual(["schema", "pre", "name"]);
    expect(await parquetReadObjects({ file: toArrayBuffer(bytes) })).toEqual([]);
    expect(() => writeParquet({ rowCount: 0, columns: [] }, { name: "e.parquet" })).toThrow(
      "e.parquet: a Parquet file needs at least one column",
    );
    expect(() => writeParquet(mixedTable(), { rowsPerPage: 0 })).toThrow(
      "rowsPerPage 0 must be a positive integer",
    );
  });

  it("[X11] is byte-identical for equal tables", () => {
    const a = writeParquet(randomTable(seededRandom(23), 300));
    const b = writeParquet(randomTable(seededRandom(23), 300));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
