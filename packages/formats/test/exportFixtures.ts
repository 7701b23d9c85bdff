/** Tables with every column type and awkward values, shared by the export writer tests. */
import type { Table } from "../src/table";
import { randomUint64 } from "./seededRandom";

/** Four rows that hit the edges of every type: uint64 above 2^63, int extremes, −0, subnormals, quotes, CR/LF, emoji. */
export function mixedTable(): Table {
  return {
    rowCount: 4,
    columns: [
      { name: "id", type: "uint64", values: BigUint64Array.of(1n, (1n << 63n) + 5n, (1n << 64n) - 1n, 0n) },
      { name: "delta", type: "int64", values: BigInt64Array.of(-(1n << 63n), -1n, 0n, (1n << 63n) - 1n) },
      { name: "i32", type: "int32", values: Int32Array.of(-2147483648, -1, 0, 2147483647) },
      { name: "u32", type: "uint32", values: Uint32Array.of(0, 1, 4294967295, 123) },
      {
        name: "f32",
        type: "float32",
        values: Float32Array.of(0.1, -0, 3.4028234663852886e38, 1.401298464324817e-45),
      },
      { name: "f64", type: "float64", values: Float64Array.of(0.1, 1e21, -5e-324, 123.456) },
      {
        name: "text",
        type: "utf8",
        values: ["plain", 'comma, "quoted"', "line\nbreak\r\nend", "ünïcødé 🧠 <&> ''"],
      },
      { name: "ok", type: "bool", values: Uint8Array.of(1, 0, 0, 1) },
    ],
  };
}

const ALPHABET = ["a", "b", ",", '"', "\n", "\r", " ", "é", "🧠", "<", "&", "\t", "x", "y"];

/** A random table of `rows` rows with one column of every type, reproducible from `rand`. */
export function randomTable(rand: () => number, rows: number): Table {
  const u64 = new BigUint64Array(rows);
  const i64 = new BigInt64Array(rows);
  const i32 = new Int32Array(rows);
  const u32 = new Uint32Array(rows);
  const f32 = new Float32Array(rows);
  const f64 = new Float64Array(rows);
  const text: string[] = [];
  const ok = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    u64[r] = randomUint64(rand);
    i64[r] = BigInt.asIntN(64, randomUint64(rand));
    i32[r] = Math.floor(rand() * 4294967296) | 0;
    u32[r] = Math.floor(rand() * 4294967296);
    f32[r] = (rand() - 0.5) * 10 ** Math.floor(rand() * 60 - 30);
    f64[r] = (rand() - 0.5) * 10 ** Math.floor(rand() * 600 - 300);
    let s = "";
    const len = Math.floor(rand() * 8);
    for (let k = 0; k < len; k++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
    text.push(s);
    ok[r] = rand() < 0.5 ? 1 : 0;
  }
  return {
    rowCount: rows,
    columns: [
      { name: "u64", type: "uint64", values: u64 },
      { name: "i64", type: "int64", values: i64 },
      { name: "i32", type: "int32", values: i32 },
      { name: "u32", type: "uint32", values: u32 },
      { name: "f32", type: "float32", values: f32 },
      { name: "f64", type: "float64", values: f64 },
      { name: "text", type: "utf8", values: text },
      { name: "ok", type: "bool", values: ok },
    ],
  };
}

/** The value of a cell as a JS value for comparisons: bigint, number, string or boolean. */
export function cellValue(table: Table, column: number, row: number): bigint | number | string | boolean {
  const col = table.columns[column]!;
  if (col.type === "bool") return col.values[row] === 1;
  return col.values[row]!;
}
