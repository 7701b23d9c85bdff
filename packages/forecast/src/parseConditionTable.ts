/**
 * Reads a condition table for `--conditions FILE` (SPEC.md Z5). Three forms:
 *   JSON {"offsets": [0, 649, ...], "names": ["gain", ...], "heldOut": [3]}  (ZAPBench style)
 *   JSON {"conditions": [{"name": "gain", "start": 0, "end": 649, "heldOut": false}, ...]}
 *   CSV  name,start,end[,held_out]   one row per condition, held_out one of true/false/1/0/yes/no
 * Both JSON forms may also set "padding", "valFraction", "testFraction", "maxContext" and "horizon".
 */
import { parseDelimited } from "@danio/formats";
import { type Condition, conditionsFromOffsets, type ProtocolOptions, ProtocolError } from "./protocol";

export interface ConditionTable {
  conditions: Condition[];
  options: ProtocolOptions;
}

const OPTION_KEYS = ["padding", "valFraction", "testFraction", "maxContext", "horizon"] as const;

function fail(file: string, where: string, what: string): never {
  throw new ProtocolError(`${file}: ${where}: ${what}`);
}

function intArray(file: string, field: string, value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) {
    fail(file, `field "${field}"`, "expected an array of integers");
  }
  return value as number[];
}

function parseJson(text: string, file: string): ConditionTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(file, "JSON", (e as Error).message);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) fail(file, "JSON", "expected an object");
  const obj = doc as Record<string, unknown>;
  const options: ProtocolOptions = {};
  for (const key of OPTION_KEYS) {
    const v = obj[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v)) fail(file, `field "${key}"`, "expected a number");
    options[key] = v;
  }
  if (obj.offsets !== undefined) {
    const offsets = intArray(file, "offsets", obj.offsets);
    const names = obj.names ?? offsets.slice(1).map((_, i) => `condition ${i}`);
    if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
      fail(file, `field "names"`, "expected an array of strings");
    }
    const heldOut = obj.heldOut === undefined ? [] : intArray(file, "heldOut", obj.heldOut);
    return { conditions: conditionsFromOffsets(offsets, names as string[], heldOut), options };
  }
  if (!Array.isArray(obj.conditions)) fail(file, "JSON", 'expected a field "offsets" or "conditions"');
  const conditions = (obj.conditions as unknown[]).map((c, i): Condition => {
    const e = (c ?? {}) as Record<string, unknown>;
    const { name, start, end, heldOut } = e;
    if (typeof name !== "string") fail(file, `conditions[${i}].name`, "expected a string");
    if (!Number.isInteger(start)) fail(file, `conditions[${i}].start`, "expected an integer frame");
    if (!Number.isInteger(end)) fail(file, `conditions[${i}].end`, "expected an integer frame");
    if (heldOut !== undefined && typeof heldOut !== "boolean")
      fail(file, `conditions[${i}].heldOut`, "expected a boolean");
    return { name, start: start as number, end: end as number, heldOut: heldOut === true };
  });
  return { conditions, options };
}

const TRUE = new Set(["true", "1", "yes", "y"]);
const FALSE = new Set(["false", "0", "no", "n", ""]);

function parseCsv(text: string, file: string): ConditionTable {
  const table = parseDelimited(text, { name: file });
  const header = (table.rows[0] ?? []).map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_"),
  );
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const iName = col(["name", "condition"]);
  const iStart = col(["start", "start_frame", "begin", "from"]);
  const iEnd = col(["end", "end_frame", "stop", "to"]);
  const iHeld = col(["held_out", "heldout", "holdout"]);
  if (iName < 0 || iStart < 0 || iEnd < 0) {
    fail(
      file,
      `line ${table.lines[0] ?? 1}`,
      `header must name columns name,start,end[,held_out], got "${(table.rows[0] ?? []).join(",")}"`,
    );
  }
  const conditions: Condition[] = [];
  for (let r = 1; r < table.rows.length; r++) {
    const row = table.rows[r] as string[];
    const line = table.lines[r] as number;
    const num = (i: number, what: string) => {
      const s = (row[i] ?? "").trim();
      if (!/^\d+$/.test(s)) fail(file, `line ${line}`, `${what} "${s}" is not a non-negative integer frame`);
      return Number(s);
    };
    const held = iHeld < 0 ? "" : (row[iHeld] ?? "").trim().toLowerCase();
    if (!TRUE.has(held) && !FALSE.has(held))
      fail(file, `line ${line}`, `held_out "${held}" is not true/false/1/0/yes/no`);
    conditions.push({
      name: (row[iName] ?? "").trim(),
      start: num(iStart, "start"),
      end: num(iEnd, "end"),
      heldOut: TRUE.has(held),
    });
  }
  return { conditions, options: {} };
}

/** Parses a condition table; `file` is used in error messages and its extension picks JSON or CSV. */
export function parseConditionTable(text: string, file: string): ConditionTable {
  const trimmed = text.trimStart().replace(/^\ufeff/, "");
  return file.toLowerCase().endsWith(".json") || trimmed.startsWith("{")
    ? parseJson(trimmed, file)
    : parseCsv(text, file);
}
