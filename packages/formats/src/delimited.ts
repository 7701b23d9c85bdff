/**
 * A small tokenizer for delimited text (CSV, TSV) as a pure function over a string. RFC 4180 quoting
 * ("a,b" and "" for a quote inside quotes, quoted fields may span lines), CRLF or LF line ends, a leading
 * UTF-8 byte-order mark, and blank lines skipped. Fields are returned as written (not trimmed); each row
 * keeps the 1-based line number where it starts so that callers can name the line of a bad value.
 */
export type Delimiter = "," | "\t" | ";";

export interface DelimitedTable {
  delimiter: Delimiter;
  rows: string[][];
  /** lines[i] is the 1-based line number on which rows[i] starts. */
  lines: number[];
}

export interface DelimitedOptions {
  /** Field separator; detected from the first non-blank line when absent (tab if it has more tabs than commas). */
  delimiter?: Delimiter;
  /** Used in error messages, e.g. the file name. */
  name?: string;
}

export class DelimitedFormatError extends Error {
  override readonly name = "DelimitedFormatError";
}

/** Picks the delimiter of `line`: the most frequent of tab, comma and semicolon outside quotes (comma on ties). */
export function detectDelimiter(line: string): Delimiter {
  let tabs = 0;
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (!quoted) {
      if (ch === 9) tabs++;
      else if (ch === 44) commas++;
      else if (ch === 59) semis++;
    }
  }
  if (tabs > commas && tabs >= semis) return "\t";
  if (semis > commas && semis > tabs) return ";";
  return ",";
}

/** Splits `text` into rows of fields. Throws DelimitedFormatError naming the line of an unterminated quote. */
export function parseDelimited(text: string, options: DelimitedOptions = {}): DelimitedTable {
  const name = options.name ?? "input";
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let delimiter = options.delimiter;
  if (delimiter === undefined) {
    const firstLine = /^[ \t]*\S[^\r\n]*/m.exec(src)?.[0] ?? "";
    delimiter = detectDelimiter(firstLine);
  }
  const sep = delimiter.charCodeAt(0);
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const rowLine = line;
    const row: string[] = [];
    let field = "";
    let endOfRow = false;
    while (!endOfRow) {
      if (i < n && src.charCodeAt(i) === 34 && field.trim() === "") {
        // Quoted field: read to the closing quote; "" is a literal quote.
        const quoteLine = line;
        i++;
        let value = "";
        for (;;) {
          if (i >= n) throw new DelimitedFormatError(`${name}:${quoteLine}: unterminated quoted field`);
          const ch = src.charCodeAt(i);
          if (ch === 34) {
            if (src.charCodeAt(i + 1) === 34) {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === 10) line++;
          value += src[i];
          i++;
        }
        field = value;
        // Anything between the closing quote and the separator is kept (lenient, like most readers).
        while (i < n) {
          const ch = src.charCodeAt(i);
          if (ch === sep || ch === 10 || ch === 13) break;
          field += src[i];
          i++;
        }
      } else {
        const start = i;
        while (i < n) {
          const ch = src.charCodeAt(i);
          if (ch === sep || ch === 10 || ch === 13) break;
          i++;
        }
        field += src.slice(start, i);
      }
      if (i >= n) {
        row.push(field);
        endOfRow = true;
      } else {
        const ch = src.charCodeAt(i);
        if (ch === sep) {
          row.push(field);
          field = "";
          i++;
        } else {
          row.push(field);
          if (ch === 13 && src.charCodeAt(i + 1) === 10) i++;
          i++;
          line++;
          endOfRow = true;
        }
      }
    }
    const blank = row.length === 1 && (row[0] as string).trim() === "";
    if (!blank) {
      rows.push(row);
      lines.push(rowLine);
    }
  }
  return { delimiter, rows, lines };
}
