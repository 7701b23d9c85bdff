/**
 * Dense indices for uint64 ids, shared by the edge aggregation and the CSR builder: the sorted distinct ids
 * of some arrays with the index of each value among them (radix sort), the index of ids in a given sorted
 * list (binary search), and the (row, column) order of index pairs by two stable counting sorts — all
 * O(values) or O(values · log ids), with no comparator calls and no bigint arithmetic in the loops.
 */
import { HOST_IS_LITTLE_ENDIAN } from "./byteOrder";

/** The two 32-bit halves of each uint64, read through a Uint32Array view (no bigint arithmetic). */
function halves(a: BigUint64Array): { words: Uint32Array; hi: number; lo: number } {
  const words = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  return HOST_IS_LITTLE_ENDIAN ? { words, hi: 1, lo: 0 } : { words, hi: 0, lo: 1 };
}

/**
 * The index in `sorted` of every id; `missing(row, id)` is called (and must throw) for an absent one. The
 * binary search compares 32-bit halves as numbers, which is several times faster than comparing bigints.
 */
export function lookupIds(
  sorted: BigUint64Array,
  ids: BigUint64Array,
  missing: (row: number, id: bigint) => never,
): Uint32Array {
  const s = halves(sorted);
  const q = halves(ids);
  const sw = s.words;
  const qw = q.words;
  const out = new Uint32Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    const hi = qw[2 * r + q.hi]!;
    const lo = qw[2 * r + q.lo]!;
    let a = 0;
    let b = sorted.length - 1;
    let found = -1;
    while (a <= b) {
      const mid = (a + b) >>> 1;
      const mh = sw[2 * mid + s.hi]!;
      const ml = sw[2 * mid + s.lo]!;
      if (mh < hi || (mh === hi && ml < lo)) a = mid + 1;
      else if (mh > hi || ml > lo) b = mid - 1;
      else {
        found = mid;
        break;
      }
    }
    if (found < 0) missing(r, ids[r]!);
    out[r] = found;
  }
  return out;
}

export interface DenseIds {
  /** The distinct ids, ascending. */
  ids: BigUint64Array;
  /** For each input array, the index in `ids` of each of its values. */
  indices: Uint32Array[];
}

/** Open-addressing hash of a uint64 given as two 32-bit halves. */
const hashPair = (hi: number, lo: number): number =>
  Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) ^ lo;

/**
 * The distinct ids of `arrays` and the dense index of every value. Values are numbered in order of first
 * appearance through an open-addressing hash table on the ids' 32-bit halves (no bigint is created per
 * value), then the distinct ids are sorted and the numbers mapped to ranks: O(values + d log d) for d
 * distinct ids.
 */
export function denseIds(arrays: readonly BigUint64Array[]): DenseIds {
  let cap = 1024;
  let table = new Int32Array(cap).fill(-1);
  let dHi = new Uint32Array(256);
  let dLo = new Uint32Array(256);
  let n = 0;
  const first: Uint32Array[] = [];
  for (const a of arrays) {
    const { words, hi, lo } = halves(a);
    const out = new Uint32Array(a.length);
    for (let k = 0; k < a.length; k++) {
      const h = words[2 * k + hi]!;
      const l = words[2 * k + lo]!;
      let slot = hashPair(h, l) & (cap - 1);
      for (;;) {
        const d = table[slot]!;
        if (d < 0) {
          if (n === dHi.length) {
            const nh = new Uint32Array(n * 2);
            nh.set(dHi);
            dHi = nh;
            const nl = new Uint32Array(n * 2);
            nl.set(dLo);
            dLo = nl;
          }
          dHi[n] = h;
          dLo[n] = l;
          table[slot] = n;
          out[k] = n++;
          if (n * 2 > cap) {
            cap *= 2;
            table = new Int32Array(cap).fill(-1);
            for (let i = 0; i < n; i++) {
              let s = hashPair(dHi[i]!, dLo[i]!) & (cap - 1);
              while (table[s]! >= 0) s = (s + 1) & (cap - 1);
              table[s] = i;
            }
          }
          break;
        }
        if (dHi[d] === h && dLo[d] === l) {
          out[k] = d;
          break;
        }
        slot = (slot + 1) & (cap - 1);
      }
    }
    first.push(out);
  }
  const byAppearance = new BigUint64Array(n);
  const w = halves(byAppearance);
  for (let i = 0; i < n; i++) {
    w.words[2 * i + w.hi] = dHi[i]!;
    w.words[2 * i + w.lo] = dLo[i]!;
  }
  const ids = byAppearance.slice().sort();
  const rank = lookupIds(ids, byAppearance, (row) => {
    throw new Error(`denseIds: id ${row} vanished while sorting`);
  });
  for (const out of first) for (let k = 0; k < out.length; k++) out[k] = rank[out[k]!]!;
  return { ids, indices: first };
}

/** Stable counting sort of `order` by `key[order[k]]` (keys below `n`). */
function countingSort(order: Uint32Array, key: Uint32Array, n: number): Uint32Array {
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < order.length; k++) start[key[order[k]!]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const out = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    out[start[key[e]!]!++] = e;
  }
  return out;
}

/** The permutation that orders the pairs (row[e], col[e]) ascending by row, then column (stable); indices < n. */
export function orderPairs(row: Uint32Array, col: Uint32Array, n: number): Uint32Array {
  const order = new Uint32Array(row.length);
  for (let e = 0; e < order.length; e++) order[e] = e;
  return countingSort(countingSort(order, col, n), row, n);
}
