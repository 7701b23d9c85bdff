import { describe, expect, it } from "vitest";
import { mixedTable } from "../test/exportFixtures";
import type { Table } from "./table";
import { decodeUtf8 } from "./utf8";
import { writeGraphml } from "./writeGraphml";

/** A small GraphML reader written from the GraphML primer, by regular expressions over the text. */
function readGraphml(xml: string) {
  const decodeEntities = (s: string) =>
    s.replace(/&(#(\d+)|#x([0-9a-fA-F]+)|amp|lt|gt|quot|apos);/g, (_, _all, dec, hex) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      return { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" }[_ as string]!;
    });
  // XML attribute-value normalization: literal tab/CR/LF become spaces, so a writer must escape them.
  const attr = (s: string) => decodeEntities(s.replace(/[\t\r\n]/g, " "));
  const text = (s: string) => decodeEntities(s.replace(/\r\n?/g, "\n"));
  const keys = new Map<string, { for: string; name: string; type: string }>();
  for (const m of xml.matchAll(
    /<key id="([^"]*)" for="([^"]*)" attr\.name="([^"]*)" attr\.type="([^"]*)"\/>/g,
  )) {
    keys.set(m[1]!, { for: m[2]!, name: attr(m[3]!), type: m[4]! });
  }
  const data = (body: string) => {
    const out: Record<string, string> = {};
    for (const d of body.matchAll(/<data key="([^"]*)">([^<]*)<\/data>/g))
      out[keys.get(d[1]!)!.name] = text(d[2]!);
    return out;
  };
  const graph = /<graph id="([^"]*)" edgedefault="([^"]*)">/.exec(xml)!;
  const nodes = [...xml.matchAll(/<node id="([^"]*)">([\s\S]*?)<\/node>/g)].map((m) => ({
    id: attr(m[1]!),
    data: data(m[2]!),
  }));
  const edges = [...xml.matchAll(/<edge source="([^"]*)" target="([^"]*)">([\s\S]*?)<\/edge>/g)].map((m) => ({
    source: attr(m[1]!),
    target: attr(m[2]!),
    data: data(m[3]!),
  }));
  return { keys, graphId: graph[1], edgedefault: graph[2], nodes, edges };
}

const nodes = (): Table => {
  const t = mixedTable();
  return { rowCount: 3, columns: t.columns.map((c) => ({ ...c, values: c.values.slice(0, 3) }) as typeof c) };
};

const edges = (): Table => ({
  rowCount: 3,
  columns: [
    { name: "pre", type: "uint64", values: BigUint64Array.of(1n, (1n << 63n) + 5n, 1n) },
    { name: "post", type: "uint64", values: BigUint64Array.of((1n << 64n) - 1n, 1n, (1n << 63n) + 5n) },
    { name: "weight", type: "uint32", values: Uint32Array.of(12, 1, 4) },
    { name: "sign", type: "int32", values: Int32Array.of(1, -1, 0) },
  ],
});

