/**
 * A minimal Apache Parquet writer (SPEC.md PQ1–PQ6): "PAR1", one row group holding one column chunk per
 * column, each chunk a run of v1 data pages (PLAIN encoding, UNCOMPRESSED, all columns REQUIRED, so pages
 * carry no repetition or definition levels), then the FileMetaData in the Thrift compact protocol, its
 * 4-byte little-endian length, and "PAR1" again. No statistics, no dictionary, no timestamps, so the same
 * table always gives the same bytes. An empty table is written with no row group (the footer keeps the schema).
 *
 * Column types (physical type / converted type / logical type):
 *   uint64  INT64 / UINT_64 / INTEGER(64, unsigned)     int64   INT64
 *   uint32  INT32 / UINT_32 / INTEGER(32, unsigned)     int32   INT32
 *   float32 FLOAT                                        float64 DOUBLE
 *   utf8    BYTE_ARRAY / UTF8 / STRING                   bool    BOOLEAN
 */
import { writeArrayLE } from "./byteOrder";
import { type Column, type Table, TableError, validateTable } from "./table";
import { CT_BINARY, CT_I32, CT_STRUCT, ThriftCompactWriter } from "./ThriftCompactWriter";

export interface ParquetOptions {
  /** Used in error messages, e.g. the file name. */
  name?: string;
  /** Rows per data page (default 65,536). */
  rowsPerPage?: number;
}

/** The `created_by` string in every file this writer makes. */
export const PARQUET_CREATED_BY = "danio-formats parquet writer 1";

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"
const DEFAULT_ROWS_PER_PAGE = 65_536;
const MAX_PAGE_BYTES = 0x7fffffff;

// parquet.thrift enums
const TYPE_BOOLEAN = 0;
const TYPE_INT32 = 1;
const TYPE_INT64 = 2;
const TYPE_FLOAT = 4;
const TYPE_DOUBLE = 5;
const TYPE_BYTE_ARRAY = 6;
const REQUIRED = 0;
const CONVERTED_UTF8 = 0;
const CONVERTED_UINT_32 = 13;
const CONVERTED_UINT_64 = 14;
const ENCODING_PLAIN = 0;
const ENCODING_RLE = 3;
const CODEC_UNCOMPRESSED = 0;
const PAGE_DATA = 0;
const LOGICAL_STRING = 1;
const LOGICAL_INTEGER = 10;

interface ParquetColumnType {
  physical: number;
  converted?: number;
  /** INTEGER(bitWidth, unsigned) logical type. */
  unsignedBits?: number;
  string?: true;
}

function parquetType(col: Column): ParquetColumnType {
  switch (col.type) {
    case "uint64":
      return { physical: TYPE_INT64, converted: CONVERTED_UINT_64, unsignedBits: 64 };
    case "int64":
      return { physical: TYPE_INT64 };
    case "uint32":
      return { physical: TYPE_INT32, converted: CONVERTED_UINT_32, unsignedBits: 32 };
    case "int32":
      return { physical: TYPE_INT32 };
    case "float32":
      return { physical: TYPE_FLOAT };
    case "float64":
      return { physical: TYPE_DOUBLE };
    case "utf8":
      return { physical: TYPE_BYTE_ARRAY, converted: CONVERTED_UTF8, string: true };
    case "bool":
      return { physical: TYPE_BOOLEAN };
  }
}

/** PLAIN-encoded values of rows [start, end) of a column. `utf8` holds the column's strings as UTF-8. */
function plainValues(col: Column, start: number, end: number, utf8: Uint8Array[] | null): Uint8Array {
  const n = end - start;
  switch (col.type) {
    case "bool": {
      const out = new Uint8Array((n + 7) >> 3);
      const v = col.values;
      for (let i = 0; i < n; i++) if (v[start + i]) out[i >> 3]! |= 1 << (i & 7);
      return out;
    }
    case "utf8": {
      const strings = utf8!;
      let size = 0;
      for (let r = start; r < end; r++) size += 4 + strings[r]!.length;
      const out = new Uint8Array(size);
      const view = new DataView(out.buffer);
      let o = 0;
      for (let r = start; r < end; r++) {
        const s = strings[r]!;
        view.setUint32(o, s.length, true);
        out.set(s, o + 4);
        o += 4 + s.length;
      }
      return out;
    }
    default: {
      const src = col.values.subarray(start, end);
      const out = new Uint8Array(src.byteLength);
      writeArrayLE(out, 0, src);
      return out;
    }
  }
}

function pageHeader(numValues: number, size: number): Uint8Array {
  const t = new ThriftCompactWriter();
  t.fieldI32(1, PAGE_DATA);
  t.fieldI32(2, size); // uncompressed_page_size
  t.fieldI32(3, size); // compressed_page_size
  t.beginStructField(5); // data_page_header
  t.fieldI32(1, numValues);
  t.fieldI32(2, ENCODING_PLAIN);
  t.fieldI32(3, ENCODING_RLE); // definition_level_encoding (no levels: required column)
  t.fieldI32(4, ENCODING_RLE); // repetition_level_encoding
  t.endStruct();
  t.stop();
  return t.finish();
}

interface ColumnChunk {
  pages: Uint8Array[];
  bytes: number;
}

