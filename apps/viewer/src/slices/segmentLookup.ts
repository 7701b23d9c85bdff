/**
 * The colour lookup of the slice views: dense label (1 + supervoxel index; 0 is background) → RGBA of the
 * supervoxel's current segment. It is a small RGBA8 texture, LOOKUP_WIDTH texels wide, that the fragment
 * shader reads with the dense label from the label texture; an edit (a new mapping), a selection or a split
 * preview rewrites only this.
 */
import { segmentColour } from "../state/segmentColour";

export const LOOKUP_WIDTH = 2048;

/** Overlay opacity (0–255) of a segment by its role. */
export const LOOKUP_ALPHA = {
  /** Nothing is selected: every segment. */
  normal: 105,
  /** A selected segment. */
  selected: 190,
  /** Another segment while something is selected or previewed. */
  dimmed: 30,
  /** A side of the split preview. */
  preview: 210,
} as const;

/** The two sides of a split preview, the same in every view. */
export const PREVIEW_SOURCE_RGB: readonly [number, number, number] = [255, 96, 40];
export const PREVIEW_SINK_RGB: readonly [number, number, number] = [40, 170, 255];

export interface LookupStyle {
  /** Selected segments (root ids). */
  readonly selected: readonly string[];
  /** A split preview: the segment and the supervoxels of its two sides. */
  readonly preview: {
    readonly root: string;
    readonly sources: readonly string[];
    readonly sinks: readonly string[];
  } | null;
}

/** Rows of the lookup texture for `supervoxelCount` supervoxels (plus the background entry). */
export function lookupTextureHeight(supervoxelCount: number): number {
  return Math.max(1, Math.ceil((supervoxelCount + 1) / LOOKUP_WIDTH));
}

/** A lookup buffer for `supervoxelCount` supervoxels, RGBA8, LOOKUP_WIDTH × lookupTextureHeight texels. */
export function createSegmentLookup(supervoxelCount: number): Uint8Array {
  return new Uint8Array(LOOKUP_WIDTH * lookupTextureHeight(supervoxelCount) * 4);
}

/** A segment colour packed as 0xRRGGBB, cached per root. */
function packedColour(root: string, cache: Map<string, number>): number {
  let c = cache.get(root);
  if (c === undefined) {
    const [r, g, b] = segmentColour(root);
    c = (Math.round(r * 255) << 16) | (Math.round(g * 255) << 8) | Math.round(b * 255);
    cache.set(root, c);
  }
  return c;
}

/**
 * Writes the lookup: entry 0 (background) and supervoxels the mapping does not know are transparent;
 * entry i + 1 is the colour of `rootOf(supervoxels[i])` (`segmentColour`) with the opacity of its role —
 * the preview's two sides in their two colours, selected segments strong, the others dimmed whenever
 * something is selected or previewed. `colours` caches segment colours across calls.
 */
export function writeSegmentLookup(
  out: Uint8Array,
  supervoxels: readonly string[],
  rootOf: (supervoxel: string) => string | undefined,
  style: LookupStyle,
  colours: Map<string, number>,
): void {
  const n = supervoxels.length;
  if (out.length < (n + 1) * 4) {
    throw new RangeError(`writeSegmentLookup: buffer holds ${out.length / 4} of ${n + 1} entries`);
  }
  const selected = new Set(style.selected);
  const preview = style.preview;
  const sources = new Set(preview?.sources);
  const sinks = new Set(preview?.sinks);
  const emphasis = preview !== null || selected.size > 0;
  out.fill(0, 0, 4);
  for (let i = 0; i < n; i++) {
    const sv = supervoxels[i]!;
    const o = (i + 1) * 4;
    const root = rootOf(sv);
    if (root === undefined) {
      out[o] = 0;
      out[o + 1] = 0;
      out[o + 2] = 0;
      out[o + 3] = 0;
      continue;
    }
    if (preview !== null && (sources.has(sv) || sinks.has(sv))) {
      const rgb = sources.has(sv) ? PREVIEW_SOURCE_RGB : PREVIEW_SINK_RGB;
      out[o] = rgb[0];
      out[o + 1] = rgb[1];
      out[o + 2] = rgb[2];
      out[o + 3] = LOOKUP_ALPHA.preview;
      continue;
    }
    const c = packedColour(root, colours);
    out[o] = (c >> 16) & 255;
    out[o + 1] = (c >> 8) & 255;
    out[o + 2] = c & 255;
    if (!emphasis) out[o + 3] = LOOKUP_ALPHA.normal;
    else if (preview === null && selected.has(root)) out[o + 3] = LOOKUP_ALPHA.selected;
    else if (preview !== null && root === preview.root) out[o + 3] = LOOKUP_ALPHA.normal;
    else out[o + 3] = LOOKUP_ALPHA.dimmed;
  }
}
