import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sharedDataNote, sharedPath, skipSharedData } from "../test/sharedData";
import { alignDiagram } from "./alignDiagram";
import { applySignTable, parseSignTable } from "./applySignTable";
import { neuronKey } from "./neuronKey";
import { EdgeTableError, parseEdgeTable } from "./parseEdgeTable";
import { countCrossEdges, createWiringDiagram, type WiringDiagram } from "./wiringDiagram";

/** count and sign of a → b, or undefined. */
function edge(d: WiringDiagram, a: string, b: string): { count: number; sign: number } | undefined {
  const i = d.names.indexOf(b);
  const j = d.names.indexOf(a);
  for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) {
    if (d.pre[e] === j) return { count: d.count[e] as number, sign: d.sign[e] as number };
  }
  return undefined;
}

describe("wiring diagrams", () => {
  it("[W1] builds CSR by post and merges repeated pairs", () => {
    const d = createWiringDiagram(["a", "b", "c"], {
      pre: Int32Array.from([0, 2, 0, 1]),
      post: Int32Array.from([1, 1, 1, 1]),
      count: Float32Array.from([2, 1, 3, 1]),
      sign: Int8Array.from([1, -1, 1, 0]),
    });
    expect(Array.from(d.inPtr)).toEqual([0, 0, 3, 3]);
    expect(Array.from(d.pre)).toEqual([0, 1, 2]);
    expect(Array.from(d.count)).toEqual([5, 1, 1]);
    expect(Array.from(d.sign)).toEqual([1, 0, -1]);
    expect(countCrossEdges(d)).toBe(2);
  });

  it("[W2] reads header names, trims names, adds repeated rows and counts electrical pairs once", () => {
    const csv =
      "Source,Target,Weight,Type\nA , B ,2,chemical\nA,B,3,chemical\nB,C,1,electrical\nC,B,1,electrical\nC,D,4,electrical\n";
    const { diagram: d, stats } = parseEdgeTable(csv, "t.csv");
    expect(d.names).toEqual(["A", "B", "C", "D"]);
    expect(edge(d, "A", "B")).toEqual({ count: 5, sign: 0 });
    expect(edge(d, "B", "C")).toEqual({ count: 1, sign: 0 });
    expect(edge(d, "C", "B")).toEqual({ count: 1, sign: 0 });
    expect(edge(d, "D", "C")).toEqual({ count: 4, sign: 0 });
    expect(stats).toMatchObject({
      format: "header",
      rows: 5,
      chemicalRows: 2,
      electricalRows: 3,
      mergedDuplicates: 1,
    });
    const chem = parseEdgeTable(csv, "t.csv", "chemical");
    expect(chem.diagram.pre.length).toBe(1);
    expect(chem.stats.droppedRows).toEqual({ "electrical (excluded by type)": 3 });
  });

  it("[W2] reads TSV with a sign column, and headerless source,target,weight", () => {
    const tsv = "pre\tpost\tsynapses\tpredicted_polarity\nx\ty\t2\t+\ny\tz\t1\t-\nz\tx\t1\tcomplex\n";
    const { diagram: d, stats } = parseEdgeTable(tsv, "s.tsv");
    expect(stats.hasSign).toBe(true);
    expect(edge(d, "x", "y")).toEqual({ count: 2, sign: 1 });
    expect(edge(d, "y", "z")?.sign).toBe(-1);
    expect(edge(d, "z", "x")?.sign).toBe(0);
    const h = parseEdgeTable("ADAL,ADLL,2\nADAL,AIAL,3\n", "bgm.csv");
    expect(h.stats.format).toBe("headerless");
    expect(edge(h.diagram, "ADAL", "AIAL")?.count).toBe(3);
  });

  it("[W2] errors name the file, the line and the column", () => {
    expect(() => parseEdgeTable("from_x,to_y,n\na,b,1\n", "e.csv")).toThrow(EdgeTableError);
    expect(() => parseEdgeTable("alpha,beta,gamma,delta\na,b,1,2\n", "e.csv")).toThrow(
      /e\.csv:1: header "alpha,beta,gamma,delta" names no a presynaptic column/,
    );
    expect(() => parseEdgeTable("pre,post,count\na,b,1\nb,c,many\n", "e.csv")).toThrow(
      /e\.csv:3: count "many" is not a non-negative number/,
    );
    expect(() => parseEdgeTable("pre,post,type\na,b,chemical\nb,c,wireless\n", "e.csv")).toThrow(
      /e\.csv:3: type "wireless" is not chemical, electrical/,
    );
    expect(() => parseEdgeTable("pre,post,sign\na,b,maybe\n", "e.csv")).toThrow(
      /e\.csv:2: sign "maybe" is not a sign/,
    );
    expect(() => parseEdgeTable("pre,post\n,b\n", "e.csv")).toThrow(/e\.csv:2: empty presynaptic name/);
  });

  it("[W2] de-duplicates a both-sides table (S/Sp kept, R/Rp checked, EJ once, NMJ dropped)", () => {
    const csv =
      "Neuron 1,Neuron 2,Type,Nbr\nA,B,S,2\nA,B,Sp,1\nB,A,R,2\nB,A,Rp,1\nA,C,EJ,1\nC,A,EJ,1\nA,M,NMJ,4\nC,B,S,1\n";
    const { diagram: d, stats } = parseEdgeTable(csv, "nc.csv");
    expect(stats.format).toBe("both-sides");
    expect(edge(d, "A", "B")?.count).toBe(3);
    expect(edge(d, "B", "A")).toBeUndefined();
    expect(edge(d, "A", "C")?.count).toBe(1);
    expect(edge(d, "C", "A")?.count).toBe(1);
    expect(stats.droppedRows).toEqual({ "NMJ (neuromuscular)": 1 });
    expect(stats.mirrorMismatches).toBe(1); // C → B has no R row
  });

  it("[W3] matches by name or neuronKey and reports what did not match", () => {
    expect(neuronKey(" VB01 ")).toBe("VB1");
    expect(neuronKey("VB10")).toBe("VB10");
    expect(neuronKey("AS1")).toBe(neuronKey("AS01"));
    const d = parseEdgeTable("pre,post\nVB01,DD01\nDD01,AVAL\nAVAL,GHOST\n", "k.csv").diagram;
    const a = alignDiagram(d, ["AVAL", "VB1", "DD1", "EXTRA"]);
    expect(a.matchedNeurons).toBe(3);
    expect(a.unmatchedNeurons).toEqual(["GHOST"]);
    expect(a.unmatchedColumns).toEqual(["EXTRA"]);
    expect(a.keptEdges).toBe(2);
    expect(a.droppedEdges).toBe(1);
    expect(edge(a.diagram, "VB1", "DD1")).toBeDefined();
    expect(edge(a.diagram, "DD1", "AVAL")).toBeDefined();
  });

  it("[W4] takes edge signs from a sign table", () => {
    const d = parseEdgeTable("pre,post,weight\nVB01,DD1,2\nDD1,VB1,1\n", "g.csv").diagram;
    const table = parseSignTable("pre,post,predicted_polarity\nVB1,DD1,-\nDD1,VB1,no pred\n", "s.csv");
    expect([table.positive, table.negative, table.unknown]).toEqual([0, 1, 1]);
    const { diagram, matched } = applySignTable(d, table);
    expect(matched).toBe(2);
    expect(edge(diagram, "VB01", "DD1")?.sign).toBe(-1);
    expect(() => parseSignTable("pre,post\na,b\n", "s.csv")).toThrow(
      /s\.csv:1: a sign table needs presynaptic, postsynaptic and sign columns/,
    );
  });
});

