/**
 * Writes a table as CSV (SPEC.md X3): a header row of the column names, then one line per row, fields
 * separated by commas, every line ended by "\n" (the last one too), UTF-8 without a byte-order mark. A field
 * is quoted (RFC 4180: "…", with "" for a quote inside) when it holds a comma, a quote, "\r" or "\n", and in a
 * one-column table when it is empty (so the line is not blank). Cells are written as formatCell does (X2).
 */
import { formatCell } from "./formatCell";
import { type Table, TableError, validateTable } from "./table";
import { TextBytesBuilder } from "./TextBytesBuilder";

export interface CsvOptions {
  /** Used in error messages, e.g. the file name. */
  name?: string;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field, quoted when RFC 4180 requires it. */
export function quoteCsvField(text: string, oneColumn = false): string {
  if (NEEDS_QUOTES.test(text)) return `"${text.replace(/"/g, '""')}"`;
  if (oneColumn && text === "") return '""';
  return text;
}

export function writeCsv(table: Table, options: CsvOptions = {}): Uint8Array {
  const name = options.name ?? "csv";
  validateTable(table, name);
  const cols = table.columns;
  if (cols.length === 0) throw new TableError(`${name}: a CSV file needs at least one column`);
  const one = cols.length === 1;
  const out = new TextBytesBuilder();
  out.push(`${cols.map((c) => quoteCsvField(c.name, one)).join(",")}\n`);
  const fields: string[] = new Array(cols.length);
  for (let r = 0; r < table.rowCount; r++) {
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      const text = formatCell(col, r);
      fields[c] = col.type === "utf8" ? quoteCsvField(text, one) : text;
    }
    out.push(`${fields.join(",")}\n`);
  }
  return out.finish();
}
