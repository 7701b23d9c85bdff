import { describe, expect, it } from "vitest";
import { Rng } from "./Rng";
import { createUnionFind, findRoot, labelComponents, union } from "./unionFind";

describe("Rng and union-find", () => {
  it("[G10] the generator's random numbers depend only on the seed, and forks are independent streams", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => new Rng(43).next())).not.toEqual(xs);
    const f1 = new Rng(1).fork("image");
    const f2 = new Rng(1).fork("image");
    const g = new Rng(1).fork("graph");
    const s1 = Array.from({ length: 20 }, () => f1.float());
    expect(Array.from({ length: 20 }, () => f2.float())).toEqual(s1);
    expect(Array.from({ length: 20 }, () => g.float())).not.toEqual(s1);
    const r = new Rng(5);
    const floats = Array.from({ length: 10_000 }, () => r.float());
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    expect(floats.reduce((s, x) => s + x, 0) / floats.length).toBeCloseTo(0.5, 1);
    expect(() => new Rng(-1)).toThrow(/seed must be a non-negative safe integer/);
  });

  it("labels connected components in order of their smallest node", () => {
    const uf = createUnionFind(5);
    expect(union(uf, 3, 4)).toBe(true);
    expect(union(uf, 4, 3)).toBe(false);
    expect(findRoot(uf, 4)).toBe(findRoot(uf, 3));
    const out = new Uint32Array(6);
    const n = labelComponents(6, Uint32Array.of(4, 0, 2), Uint32Array.of(5, 1, 3), (e) => e !== 2, out);
    expect(n).toBe(4);
    expect(Array.from(out)).toEqual([0, 0, 1, 2, 3, 3]);
  });
});
