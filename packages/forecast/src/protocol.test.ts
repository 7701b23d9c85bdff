import { describe, expect, it } from "vitest";
import { reference } from "../test/fixtures";
import { parseConditionTable } from "./parseConditionTable";
import {
  checkProtocolFits,
  conditionBounds,
  createProtocol,
  createZapbenchProtocol,
  numWindows,
  ProtocolError,
  splitBounds,
  splitSizes,
} from "./protocol";
import {
  ZAPBENCH_CONDITION_NAMES,
  ZAPBENCH_CONDITION_OFFSETS,
  ZAPBENCH_HELD_OUT,
  ZAPBENCH_HORIZON,
  ZAPBENCH_TRAIN_CONDITIONS,
} from "./zapbench";

describe("ZAPBench protocol", () => {
  it("[Z1] has the ZAPBench offsets, names and held-out taxis", () => {
    expect(ZAPBENCH_CONDITION_OFFSETS).toEqual([0, 649, 2422, 3078, 3735, 5047, 5638, 6623, 7279, 7879]);
    expect(ZAPBENCH_CONDITION_NAMES.join(",")).toBe(
      "gain,dots,flash,taxis,turning,position,open loop,rotation,dark",
    );
    const p = createZapbenchProtocol();
    expect(p.conditions.filter((c) => c.heldOut).map((c) => c.name)).toEqual(["taxis"]);
    expect(ZAPBENCH_CONDITION_NAMES[ZAPBENCH_HELD_OUT[0]]).toBe("taxis");
    expect(p.conditions.flatMap((c, i) => (c.heldOut ? [] : [i]))).toEqual([...ZAPBENCH_TRAIN_CONDITIONS]);
    expect(p.horizon).toBe(ZAPBENCH_HORIZON);
  });

  it("[Z2][Z3][Z4] gain by hand: 647 frames → 454/64/129, test windows 98 for both contexts", () => {
    const p = createZapbenchProtocol();
    expect(conditionBounds(p, 0)).toEqual([1, 648]);
    expect(splitSizes(p, 0)).toEqual({ train: 454, val: 64, test: 129 });
    expect(splitBounds(p, 0, "train", 4)).toEqual([1, 455]);
    expect(splitBounds(p, 0, "val", 4)).toEqual([451, 519]);
    expect(splitBounds(p, 0, "test", 4)).toEqual([515, 648]);
    expect(splitBounds(p, 0, "test", 256)).toEqual([263, 648]);
    expect(numWindows(515, 648, 4, 32)).toBe(648 - 515 - 32 - 4 + 1);
    expect(numWindows(515, 648, 4, 32)).toBe(98);
    expect(numWindows(263, 648, 256, 32)).toBe(98);
  });

  it("[Z3] taxis by hand: held out, scored from maxContext − C frames into the condition", () => {
    const p = createZapbenchProtocol();
    expect(conditionBounds(p, 3)).toEqual([3079, 3734]);
    expect(splitBounds(p, 3, "test_holdout", 4)).toEqual([3079 + 252, 3734]);
    expect(splitBounds(p, 3, "test_holdout", 256)).toEqual([3079, 3734]);
    expect(numWindows(3079, 3734, 256, 32)).toBe(3734 - 3079 - 32 - 256 + 1);
  });

  it("[Z3][Z4] every split and window count equals the port of zapbench/data_utils.py (numpy fixture)", () => {
    const p = createZapbenchProtocol();
    for (const context of [4, 256] as const) {
      const rows = reference.zapbenchSplits[String(context)];
      expect(rows).toHaveLength(9);
      for (const row of rows ?? []) {
        const c = row.condition;
        expect(splitBounds(p, c, "train", context)).toEqual(row.train);
        expect(splitBounds(p, c, "val", context)).toEqual(row.val);
        expect(splitBounds(p, c, "test", context)).toEqual(row.test);
        expect(splitBounds(p, c, "test_holdout", context)).toEqual(row.test_holdout);
        expect(numWindows(...row.test, context, 32)).toBe(row.testWindows);
        expect(numWindows(...row.test_holdout, context, 32)).toBe(row.holdoutWindows);
        // Every test target lies inside the test split: windows = test frames − 31.
        expect(row.testWindows).toBe(splitSizes(p, c).test - 31);
      }
    }
    expect(() => checkProtocolFits(p, 7879, 256)).not.toThrow();
  });

  it("[Z3] test comes last and the three splits tile the trimmed condition", () => {
    const p = createZapbenchProtocol();
    for (let c = 0; c < p.conditions.length; c++) {
      const [lo, hi] = conditionBounds(p, c);
      const [, trainHi] = splitBounds(p, c, "train", 4);
      const [valLo, valHi] = splitBounds(p, c, "val", 4);
      const [testLo, testHi] = splitBounds(p, c, "test", 4);
      expect(trainHi).toBe(valLo + 4);
      expect(valHi).toBe(testLo + 4);
      expect(testHi).toBe(hi);
      expect(splitBounds(p, c, "train", 4)[0]).toBe(lo);
    }
  });

  it("[Z5] errors name the condition and what was expected", () => {
    const short = createProtocol([
      { name: "tiny", start: 0, end: 40, heldOut: false },
      { name: "other", start: 40, end: 400, heldOut: false },
    ]);
    expect(() => checkProtocolFits(short, 400, 4)).toThrow(
      /condition "tiny": its test split .* holds no window/,
    );
    const long = createProtocol([{ name: "other", start: 40, end: 400, heldOut: false }]);
    expect(() => checkProtocolFits(long, 300, 4)).toThrow(
      /"other" ends at frame 400 but the activity has 300 frames/,
    );
    expect(() => checkProtocolFits(createZapbenchProtocol(), 7879, 512)).toThrow(/context 512 exceeds/);
    expect(() => createProtocol([{ name: "x", start: 5, end: 5, heldOut: false }])).toThrow(ProtocolError);
    expect(() => createProtocol([{ name: "x", start: 0, end: 9, heldOut: true }])).toThrow(
      /at least one must train/,
    );
    expect(() => splitBounds(short, 0, "test_holdout", 4)).toThrow(/condition "tiny": test_holdout split/);
  });
});

