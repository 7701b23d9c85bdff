/**
 * Activity traces from CSV/TSV text (SPEC.md L2): one row per frame, one column per neuron. The first row
 * names the neurons unless every cell of it is a number; a first column called frame, t, time or index
 * (or left blank) is skipped. Every value must be a finite number.
 */
import { parseDelimited } from "@danio/formats";
import { createSeries, type Series } from "./series";

export class ActivityFormatError extends Error {
  override readonly name = "ActivityFormatError";
}

const INDEX_COLUMNS = new Set(["", "frame", "t", "time", "index", "timestep", "frame_index"]);

export function parseActivityCsv(text: string, file: string): Series {
  const table = parseDelimited(text, { name: file });
  if (table.rows.length === 0) throw new ActivityFormatError(`${file}: no rows`);
  const first = table.rows[0] as string[];
  const isNumber = (s: string) => s.trim() !== "" && Number.isFinite(Number(s));
  const hasHeader = !first.every(isNumber);
  const skipFirst = hasHeader && INDEX_COLUMNS.has((first[0] as string).trim().toLowerCase());
  const c0 = skipFirst ? 1 : 0;
  const N = first.length - c0;
  if (N < 1) throw new ActivityFormatError(`${file}:${table.lines[0]}: no neuron columns`);
  const names = hasHeader
    ? first.slice(c0).map((s) => s.trim())
    : Array.from({ length: N }, (_, i) => String(i));
  const r0 = hasHeader ? 1 : 0;
  const T = table.rows.length - r0;
  if (T < 1) throw new ActivityFormatError(`${file}: a header but no frames`);
  const series = createSeries(T, N, names);
  for (let r = r0; r < table.rows.length; r++) {
    const row = table.rows[r] as string[];
    const line = table.lines[r] as number;
    if (row.length !== first.length) {
      throw new ActivityFormatError(
        `${file}:${line}: ${row.length} fields, expected ${first.length} like line ${table.lines[0]}`,
      );
    }
    const base = (r - r0) * N;
    for (let c = 0; c < N; c++) {
      const s = row[c + c0] as string;
      const v = Number(s);
      if (s.trim() === "" || !Number.isFinite(v)) {
        throw new ActivityFormatError(
          `${file}:${line}: column "${names[c]}" holds "${s}", expected a finite number`,
        );
      }
      series.data[base + c] = v;
    }
  }
  return series;
}
