import { describe, expect, it } from "vitest";
import { segmentColour } from "../state/segmentColour";
import {
  createSegmentLookup,
  LOOKUP_ALPHA,
  LOOKUP_WIDTH,
  lookupTextureHeight,
  PREVIEW_SINK_RGB,
  PREVIEW_SOURCE_RGB,
  writeSegmentLookup,
} from "./segmentLookup";

const svs = ["11", "12", "13", "14", "15"];
const roots: Record<string, string> = { "11": "100", "12": "100", "13": "200", "14": "300" }; // 15 unknown
const none = { selected: [], preview: null };

const entry = (lut: Uint8Array, dense: number) => [...lut.subarray(dense * 4, dense * 4 + 4)];
const rgb = (root: string) => segmentColour(root).map((c) => Math.round(c * 255));

describe("segment lookup (dense label → RGBA of today's segment)", () => {
  it("sizes the texture for the supervoxels plus background", () => {
    expect(lookupTextureHeight(0)).toBe(1);
    expect(lookupTextureHeight(LOOKUP_WIDTH - 1)).toBe(1);
    expect(lookupTextureHeight(LOOKUP_WIDTH)).toBe(2);
    expect(createSegmentLookup(5000)).toHaveLength(LOOKUP_WIDTH * 3 * 4);
  });

  it("colours each supervoxel by its segment; background and unknown are transparent", () => {
    const lut = createSegmentLookup(svs.length);
    writeSegmentLookup(lut, svs, (sv) => roots[sv], none, new Map());
    expect(entry(lut, 0)).toEqual([0, 0, 0, 0]);
    expect(entry(lut, 1)).toEqual([...rgb("100"), LOOKUP_ALPHA.normal]);
    expect(entry(lut, 2)).toEqual(entry(lut, 1));
    expect(entry(lut, 3)).toEqual([...rgb("200"), LOOKUP_ALPHA.normal]);
    expect(entry(lut, 5)).toEqual([0, 0, 0, 0]);
  });

  it("an edit changes exactly the entries of the supervoxels whose segment changed", () => {
    const lut = createSegmentLookup(svs.length);
    const colours = new Map<string, number>();
    writeSegmentLookup(lut, svs, (sv) => roots[sv], none, colours);
    const before = lut.slice();
    // Merge 200 and 300 into a new segment 400.
    const after: Record<string, string> = { ...roots, "13": "400", "14": "400" };
    writeSegmentLookup(lut, svs, (sv) => after[sv], none, colours);
    expect(entry(lut, 1)).toEqual(entry(before, 1));
    expect(entry(lut, 2)).toEqual(entry(before, 2));
    expect(entry(lut, 3)).toEqual([...rgb("400"), LOOKUP_ALPHA.normal]);
    expect(entry(lut, 4)).toEqual(entry(lut, 3));
  });

  it("highlights the selected segments and dims the others", () => {
    const lut = createSegmentLookup(svs.length);
    writeSegmentLookup(lut, svs, (sv) => roots[sv], { selected: ["200"], preview: null }, new Map());
    expect(entry(lut, 3)[3]).toBe(LOOKUP_ALPHA.selected);
    expect(entry(lut, 1)[3]).toBe(LOOKUP_ALPHA.dimmed);
    expect(entry(lut, 4)[3]).toBe(LOOKUP_ALPHA.dimmed);
    expect(LOOKUP_ALPHA.selected).toBeGreaterThan(LOOKUP_ALPHA.normal);
    expect(LOOKUP_ALPHA.dimmed).toBeLessThan(LOOKUP_ALPHA.normal);
  });

  it("shows the two sides of a split preview in two distinct colours", () => {
    const lut = createSegmentLookup(svs.length);
    writeSegmentLookup(
      lut,
      svs,
      (sv) => roots[sv],
      { selected: ["100"], preview: { root: "100", sources: ["11"], sinks: ["12"] } },
      new Map(),
    );
    expect(entry(lut, 1)).toEqual([...PREVIEW_SOURCE_RGB, LOOKUP_ALPHA.preview]);
    expect(entry(lut, 2)).toEqual([...PREVIEW_SINK_RGB, LOOKUP_ALPHA.preview]);
    expect(PREVIEW_SOURCE_RGB).not.toEqual(PREVIEW_SINK_RGB);
    expect(entry(lut, 3)[3]).toBe(LOOKUP_ALPHA.dimmed);
  });

  it("refuses a buffer too small", () => {
    expect(() => writeSegmentLookup(new Uint8Array(8), svs, () => "1", none, new Map())).toThrow(RangeError);
  });
});
