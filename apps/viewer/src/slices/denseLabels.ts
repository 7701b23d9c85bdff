/**
 * Supervoxel labels (uint32 or uint64 ids) → dense labels: 1 + the supervoxel's index in the dataset's
 * ascending id list, 0 for background (label 0) and for ids the list does not hold. Dense labels are what
 * the slice views keep on the CPU and upload to the GPU (R32UI): the segment of a supervoxel is then one
 * lookup-texture fetch, and an edit only rewrites the lookup.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The ascending supervoxel ids split into 32-bit halves, for binary search without bigint arithmetic. */
export interface SupervoxelSearch {
  readonly count: number;
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
}

/** Builds the search over `ids`, which must be strictly ascending (the dense index order). */
export function createSupervoxelSearch(ids: BigUint64Array): SupervoxelSearch {
  const n = ids.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    hi[i] = Number(id >> 32n);
    lo[i] = Number(id & 0xffffffffn);
  }
  return { count: n, hi, lo };
}

/** The dense label (index + 1) of the id with halves (hi, lo), or 0 when absent. */
export function denseLabelOf(search: SupervoxelSearch, hi: number, lo: number): number {
  if (hi === 0 && lo === 0) return 0;
  const H = search.hi;
  const L = search.lo;
  let a = 0;
  let b = search.count - 1;
  while (a <= b) {
    const mid = (a + b) >>> 1;
    const mh = H[mid]!;
    const ml = L[mid]!;
    if (mh < hi || (mh === hi && ml < lo)) a = mid + 1;
    else if (mh > hi || ml > lo) b = mid - 1;
    else return mid + 1;
  }
  return 0;
}

/**
 * Writes the dense label of each of `labels` into `out` (same length) and returns how many non-zero
 * labels were not supervoxels of the list. Runs of one label, the common case, cost one search.
 */
export function labelsToDense(
  labels: Uint32Array | BigUint64Array,
  search: SupervoxelSearch,
  out: Uint32Array,
): number {
  const n = labels.length;
  if (out.length < n) throw new RangeError(`labelsToDense: output holds ${out.length} of ${n} labels`);
  let unknown = 0;
  let lastHi = -1;
  let lastLo = -1;
  let last = 0;
  if (labels instanceof Uint32Array) {
    for (let i = 0; i < n; i++) {
      const lo = labels[i]!;
      if (lo !== lastLo) {
        lastLo = lo;
        last = denseLabelOf(search, 0, lo);
      }
      if (last === 0 && lo !== 0) unknown++;
      out[i] = last;
    }
    return unknown;
  }
  if (LITTLE_ENDIAN) {
    const words = new Uint32Array(labels.buffer, labels.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]!;
      if (lo !== lastLo || hi !== lastHi) {
        lastLo = lo;
        lastHi = hi;
        last = denseLabelOf(search, hi, lo);
      }
      if (last === 0 && (lo !== 0 || hi !== 0)) unknown++;
      out[i] = last;
    }
    return unknown;
  }
  for (let i = 0; i < n; i++) {
    const id = labels[i]!;
    const d = denseLabelOf(search, Number(id >> 32n), Number(id & 0xffffffffn));
    if (d === 0 && id !== 0n) unknown++;
    out[i] = d;
  }
  return unknown;
}