describe("condition tables", () => {
  it("[Z5] reads the three forms", () => {
    const a = parseConditionTable(
      '{"offsets":[0,10,30],"names":["x","y"],"heldOut":[1],"maxContext":8}',
      "a.json",
    );
    expect(a.conditions).toEqual([
      { name: "x", start: 0, end: 10, heldOut: false },
      { name: "y", start: 10, end: 30, heldOut: true },
    ]);
    expect(a.options).toEqual({ maxContext: 8 });
    const b = parseConditionTable(
      '{"conditions":[{"name":"x","start":0,"end":10},{"name":"y","start":12,"end":30,"heldOut":true}]}',
      "b.json",
    );
    expect(b.conditions[1]).toEqual({ name: "y", start: 12, end: 30, heldOut: true });
    const c = parseConditionTable("name,start,end,held_out\nx,0,10,no\ny,10,30,yes\n", "c.csv");
    expect(c.conditions).toEqual(a.conditions);
  });

  it("[Z5] names the file, line and field of a bad table", () => {
    expect(() => parseConditionTable("name,start,end\nx,0,ten\n", "t.csv")).toThrow(
      /t\.csv: line 2: end "ten" is not a non-negative integer frame/,
    );
    expect(() => parseConditionTable("label,a,b\n", "t.csv")).toThrow(
      /t\.csv: line 1: header must name columns name,start,end/,
    );
    expect(() => parseConditionTable('{"offsets":[0,"x"]}', "t.json")).toThrow(
      /t\.json: field "offsets": expected an array of integers/,
    );
    expect(() => parseConditionTable('{"conditions":[{"name":"x","start":0}]}', "t.json")).toThrow(
      /conditions\[0\]\.end: expected an integer frame/,
    );
    expect(() => parseConditionTable('{"offsets":[0,5,9],"names":["a"]}', "t.json")).toThrow(
      /3 offsets need 2 names, got 1/,
    );
  });
});
