import { describe, expect, it } from "vitest";
import { createNeuronPreview } from "./createNeuronPreview";

describe("createNeuronPreview", () => {
  it("is deterministic by seed and bounded by maxSegments", () => {
    const a = createNeuronPreview(3, 100);
    const b = createNeuronPreview(3, 100);
    expect(a.count).toBeGreaterThan(10);
    expect(a.count).toBeLessThanOrEqual(100);
    expect(Array.from(a.segments)).toEqual(Array.from(b.segments));
    expect(Array.from(createNeuronPreview(4, 100).segments)).not.toEqual(Array.from(a.segments));
  });

  it("keeps radii positive and tapering along each neurite", () => {
    const p = createNeuronPreview(11);
    for (let i = 0; i < p.count; i++) {
      const r0 = p.segments[i * 8 + 3]!;
      const r1 = p.segments[i * 8 + 7]!;
      expect(r0).toBeGreaterThan(0);
      expect(r1).toBeLessThan(r0);
    }
  });
});