describe(`real C. elegans tables${sharedDataNote}`, () => {
  const dir = "forecasting-celegans-connectome";
  it.skipIf(skipSharedData)(
    "[W2] Cook 2019: 4,681 chemical rows, electrical pairs listed both ways counted once",
    () => {
      const text = readFileSync(sharedPath(dir, "cook2019_herm_full_edgelist.csv"), "utf8");
      const { diagram: d, stats } = parseEdgeTable(text, "cook2019_herm_full_edgelist.csv");
      expect(stats).toMatchObject({
        rows: 7379,
        chemicalRows: 4681,
        electricalRows: 2698,
        mergedDuplicates: 0,
      });
      expect(d.names).toContain("AVAL");
      expect(d.names.every((n) => n === n.trim())).toBe(true);
      // Chemical 10 (I1L → I2L) and 2 (I2L → I1L); the electrical pair is listed both ways with 2 and counts once.
      expect(edge(d, "I1L", "I2L")).toEqual({ count: 12, sign: 0 });
      expect(edge(d, "I2L", "I1L")).toEqual({ count: 4, sign: 0 });
      const chem = parseEdgeTable(text, "cook2019_herm_full_edgelist.csv", "chemical").diagram;
      expect(edge(chem, "I1L", "I2L")).toEqual({ count: 10, sign: 0 });
    },
  );

  it.skipIf(skipSharedData)("[W2] Varshney 2011: 2,194 chemical connections with 6,394 synapses", () => {
    const text = readFileSync(sharedPath(dir, "varshney2011_edgelist.csv"), "utf8");
    const { diagram: d } = parseEdgeTable(text, "varshney2011_edgelist.csv", "chemical");
    expect(d.names.length).toBeLessThanOrEqual(279);
    expect(d.pre.length).toBe(2194);
    expect(Array.from(d.count).reduce((a, b) => a + b, 0)).toBe(6394);
  });

  it.skipIf(skipSharedData)(
    "[W2] WormAtlas NeuronConnect (both sides) gives the same chemical synapses as Varshney",
    () => {
      const text = readFileSync(sharedPath("celegans-varshney-wormatlas", "NeuronConnect.csv"), "utf8");
      const { diagram: d, stats } = parseEdgeTable(text, "NeuronConnect.csv", "chemical");
      expect(stats.format).toBe("both-sides");
      expect(stats.droppedRows["NMJ (neuromuscular)"]).toBe(153);
      expect(stats.mirrorMismatches).toBe(1);
      expect(d.pre.length).toBe(2194);
      expect(Array.from(d.count).reduce((a, b) => a + b, 0)).toBe(6394);
    },
  );

  it.skipIf(skipSharedData)(
    "[W2] White 1986 and Witvliet 2021 TSV tables, and a bgm headerless edge list",
    () => {
      const white = parseEdgeTable(
        readFileSync(sharedPath(dir, "white1986_whole_edgelist.tsv"), "utf8"),
        "white.tsv",
      );
      expect(white.stats).toMatchObject({ chemicalRows: 2386, electricalRows: 575 });
      const wit = parseEdgeTable(
        readFileSync(sharedPath(dir, "witvliet2021_adult_dataset8_edgelist.csv"), "utf8"),
        "wit.csv",
      );
      expect(wit.stats).toMatchObject({ chemicalRows: 2194, electricalRows: 310 });
      const bgm = parseEdgeTable(
        readFileSync(sharedPath("bgm-connectomes", "processed_split", "herm_chem_edgelist.csv"), "utf8"),
        "bgm.csv",
      );
      expect(bgm.stats).toMatchObject({ format: "headerless", rows: 2838 });
    },
  );

  it.skipIf(skipSharedData)("[W4] Fenyves 2020 signs joined onto Cook 2019", () => {
    const table = parseSignTable(
      readFileSync(sharedPath(dir, "fenyves2020_chemical_sign_prediction.csv"), "utf8"),
      "fenyves.csv",
    );
    expect([table.positive, table.negative, table.unknown]).toEqual([1327, 425, 471 + 1415]);
    const cook = parseEdgeTable(
      readFileSync(sharedPath(dir, "cook2019_herm_full_edgelist.csv"), "utf8"),
      "cook.csv",
      "chemical",
    );
    const { diagram, matched } = applySignTable(cook.diagram, table);
    expect(matched).toBeGreaterThan(3000);
    const signs = Array.from(diagram.sign);
    expect(signs.filter((s) => s > 0).length).toBeGreaterThan(1000);
    expect(signs.filter((s) => s < 0).length).toBeGreaterThan(300);
  });
});
