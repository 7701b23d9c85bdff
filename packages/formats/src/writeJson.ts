/**
 * Writes a table as JSON (SPEC.md X6): an array of row objects, one per line, keys in column order:
 *   [\n{"pre":"720575940621039145","post":"5","count":3},\n…\n]\n      (an empty table is "[]\n")
 * uint64 and int64 are decimal strings (JSON numbers lose precision above 2^53), int32/uint32 are numbers,
 * floats are numbers in formatCell's shortest round-trip form (X2), booleans true/false, strings JSON-escaped.
 */
import { formatCell } from "./formatCell";
import { type Table, validateTable } from "./table";
import { TextBytesBuilder } from "./TextBytesBuilder";

export interface JsonOptions {
  /** Used in error messages, e.g. the file name. */
  name?: string;
}

export function writeJson(table: Table, options: JsonOptions = {}): Uint8Array {
  validateTable(table, options.name ?? "json");
  const out = new TextBytesBuilder();
  if (table.rowCount === 0) {
    out.push("[]\n");
    return out.finish();
  }
  const cols = table.columns;
  const keys = cols.map((c) => `${JSON.stringify(c.name)}:`);
  const fields: string[] = new Array(cols.length);
  out.push("[\n");
  for (let r = 0; r < table.rowCount; r++) {
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      const text = formatCell(col, r);
      const quoted = col.type === "utf8" || col.type === "uint64" || col.type === "int64";
      fields[c] = keys[c]! + (quoted ? JSON.stringify(text) : text);
    }
    out.push(`{${fields.join(",")}}${r + 1 < table.rowCount ? ",\n" : "\n"}`);
  }
  out.push("]\n");
  return out.finish();
}
