/**
 * Edge signs from a separate table (SPEC.md W4), e.g. Fenyves et al. 2020's neurotransmitter- and
 * receptor-based prediction for every chemical edge of the C. elegans connectome
 * (pre, …, post, …, predicted_polarity ∈ {+, −, complex, no pred}). Pairs are matched by neuronKey.
 */
import { parseDelimited } from "@danio/formats";
import { neuronKey } from "./neuronKey";
import {
  EdgeTableError,
  findColumn,
  PRE_COLUMNS,
  POST_COLUMNS,
  parseSign,
  SIGN_COLUMNS,
} from "./parseEdgeTable";
import type { WiringDiagram } from "./wiringDiagram";

export interface SignTable {
  /** Sign per "pre\tpost" key (neuronKey of both names); 0 for unknown or complex. */
  signs: Map<string, number>;
  positive: number;
  negative: number;
  unknown: number;
}

export function parseSignTable(text: string, file: string): SignTable {
  const table = parseDelimited(text, { name: file });
  const first = table.rows[0] ?? [];
  const header = first.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, "_"),
  );
  const iPre = findColumn(header, PRE_COLUMNS);
  const iPost = findColumn(header, POST_COLUMNS);
  const iSign = findColumn(header, SIGN_COLUMNS);
  if (iPre < 0 || iPost < 0 || iSign < 0) {
    throw new EdgeTableError(
      `${file}:${table.lines[0] ?? 1}: a sign table needs presynaptic, postsynaptic and sign columns (e.g. pre,post,predicted_polarity), got "${first.join(",")}"`,
    );
  }
  const signs = new Map<string, number>();
  let positive = 0;
  let negative = 0;
  let unknown = 0;
  for (let r = 1; r < table.rows.length; r++) {
    const row = table.rows[r] as string[];
    const s = parseSign(row[iSign] ?? "");
    if (s === null) {
      throw new EdgeTableError(
        `${file}:${table.lines[r]}: sign "${row[iSign]}" is not +, -, excitatory, inhibitory, complex or no pred`,
      );
    }
    signs.set(`${neuronKey(row[iPre] ?? "")}\t${neuronKey(row[iPost] ?? "")}`, s);
    if (s > 0) positive++;
    else if (s < 0) negative++;
    else unknown++;
  }
  return { signs, positive, negative, unknown };
}

/** A copy of the diagram with each edge's sign taken from the table where the table has the pair. */
export function applySignTable(
  d: WiringDiagram,
  table: SignTable,
): { diagram: WiringDiagram; matched: number } {
  const sign = d.sign.slice();
  const keys = d.names.map(neuronKey);
  let matched = 0;
  for (let i = 0; i < d.names.length; i++) {
    for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) {
      const s = table.signs.get(`${keys[d.pre[e] as number]}\t${keys[i]}`);
      if (s === undefined) continue;
      sign[e] = s;
      matched++;
    }
  }
  return { diagram: { ...d, sign }, matched };
}