describe("GraphML writer", () => {
  it("[X7] writes nodes with attributes and directed weighted edges that read back to the input", () => {
    const xml = decodeUtf8(writeGraphml({ nodes: nodes(), edges: edges() }));
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
      ),
    ).toBe(true);
    expect(xml.endsWith("  </graph>\n</graphml>\n")).toBe(true);
    const g = readGraphml(xml);
    expect(g.edgedefault).toBe("directed");
    expect(g.graphId).toBe("G");
    expect([...g.keys.values()]).toEqual([
      { for: "node", name: "delta", type: "long" },
      { for: "node", name: "i32", type: "int" },
      { for: "node", name: "u32", type: "long" },
      { for: "node", name: "f32", type: "float" },
      { for: "node", name: "f64", type: "double" },
      { for: "node", name: "text", type: "string" },
      { for: "node", name: "ok", type: "boolean" },
      { for: "edge", name: "weight", type: "long" },
      { for: "edge", name: "sign", type: "int" },
    ]);
    const n = nodes();
    expect(g.nodes.map((x) => x.id)).toEqual(["1", "9223372036854775813", "18446744073709551615"]);
    g.nodes.forEach((node, r) => {
      expect(BigInt(node.data.delta!)).toBe(n.columns[1]!.values[r]);
      expect(Number(node.data.i32)).toBe(n.columns[2]!.values[r]);
      expect(Number(node.data.u32)).toBe(n.columns[3]!.values[r]);
      expect(Object.is(Math.fround(Number(node.data.f32)), n.columns[4]!.values[r])).toBe(true);
      expect(Object.is(Number(node.data.f64), n.columns[5]!.values[r])).toBe(true);
      expect(node.data.text).toBe(n.columns[6]!.values[r]);
      expect(node.data.ok).toBe(n.columns[7]!.values[r] ? "true" : "false");
    });
    const e = edges();
    expect(g.edges.map((x) => [x.source, x.target, Number(x.data.weight), Number(x.data.sign)])).toEqual(
      [0, 1, 2].map((r) => [
        String(e.columns[0]!.values[r]),
        String(e.columns[1]!.values[r]),
        e.columns[2]!.values[r],
        e.columns[3]!.values[r],
      ]),
    );
  });

  it("[X7] escapes markup, quotes and line breaks in names, ids and values", () => {
    const xml = decodeUtf8(
      writeGraphml({
        nodes: {
          rowCount: 2,
          columns: [
            { name: "name", type: "utf8", values: ['a<b>&"c"', "tab\there\r\nx"] },
            { name: 'cell "type"', type: "utf8", values: ["x & y", "</data>"] },
          ],
        },
        edges: {
          rowCount: 1,
          columns: [
            { name: "from", type: "utf8", values: ["tab\there\r\nx"] },
            { name: "to", type: "utf8", values: ['a<b>&"c"'] },
          ],
        },
        nodeId: "name",
        source: "from",
        target: "to",
        name: "g.graphml",
      }),
    );
    expect(xml).toContain('<node id="a&lt;b&gt;&amp;&quot;c&quot;"><data key="n0">x &amp; y</data></node>');
    expect(xml).toContain('attr.name="cell &quot;type&quot;"');
    const g = readGraphml(xml);
    expect(g.nodes).toEqual([
      { id: 'a<b>&"c"', data: { 'cell "type"': "x & y" } },
      { id: "tab\there\r\nx", data: { 'cell "type"': "</data>" } },
    ]);
    expect(g.edges).toEqual([{ source: "tab\there\r\nx", target: 'a<b>&"c"', data: {} }]);
  });

  it("[X7] uses string for uint64 attributes at or above 2^63, and refuses unknown endpoints, repeated ids and non-XML characters", () => {
    const withBig: Table = {
      rowCount: 1,
      columns: [
        { name: "id", type: "uint32", values: Uint32Array.of(7) },
        { name: "root", type: "uint64", values: BigUint64Array.of(1n << 63n) },
      ],
    };
    const none: Table = {
      rowCount: 0,
      columns: [
        { name: "pre", type: "uint32", values: new Uint32Array(0) },
        { name: "post", type: "uint32", values: new Uint32Array(0) },
      ],
    };
    expect(decodeUtf8(writeGraphml({ nodes: withBig, edges: none }))).toContain(
      'attr.name="root" attr.type="string"',
    );
    const e = edges();
    expect(() =>
      writeGraphml({
        nodes: {
          ...nodes(),
          rowCount: 2,
          columns: nodes().columns.map((c) => ({ ...c, values: c.values.slice(0, 2) }) as typeof c),
        },
        edges: e,
      }),
    ).toThrow("graphml edges: row 0 target 18446744073709551615 is not a node");
    const twice: Table = {
      rowCount: 2,
      columns: [{ name: "id", type: "uint64", values: BigUint64Array.of(4n, 4n) }],
    };
    expect(() => writeGraphml({ nodes: twice, edges: none })).toThrow(
      "graphml nodes: id 4 in row 1 appears twice",
    );
    const control: Table = {
      rowCount: 1,
      columns: [
        { name: "id", type: "uint64", values: BigUint64Array.of(4n) },
        { name: "t", type: "utf8", values: ["bell\u0007"] },
      ],
    };
    expect(() => writeGraphml({ nodes: control, edges: none })).toThrow(
      'graphml nodes column "t" row 0: character U+0007 at position 4 cannot be written in XML 1.0',
    );
    expect(() => writeGraphml({ nodes: control, edges: none, nodeId: "t" })).toThrow(
      "cannot be written in XML 1.0",
    );
    expect(() => writeGraphml({ nodes: control, edges: none, nodeId: "nope" })).toThrow(
      'graphml nodes: no column "nope"',
    );
  });

  it("[X11] is byte-identical for equal input", () => {
    const a = writeGraphml({ nodes: nodes(), edges: edges() });
    expect(Buffer.from(a).equals(Buffer.from(writeGraphml({ nodes: nodes(), edges: edges() })))).toBe(true);
  });
});
