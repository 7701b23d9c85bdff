/**
 * Writes a directed graph as GraphML (SPEC.md X7): one <key> per node and edge attribute column, then
 * <graph edgedefault="directed"> with a <node> per row of the node table and an <edge> per row of the edge
 * table, one element per line, attributes as <data> children in column order. Node ids are the id column's
 * decimal text (GraphML ids are NMTOKENs, so digits are fine). Attribute types: int32 → int, uint32 and int64
 * → long, uint64 → long when every value is below 2^63 (GraphML's long is signed) and string otherwise,
 * float32 → float, float64 → double, bool → boolean, utf8 → string; values are written as formatCell (X2).
 * Text is XML-escaped (& < > always; " tab LF CR in attributes; CR in text as &#13;); characters XML 1.0
 * cannot hold at all (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF) are refused.
 */
import { formatCell } from "./formatCell";
import { type Column, getColumn, type Table, TableError, validateTable } from "./table";
import { TextBytesBuilder } from "./TextBytesBuilder";

export interface GraphmlInput {
  nodes: Table;
  edges: Table;
  /** Node table column holding the node ids (default "id"). */
  nodeId?: string;
  /** Edge table columns holding the source and target node ids (default "pre" and "post"). */
  source?: string;
  target?: string;
  /** The <graph> id (default "G"). */
  graphId?: string;
  /** Used in error messages, e.g. the file name. */
  name?: string;
}

const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"\t\n\r]/g;
const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};
const replaceEntity = (ch: string): string => ENTITIES[ch]!;

/** Throws when `s` holds a character XML 1.0 cannot represent (C0 controls but tab, LF, CR; U+FFFE; U+FFFF). */
function checkXmlChars(s: string, where: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) {
      const code = c.toString(16).toUpperCase().padStart(4, "0");
      throw new TableError(`${where}: character U+${code} at position ${i} cannot be written in XML 1.0`);
    }
  }
}

export function escapeXmlText(s: string): string {
  return s.replace(TEXT_SPECIAL, replaceEntity);
}

export function escapeXmlAttribute(s: string): string {
  return s.replace(ATTR_SPECIAL, replaceEntity);
}

const INT63 = 1n << 63n;

function graphmlType(col: Column): string {
  switch (col.type) {
    case "int32":
      return "int";
    case "uint32":
    case "int64":
      return "long";
    case "uint64":
      for (let r = 0; r < col.values.length; r++) if (col.values[r]! >= INT63) return "string";
      return "long";
    case "float32":
      return "float";
    case "float64":
      return "double";
    case "bool":
      return "boolean";
    case "utf8":
      return "string";
  }
}

function idColumn(table: Table, column: string, what: string, name: string): Column {
  const col = getColumn(table, column, `${name} ${what}`);
  if (col.type === "float32" || col.type === "float64" || col.type === "bool") {
    throw new TableError(
      `${name} ${what}: id column "${column}" is ${col.type}; expected an integer or string column`,
    );
  }
  return col;
}

interface KeyedColumn {
  col: Column;
  key: string;
  where: string;
}

export function writeGraphml(input: GraphmlInput): Uint8Array {
  const name = input.name ?? "graphml";
  const { nodes, edges } = input;
  validateTable(nodes, `${name} nodes`);
  validateTable(edges, `${name} edges`);
  const idName = input.nodeId ?? "id";
  const sourceName = input.source ?? "pre";
  const targetName = input.target ?? "post";
  const ids = idColumn(nodes, idName, "nodes", name);
  const sources = idColumn(edges, sourceName, "edges", name);
  const targets = idColumn(edges, targetName, "edges", name);

  const nodeIds: string[] = new Array(nodes.rowCount);
  const known = new Set<string>();
  for (let r = 0; r < nodes.rowCount; r++) {
    const id = formatCell(ids, r);
    if (id === "") throw new TableError(`${name} nodes: row ${r} has an empty id`);
    checkXmlChars(id, `${name} nodes column "${idName}" row ${r}`);
    if (known.has(id)) throw new TableError(`${name} nodes: id ${id} in row ${r} appears twice`);
    known.add(id);
    nodeIds[r] = escapeXmlAttribute(id);
  }

  const keyed = (table: Table, skip: string[], prefix: string, what: string): KeyedColumn[] =>
    table.columns
      .filter((c) => !skip.includes(c.name))
      .map((col, i) => {
        checkXmlChars(col.name, `${name} ${what}: column name ${JSON.stringify(col.name)}`);
        return { col, key: `${prefix}${i}`, where: `${name} ${what} column "${col.name}"` };
      });
  const nodeAttrs = keyed(nodes, [idName], "n", "nodes");
  const edgeAttrs = keyed(edges, [sourceName, targetName], "e", "edges");

  const out = new TextBytesBuilder();
  out.push('<?xml version="1.0" encoding="UTF-8"?>\n');
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  );
  for (const [attrs, kind] of [
    [nodeAttrs, "node"],
    [edgeAttrs, "edge"],
  ] as const) {
    for (const { col, key } of attrs) {
      out.push(
        `  <key id="${key}" for="${kind}" attr.name="${escapeXmlAttribute(col.name)}" attr.type="${graphmlType(col)}"/>\n`,
      );
    }
  }
  const graphId = input.graphId ?? "G";
  checkXmlChars(graphId, `${name}: graph id`);
  out.push(`  <graph id="${escapeXmlAttribute(graphId)}" edgedefault="directed">\n`);

  const data = (attrs: KeyedColumn[], r: number): string => {
    let s = "";
    for (const { col, key, where } of attrs) {
      const text = formatCell(col, r);
      if (col.type === "utf8") checkXmlChars(text, `${where} row ${r}`);
      s += `<data key="${key}">${escapeXmlText(text)}</data>`;
    }
    return s;
  };
  for (let r = 0; r < nodes.rowCount; r++) {
    out.push(`    <node id="${nodeIds[r]}">${data(nodeAttrs, r)}</node>\n`);
  }
  for (let r = 0; r < edges.rowCount; r++) {
    const s = formatCell(sources, r);
    const t = formatCell(targets, r);
    if (!known.has(s)) throw new TableError(`${name} edges: row ${r} source ${s} is not a node`);
    if (!known.has(t)) throw new TableError(`${name} edges: row ${r} target ${t} is not a node`);
    out.push(
      `    <edge source="${escapeXmlAttribute(s)}" target="${escapeXmlAttribute(t)}">${data(edgeAttrs, r)}</edge>\n`,
    );
  }
  out.push("  </graph>\n</graphml>\n");
  return out.finish();
}
