/**
 * Counters of GPU uploads by the slice views, so that tests and people can check that an edit rewrites
 * only the colour lookup and never re-uploads the volume. Visible in the browser as `window.__danioSlices`.
 */
export interface SliceStats {
  /** Uploads of volume data (image or label texels): a new slice, or a chunk that arrived. */
  volumeUploads: number;
  imageUploads: number;
  labelUploads: number;
  /** Uploads of the colour lookup (an edit, a selection, a split preview, a new view). */
  lookupUploads: number;
  /** Frames drawn. */
  draws: number;
  /** Per view: the slice index shown and whether it has drawn image data. */
  views: Partial<Record<string, { slice: number; rendered: boolean }>>;
}

export const sliceStats: SliceStats = {
  volumeUploads: 0,
  imageUploads: 0,
  labelUploads: 0,
  lookupUploads: 0,
  draws: 0,
  views: {},
};

/** Publishes the counters as `window.__danioSlices` (in a browser). */
export function exposeSliceStats(): void {
  if (typeof window !== "undefined")
    (window as unknown as { __danioSlices: SliceStats }).__danioSlices = sliceStats;
}
