import { describe, expect, it } from "vitest";
import { codexConnectionTable, codexNtType } from "./codexTables";
import { parseDelimited } from "./delimited";
import { formatNeuprintRoiInfo, neuprintConnectionTable, neuprintNeuronTable } from "./neuprintTables";
import { decodeUtf8 } from "./utf8";
import { writeCsv } from "./writeCsv";

const A = 720575940621039145n;
const B = 5813105172n;

describe("neuPrint and Codex CSV presets", () => {
  it("[X4] writes the neuPrint connection table with neo4j-admin import headers and roiInfo JSON", () => {
    const roi = formatNeuprintRoiInfo({ "MB(R)": { post: 2 }, "AL(R)": { post: 3 }, "LH(R)": { post: 0 } });
    expect(roi).toBe('{"AL(R)":{"post":3},"MB(R)":{"post":2}}');
    const table = neuprintConnectionTable({
      pre: BigUint64Array.of(A, B),
      post: BigUint64Array.of(B, A),
      weight: Uint32Array.of(5, 1),
      weightHR: Uint32Array.of(7, 1),
      roiInfo: [roi, "{}"],
    });
    const text = decodeUtf8(writeCsv(table));
    expect(text).toBe(
      ":START_ID(Body-ID),:END_ID(Body-ID),weightHR:int,weight:int,weightHP:int,roiInfo:string\n" +
        `${A},${B},7,5,5,"{""AL(R)"":{""post"":3},""MB(R)"":{""post"":2}}"\n` +
        `${B},${A},1,1,1,{}\n`,
    );
    const rows = parseDelimited(text).rows;
    expect(JSON.parse(rows[1]![5]!)).toEqual({ "AL(R)": { post: 3 }, "MB(R)": { post: 2 } });
  });

  it("[X4] writes the neuPrint neuron table with derived upstream, downstream, synweight and labels", () => {
    const table = neuprintNeuronTable(
      {
        bodyId: BigUint64Array.of(B, A),
        instance: ["DA1_lPN_R", ""],
        type: ["DA1_lPN", ""],
        status: ["Traced", "Traced"],
        pre: Uint32Array.of(10, 0),
        post: Uint32Array.of(3, 4),
        roiInfo: [
          formatNeuprintRoiInfo({
            "AL(R)": { post: 3, pre: 10, downstream: 10, upstream: 3, synweight: 13 },
          }),
          "{}",
        ],
      },
      "danio_demo",
    );
    const rows = parseDelimited(decodeUtf8(writeCsv(table))).rows;
    expect(rows[0]).toEqual([
      ":ID(Body-ID)",
      "bodyId:long",
      "pre:int",
      "post:int",
      "upstream:int",
      "downstream:int",
      "synweight:int",
      "status:string",
      "instance:string",
      "type:string",
      "roiInfo:string",
      ":LABEL",
    ]);
    expect(rows[1]).toEqual([
      `${B}`,
      `${B}`,
      "10",
      "3",
      "3",
      "10",
      "13",
      "Traced",
      "DA1_lPN_R",
      "DA1_lPN",
      '{"AL(R)":{"pre":10,"post":3,"downstream":10,"upstream":3,"synweight":13}}',
      "Segment;danio_demo_Segment;Neuron;danio_demo_Neuron",
    ]);
    expect(rows[2]!.slice(0, 7)).toEqual([`${A}`, `${A}`, "0", "4", "4", "0", "4"]);
  });

  it("[X4] refuses ids that neo4j cannot hold, counts above 2^31 and inconsistent weights", () => {
    const base = { pre: BigUint64Array.of(1n), post: BigUint64Array.of(2n), weight: Uint32Array.of(1) };
    expect(() => neuprintConnectionTable({ ...base, pre: BigUint64Array.of(1n << 63n) })).toThrow(
      'neuPrint connections: column ":START_ID(Body-ID)" row 0: body id 9223372036854775808 does not fit neo4j\'s signed 64-bit long',
    );
    expect(() => neuprintConnectionTable({ ...base, post: BigUint64Array.of(0n) })).toThrow(
      'row 0: body id 0 means "no body"',
    );
    expect(() => neuprintConnectionTable({ ...base, weight: Uint32Array.of(2 ** 31) })).toThrow(
      'column "weight:int" row 0: 2147483648 does not fit neo4j\'s 32-bit int',
    );
    expect(() => neuprintConnectionTable({ ...base, weightHP: Uint32Array.of(2) })).toThrow(
      "row 0: expected weightHP ≤ weight ≤ weightHR, got 2, 1, 1",
    );
    expect(() => neuprintConnectionTable({ ...base, weight: Uint32Array.of(1, 2) })).toThrow(
      "weight has 2 rows, expected 1",
    );
    const neuron = {
      bodyId: BigUint64Array.of(1n),
      instance: [""],
      type: [""],
      status: [""],
      pre: Uint32Array.of(0),
      post: Uint32Array.of(0),
    };
    expect(() => neuprintNeuronTable(neuron, "my dataset")).toThrow('dataset "my dataset" must be non-empty');
    expect(() => neuprintNeuronTable({ ...neuron, type: [] }, "d")).toThrow("type has 0 rows, expected 1");
    expect(() => formatNeuprintRoiInfo({ AL: { post: -1 } })).toThrow('ROI "AL" count "post" is -1');
  });

  it("[X5] writes the Codex connections.csv columns with UNASGD and transmitter codes", () => {
    const table = codexConnectionTable({
      pre: BigUint64Array.of(A, A),
      post: BigUint64Array.of(B, B),
      synCount: Uint32Array.of(12, 3),
      neuropil: ["AL_R", "LH_R"],
      ntType: [codexNtType("Acetylcholine"), codexNtType("")],
    });
    expect(decodeUtf8(writeCsv(table))).toBe(
      `pre_root_id,post_root_id,neuropil,syn_count,nt_type\n${A},${B},AL_R,12,ACH\n${A},${B},LH_R,3,\n`,
    );
    const plain = codexConnectionTable({
      pre: BigUint64Array.of(A),
      post: BigUint64Array.of(B),
      synCount: Uint32Array.of(1),
    });
    expect(decodeUtf8(writeCsv(plain))).toBe(
      `pre_root_id,post_root_id,neuropil,syn_count,nt_type\n${A},${B},UNASGD,1,\n`,
    );
    expect(codexNtType("gaba")).toBe("GABA");
    expect(codexNtType("5-HT")).toBe("SER");
    expect(() => codexNtType("histamine")).toThrow('"histamine" is not a known transmitter');
    expect(() =>
      codexConnectionTable({
        pre: BigUint64Array.of(A),
        post: BigUint64Array.of(B),
        synCount: Uint32Array.of(1),
        ntType: ["ach"],
      }),
    ).toThrow('column "nt_type" row 0: "ach" is not one of ACH, GABA, GLUT, DA, OCT, SER or empty');
    expect(() =>
      codexConnectionTable({
        pre: BigUint64Array.of(A),
        post: BigUint64Array.of(B),
        synCount: Uint32Array.of(1),
        neuropil: [""],
      }),
    ).toThrow('column "neuropil" row 0 is empty; use "UNASGD"');
  });
});