function columnChunk(col: Column, rowCount: number, rowsPerPage: number, name: string): ColumnChunk {
  let utf8: Uint8Array[] | null = null;
  if (col.type === "utf8") {
    const encoder = new TextEncoder();
    utf8 = col.values.map((s) => encoder.encode(s));
  }
  const pages: Uint8Array[] = [];
  let bytes = 0;
  for (let start = 0; start < rowCount; start += rowsPerPage) {
    const end = Math.min(rowCount, start + rowsPerPage);
    const data = plainValues(col, start, end, utf8);
    if (data.length > MAX_PAGE_BYTES) {
      throw new TableError(
        `${name}: column "${col.name}" rows ${start}..${end - 1} need ${data.length} bytes, more than a Parquet page holds; lower rowsPerPage`,
      );
    }
    const header = pageHeader(end - start, data.length);
    pages.push(header, data);
    bytes += header.length + data.length;
  }
  return { pages, bytes };
}

function writeSchemaElement(t: ThriftCompactWriter, col: Column): void {
  const pt = parquetType(col);
  t.beginStruct();
  t.fieldI32(1, pt.physical);
  t.fieldI32(3, REQUIRED);
  t.fieldString(4, col.name);
  if (pt.converted !== undefined) t.fieldI32(6, pt.converted);
  if (pt.string) {
    t.beginStructField(10); // LogicalType
    t.beginStructField(LOGICAL_STRING);
    t.endStruct();
    t.endStruct();
  } else if (pt.unsignedBits !== undefined) {
    t.beginStructField(10); // LogicalType
    t.beginStructField(LOGICAL_INTEGER); // IntType
    t.fieldI8(1, pt.unsignedBits);
    t.fieldBool(2, false);
    t.endStruct();
    t.endStruct();
  }
  t.endStruct();
}

function fileMetaData(table: Table, chunks: ColumnChunk[], offsets: number[]): Uint8Array {
  const t = new ThriftCompactWriter();
  const cols = table.columns;
  t.fieldI32(1, 1); // version
  t.fieldList(2, CT_STRUCT, cols.length + 1); // schema
  t.beginStruct();
  t.fieldString(4, "schema");
  t.fieldI32(5, cols.length);
  t.endStruct();
  for (const col of cols) writeSchemaElement(t, col);
  t.fieldI64(3, table.rowCount); // num_rows
  const groups = table.rowCount > 0 ? 1 : 0;
  t.fieldList(4, CT_STRUCT, groups); // row_groups
  if (groups === 1) {
    let total = 0;
    t.beginStruct();
    t.fieldList(1, CT_STRUCT, cols.length); // columns
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      const chunk = chunks[c]!;
      total += chunk.bytes;
      t.beginStruct(); // ColumnChunk
      t.fieldI64(2, offsets[c]!); // file_offset: first data page, as parquet-mr writes it
      t.beginStructField(3); // ColumnMetaData
      t.fieldI32(1, parquetType(col).physical);
      t.fieldList(2, CT_I32, 1);
      t.i32(ENCODING_PLAIN);
      t.fieldList(3, CT_BINARY, 1);
      t.string(col.name);
      t.fieldI32(4, CODEC_UNCOMPRESSED);
      t.fieldI64(5, table.rowCount); // num_values
      t.fieldI64(6, chunk.bytes); // total_uncompressed_size (page headers included)
      t.fieldI64(7, chunk.bytes); // total_compressed_size
      t.fieldI64(9, offsets[c]!); // data_page_offset
      t.endStruct();
      t.endStruct();
    }
    t.fieldI64(2, total); // total_byte_size
    t.fieldI64(3, table.rowCount);
    t.fieldI64(5, offsets[0]!); // file_offset
    t.fieldI64(6, total); // total_compressed_size
    t.fieldI16(7, 0); // ordinal
    t.endStruct();
  }
  t.fieldString(6, PARQUET_CREATED_BY);
  t.stop();
  return t.finish();
}

/** The table as Parquet bytes (PQ1–PQ6). Throws TableError for an invalid table (X1) or one with no columns. */
export function writeParquet(table: Table, options: ParquetOptions = {}): Uint8Array {
  const name = options.name ?? "parquet";
  validateTable(table, name);
  if (table.columns.length === 0) throw new TableError(`${name}: a Parquet file needs at least one column`);
  const rowsPerPage = options.rowsPerPage ?? DEFAULT_ROWS_PER_PAGE;
  if (!Number.isSafeInteger(rowsPerPage) || rowsPerPage < 1) {
    throw new TableError(`${name}: rowsPerPage ${rowsPerPage} must be a positive integer`);
  }
  const chunks: ColumnChunk[] = [];
  const offsets: number[] = [];
  let offset = 4;
  for (const col of table.columns) {
    const chunk =
      table.rowCount > 0 ? columnChunk(col, table.rowCount, rowsPerPage, name) : { pages: [], bytes: 0 };
    chunks.push(chunk);
    offsets.push(offset);
    offset += chunk.bytes;
  }
  const footer = fileMetaData(table, chunks, offsets);
  const out = new Uint8Array(offset + footer.length + 8);
  out.set(MAGIC, 0);
  let o = 4;
  for (const chunk of chunks) {
    for (const page of chunk.pages) {
      out.set(page, o);
      o += page.length;
    }
  }
  out.set(footer, o);
  o += footer.length;
  new DataView(out.buffer).setUint32(o, footer.length, true);
  out.set(MAGIC, o + 4);
  return out;
}
