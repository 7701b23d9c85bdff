import { describe, expect, it } from "vitest";
import type { OpSummary } from "./schema";
import { OpsGapError, SegmentMapping } from "./SegmentMapping";

const summary = (
  seq: number,
  oldRoots: string[],
  newRoots: string[],
  members: string[][] = [],
): OpSummary => ({
  seq,
  id: `op-${seq}`,
  type: newRoots.length > 1 ? "split" : "merge",
  author: "u",
  time: seq,
  oldRoots,
  newRoots,
  members,
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("SegmentMapping", () => {
  it("[M1] a merge moves every supervoxel of the old roots to the new root, with no ids listed", () => {
    const m = new SegmentMapping([
      ["1", "A"],
      ["2", "A"],
      ["3", "B"],
      ["4", "C"],
    ]);
    const change = m.apply([summary(1, ["A", "B"], ["D"])]);
    expect(change).toEqual({ retired: ["A", "B"], created: ["D"], applied: [1] });
    expect(["1", "2", "3", "4"].map((sv) => m.rootOf(sv))).toEqual(["D", "D", "D", "C"]);
    expect([...m.membersOf("D")].sort()).toEqual(["1", "2", "3"]);
    expect(m.membersOf("A").size).toBe(0);
  });

  it("[M2] a split lists the smaller pieces; the last new root takes the rest", () => {
    const m = new SegmentMapping(["1", "2", "3", "4", "5"].map((sv) => [sv, "A"] as const));
    m.apply([summary(1, ["A"], ["B", "C", "D"], [["2"], ["4", "5"]])]);
    expect(["1", "2", "3", "4", "5"].map((sv) => m.rootOf(sv))).toEqual(["D", "B", "D", "C", "C"]);
  });

  it("[M2] a partial mapping learns listed supervoxels it did not know", () => {
    const m = new SegmentMapping([["1", "A"]]);
    m.apply([summary(1, ["A"], ["B", "C"], [["9"]])]);
    expect(m.rootOf("9")).toBe("B");
    expect(m.rootOf("1")).toBe("C");
  });

  it("[M3] a gap in sequence numbers throws before applying anything of the batch", () => {
    const m = new SegmentMapping([["1", "A"]], 4);
    expect(() => m.apply([summary(5, ["A"], ["B"]), summary(7, ["B"], ["C"])])).toThrow(
      new OpsGapError(6, 7),
    );
    expect(m.rootOf("1")).toBe("A");
    expect(m.lastSeq).toBe(4);
  });

  it("[M4] summaries already applied are skipped, so replaying the retained log is harmless", () => {
    const m = new SegmentMapping([["1", "A"]]);
    const log = [summary(1, ["A"], ["B"]), summary(2, ["B"], ["C"])];
    m.apply(log.slice(0, 1));
    expect(m.apply(log)).toEqual({ retired: ["B"], created: ["C"], applied: [2] });
    expect(m.apply(log).applied).toEqual([]);
    expect(m.rootOf("1")).toBe("C");
  });

  it("[M1][M2] agrees with a directly maintained partition over random merges and splits (seeded)", () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const rand = mulberry32(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const svs = Array.from({ length: 60 }, (_, i) => String(1000 + i));
      let nextRoot = 1;
      const truth = new Map<string, string>();
      for (const sv of svs) truth.set(sv, `r${Math.floor(rand() * 12)}`);
      const known = svs.filter(() => rand() < 0.6);
      const mapping = new SegmentMapping(known.map((sv) => [sv, truth.get(sv)!] as const));
      for (let seq = 1; seq <= 80; seq++) {
        const roots = [...new Set(truth.values())];
        const membersOf = (r: string) => svs.filter((sv) => truth.get(sv) === r);
        const splittable = roots.filter((r) => membersOf(r).length >= 2);
        let s: OpSummary;
        if (roots.length >= 2 && (rand() < 0.5 || splittable.length === 0)) {
          const a = pick(roots);
          const b = pick(roots.filter((r) => r !== a));
          const merged = `m${nextRoot++}`;
          for (const sv of [...membersOf(a), ...membersOf(b)]) truth.set(sv, merged);
          s = summary(seq, [a, b], [merged]);
        } else {
          const root = pick(splittable);
          const members = membersOf(root);
          const k = 2 + Math.floor(rand() * Math.min(2, members.length - 1));
          const pieces: string[][] = Array.from({ length: k }, () => []);
          for (const [i, sv] of members.entries()) pieces[i < k ? i : Math.floor(rand() * k)]!.push(sv);
          pieces.sort((p, q) => p.length - q.length);
          const newRoots = pieces.map(() => `s${nextRoot++}`);
          pieces.forEach((p, i) => {
            for (const sv of p) truth.set(sv, newRoots[i]!);
          });
          s = summary(seq, [root], newRoots, pieces.slice(0, -1));
        }
        mapping.apply([s]);
        for (const [sv, root] of mapping.entries()) {
          expect(root, `seed ${seed}, op ${seq}, supervoxel ${sv}`).toBe(truth.get(sv));
        }
      }
      expect(mapping.lastSeq).toBe(80);
    }
  });
});
