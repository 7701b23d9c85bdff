/**
 * A format-neutral columnar table (SPEC.md X1): named columns of one type each and equal length. The export
 * writers (CSV, JSON, Parquet, GraphML) take this shape, so that core's materialization builds its tables once
 * and every format writes the same values.
 */

export type ColumnType = "uint64" | "int64" | "int32" | "uint32" | "float32" | "float64" | "utf8" | "bool";

/** The array that holds a column of each type. Booleans are 0 or 1 bytes. */
export interface ColumnArrays {
  uint64: BigUint64Array;
  int64: BigInt64Array;
  int32: Int32Array;
  uint32: Uint32Array;
  float32: Float32Array;
  float64: Float64Array;
  utf8: readonly string[];
  bool: Uint8Array;
}

export type Column = { [K in ColumnType]: { name: string; type: K; values: ColumnArrays[K] } }[ColumnType];

export interface Table {
  rowCount: number;
  columns: readonly Column[];
}

/** A table that breaks rule X1 (or a writer's own rule); the message names the table, column and row. */
export class TableError extends Error {
  override readonly name = "TableError";
}

const ARRAY_CHECKS: { [K in ColumnType]: (v: unknown) => boolean } = {
  uint64: (v) => v instanceof BigUint64Array,
  int64: (v) => v instanceof BigInt64Array,
  int32: (v) => v instanceof Int32Array,
  uint32: (v) => v instanceof Uint32Array,
  float32: (v) => v instanceof Float32Array,
  float64: (v) => v instanceof Float64Array,
  utf8: (v) => Array.isArray(v),
  bool: (v) => v instanceof Uint8Array,
};

const ARRAY_NAMES: { [K in ColumnType]: string } = {
  uint64: "BigUint64Array",
  int64: "BigInt64Array",
  int32: "Int32Array",
  uint32: "Uint32Array",
  float32: "Float32Array",
  float64: "Float64Array",
  utf8: "an array of strings",
  bool: "Uint8Array of 0/1",
};

/** Index of the first unpaired UTF-16 surrogate in `s`, or −1 (such strings have no UTF-8 form). */
export function loneSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/**
 * Checks rule X1: rowCount a non-negative integer; column names non-empty, unique and valid Unicode; each
 * column's array of its declared type with rowCount entries; floats finite; booleans 0 or 1; strings valid
 * Unicode (no unpaired surrogates). Throws TableError naming the table, column and row.
 */
export function validateTable(table: Table, name = "table"): void {
  if (!Number.isSafeInteger(table.rowCount) || table.rowCount < 0) {
    throw new TableError(`${name}: rowCount ${table.rowCount} is not a non-negative integer`);
  }
  const seen = new Set<string>();
  for (let c = 0; c < table.columns.length; c++) {
    const col = table.columns[c]!;
    if (typeof col.name !== "string" || col.name === "") {
      throw new TableError(`${name}: column ${c} has no name`);
    }
    if (loneSurrogateAt(col.name) >= 0) {
      throw new TableError(`${name}: column ${c} name ${JSON.stringify(col.name)} is not valid Unicode`);
    }
    if (seen.has(col.name)) throw new TableError(`${name}: column name "${col.name}" appears twice`);
    seen.add(col.name);
    const check = ARRAY_CHECKS[col.type];
    if (check === undefined) {
      throw new TableError(`${name}: column "${col.name}" has unknown type "${String(col.type)}"`);
    }
    if (!check(col.values)) {
      throw new TableError(
        `${name}: column "${col.name}" of type ${col.type} must hold ${ARRAY_NAMES[col.type]}`,
      );
    }
    if (col.values.length !== table.rowCount) {
      throw new TableError(
        `${name}: column "${col.name}" has ${col.values.length} rows, expected ${table.rowCount} (the table's rowCount)`,
      );
    }
    checkValues(col, `${name}: column "${col.name}"`);
  }
}

function checkValues(col: Column, where: string): void {
  switch (col.type) {
    case "float32":
    case "float64": {
      const v = col.values;
      for (let r = 0; r < v.length; r++) {
        if (!Number.isFinite(v[r]!))
          throw new TableError(`${where} row ${r}: ${v[r]} is not a finite number`);
      }
      return;
    }
    case "bool": {
      const v = col.values;
      for (let r = 0; r < v.length; r++) {
        if (v[r]! > 1) throw new TableError(`${where} row ${r}: boolean must be 0 or 1, got ${v[r]}`);
      }
      return;
    }
    case "utf8": {
      const v = col.values;
      for (let r = 0; r < v.length; r++) {
        const s = v[r];
        if (typeof s !== "string")
          throw new TableError(`${where} row ${r}: expected a string, got ${typeof s}`);
        const at = loneSurrogateAt(s);
        if (at >= 0) throw new TableError(`${where} row ${r}: unpaired surrogate at character ${at}`);
      }
      return;
    }
    default:
      return;
  }
}

/** Builds a table from columns (row count taken from the first column; 0 when none) and validates it (X1). */
export function createTable(columns: readonly Column[], name = "table"): Table {
  const table: Table = { rowCount: columns[0]?.values.length ?? 0, columns: columns.slice() };
  validateTable(table, name);
  return table;
}

/** The column called `columnName`; throws TableError naming the columns the table has. */
export function getColumn(table: Table, columnName: string, name = "table"): Column {
  for (const col of table.columns) if (col.name === columnName) return col;
  const have = table.columns.map((c) => `"${c.name}"`).join(", ");
  throw new TableError(`${name}: no column "${columnName}" (columns: ${have || "none"})`);
}
