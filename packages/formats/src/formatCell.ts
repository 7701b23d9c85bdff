/**
 * The text form of a table cell shared by the CSV, JSON and GraphML writers (SPEC.md X2): integers in
 * decimal (uint64/int64 exactly, never through a double), booleans as `true`/`false`, and floats as the
 * shortest decimal that reads back as the same value — ECMAScript's Number::toString for float64, and for
 * float32 the shortest decimal d with Math.fround(Number(d)) equal to the value, printed the same way. Negative
 * zero is written "-0". The result is fixed by the value alone, so equal tables give equal bytes.
 */
import type { Column } from "./table";

/** The shortest round-trip decimal of a float64 (ECMAScript Number::toString; "-0" for negative zero). */
export function formatFloat64(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/** The shortest decimal that reads back (Number, then Math.fround) as the float32 `x`. */
export function formatFloat32(x: number): string {
  if (Object.is(x, -0)) return "-0";
  if (!Number.isFinite(x)) return String(x);
  for (let p = 1; p < 9; p++) {
    const d = Number(x.toPrecision(p));
    if (Math.fround(d) === x) return String(d);
  }
  return String(Number(x.toPrecision(9)));
}

/** The text of one cell. */
export function formatCell(col: Column, row: number): string {
  switch (col.type) {
    case "uint64":
    case "int64":
      return col.values[row]!.toString();
    case "int32":
    case "uint32":
      return String(col.values[row]!);
    case "float32":
      return formatFloat32(col.values[row]!);
    case "float64":
      return formatFloat64(col.values[row]!);
    case "bool":
      return col.values[row] ? "true" : "false";
    case "utf8":
      return col.values[row]!;
  }
}
