/**
 * Neuroglancer's compressed_segmentation encoding of uint32 and uint64 label volumes, single- and
 * multi-channel. Reference: neuroglancer src/sliceview/compressed_segmentation/README.md.
 *
 * Per channel: gx*gy*gz 64-bit block headers (x fastest), each
 *   word 0: lookupTableOffset (24 bits, in 32-bit words from the channel start) | encodedBits << 24
 *   word 1: encodedValuesOffset (32-bit words from the channel start)
 * then, per block in order, its packed values (encodedBits ∈ {0,1,2,4,8,16,32} per voxel, x fastest
 * within the block, little-endian 32-bit words) followed by its lookup table of distinct values
 * (uint32 or uint64 little-endian, ascending) unless an identical table was already written, in which
 * case the header points at that one. Partial blocks at the upper bound are padded with the block's
 * first table entry. A file is `numChannels` uint32 channel offsets (in words) followed by the channels.
 */
import { HOST_IS_LITTLE_ENDIAN, readArrayLE, toBytesLE } from "./byteOrder";
import { PrecomputedFormatError, type Vec3 } from "./precomputedInfo";

export type LabelArray = Uint32Array | BigUint64Array;

const ALLOWED_BITS = new Set([0, 1, 2, 4, 8, 16, 32]);

/** A growable uint32 buffer (the only allocation of the encoder). */
class WordBuffer {
  words = new Uint32Array(1024);
  length = 0;
  reserve(extra: number): void {
    if (this.length + extra <= this.words.length) return;
    let cap = this.words.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const next = new Uint32Array(cap);
    next.set(this.words.subarray(0, this.length));
    this.words = next;
  }
  push(w: number): void {
    this.reserve(1);
    this.words[this.length++] = w;
  }
}

/** Blocks with more distinct values than this find them by hashing instead of a linear scan. */
const SMALL_TABLE = 16;

function valueKey(lo: number, hi: number): number | string {
  return hi < 0x200000 ? hi * 4294967296 + lo : `${hi}:${lo}`;
}

/** The label words of `data`: 1 word per uint32 value, 2 (low, high) per uint64 value. */
function labelWords(data: LabelArray): Uint32Array {
  if (data instanceof Uint32Array) return data;
  if (HOST_IS_LITTLE_ENDIAN) return new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
  const w = new Uint32Array(data.length * 2);
  for (let i = 0; i < data.length; i++) {
    w[2 * i] = Number(data[i]! & 0xffffffffn);
    w[2 * i + 1] = Number(data[i]! >> 32n);
  }
  return w;
}

function encodeChannel(vals: Uint32Array, wpv: 1 | 2, shape: Vec3, block: Vec3, out: WordBuffer): void {
  const [sx, sy, sz] = shape;
  const [bx, by, bz] = block;
  const gx = Math.ceil(sx / bx);
  const gy = Math.ceil(sy / by);
  const gz = Math.ceil(sz / bz);
  const base = out.length;
  const blockVoxels = bx * by * bz;
  out.reserve(2 * gx * gy * gz);
  out.length += 2 * gx * gy * gz;
  out.words.fill(0, base, out.length);
  const tableCache = new Map<string, number>();
  const local = new Uint32Array(blockVoxels); // per voxel: index into `uniq` (insertion order)
  const uniqLo: number[] = [];
  const uniqHi: number[] = [];
  const order: number[] = [];
  const rank = new Uint32Array(blockVoxels + 1);
  const seen = new Map<number | string, number>();
  for (let gzI = 0; gzI < gz; gzI++) {
    for (let gyI = 0; gyI < gy; gyI++) {
      for (let gxI = 0; gxI < gx; gxI++) {
        const x0 = gxI * bx;
        const y0 = gyI * by;
        const z0 = gzI * bz;
        const ex = Math.min(bx, sx - x0);
        const ey = Math.min(by, sy - y0);
        const ez = Math.min(bz, sz - z0);
        uniqLo.length = 0;
        uniqHi.length = 0;
        let lastLo = -1;
        let lastHi = -1;
        let lastIdx = 0;
        local.fill(0);
        for (let z = 0; z < ez; z++) {
          for (let y = 0; y < ey; y++) {
            let v = x0 + sx * (y0 + y + sy * (z0 + z));
            let li = bx * (y + by * z);
            for (let x = 0; x < ex; x++, v++, li++) {
              const lo = vals[v * wpv]!;
              const hi = wpv === 2 ? vals[v * 2 + 1]! : 0;
              if (lo !== lastLo || hi !== lastHi) {
                let k = 0;
                if (uniqLo.length <= SMALL_TABLE) {
                  while (k < uniqLo.length && (uniqLo[k] !== lo || uniqHi[k] !== hi)) k++;
                  if (k === uniqLo.length && k === SMALL_TABLE) {
                    // Many distinct values: switch this block to hashing.
                    seen.clear();
                    for (let j = 0; j < k; j++) seen.set(valueKey(uniqLo[j]!, uniqHi[j]!), j);
                  }
                } else {
                  k = seen.get(valueKey(lo, hi)) ?? uniqLo.length;
                }
                if (k === uniqLo.length) {
                  if (k >= SMALL_TABLE) seen.set(valueKey(lo, hi), k);
                  uniqLo.push(lo);
                  uniqHi.push(hi);
                }
                lastLo = lo;
                lastHi = hi;
                lastIdx = k;
              }
              local[li] = lastIdx;
            }
          }
        }
        const n = uniqLo.length;
        order.length = 0;
        for (let k = 0; k < n; k++) order.push(k);
        order.sort((a, b) => uniqHi[a]! - uniqHi[b]! || uniqLo[a]! - uniqLo[b]!);
        for (let r = 0; r < n; r++) rank[order[r]!] = r;
        let bits = 0;
        if (n > 1) {
          bits = 1;
          while (2 ** bits < n) bits *= 2;
        }
        const valuesOffset = out.length;
        const nWords = Math.ceil((bits * blockVoxels) / 32);
        out.reserve(nWords);
        out.words.fill(0, out.length, out.length + nWords);
        out.length += nWords;
        if (bits > 0) {
          // Padding voxels outside the volume keep local index 0, i.e. a value present in the block.
          for (let i = 0; i < blockVoxels; i++) {
            const bitOffset = i * bits;
            const w = valuesOffset + (bitOffset >>> 5);
            out.words[w] = (out.words[w]! | (rank[local[i]!]! << (bitOffset & 31))) >>> 0;
          }
        }
        let key = "";
        for (let r = 0; r < n; r++) key += `${uniqLo[order[r]!]},${uniqHi[order[r]!]};`;
        let tableOffset = tableCache.get(key);
        if (tableOffset === undefined) {
          tableOffset = out.length - base;
          out.reserve(n * wpv);
          for (let r = 0; r < n; r++) {
            out.words[out.length++] = uniqLo[order[r]!]!;
            if (wpv === 2) out.words[out.length++] = uniqHi[order[r]!]!;
          }
          tableCache.set(key, tableOffset);
        }
        if (tableOffset >= 1 << 24) {
          throw new PrecomputedFormatError(
            `compressed_segmentation: lookup table offset ${tableOffset} does not fit 24 bits; use smaller chunks`,
          );
        }
        const h = base + 2 * (gxI + gx * (gyI + gy * gzI));
        out.words[h] = (tableOffset | (bits << 24)) >>> 0;
        out.words[h + 1] = valuesOffset - base;
      }
    }
  }
}

function checkShape(shape: Vec3, block: Vec3, what: string): void {
  for (let d = 0; d < 3; d++) {
    if (!Number.isInteger(shape[d]) || shape[d]! <= 0 || !Number.isInteger(block[d]) || block[d]! <= 0) {
      throw new PrecomputedFormatError(
        `${what}: shape ${JSON.stringify(shape)} and block size ${JSON.stringify(block)} must be positive integers`,
      );
    }
  }
}

/**
 * Encodes `numChannels` channels of x-fastest labels (`data.length` = shape product × numChannels,
 * channel slowest) in the multi-channel compressed_segmentation format, as stored in a chunk file.
 */
export function encodeCompressedSegmentation(
  data: LabelArray,
  shape: Vec3,
  blockSize: Vec3,
  numChannels = 1,
): Uint8Array {
  checkShape(shape, blockSize, "compressed_segmentation encode");
  const perChannel = shape[0] * shape[1] * shape[2];
  if (data.length !== perChannel * numChannels) {
    throw new PrecomputedFormatError(
      `compressed_segmentation encode: ${data.length} labels given for shape ${shape.join("x")} × ${numChannels} channels`,
    );
  }
  const wpv = data instanceof BigUint64Array ? 2 : 1;
  const words = labelWords(data);
  const out = new WordBuffer();
  out.reserve(numChannels);
  out.length = numChannels;
  for (let c = 0; c < numChannels; c++) {
    out.words[c] = out.length;
    const channel = words.subarray(c * perChannel * wpv, (c + 1) * perChannel * wpv);
    const sub = new WordBuffer();
    encodeChannel(channel, wpv, shape, blockSize, sub);
    out.reserve(sub.length);
    out.words.set(sub.words.subarray(0, sub.length), out.length);
    out.length += sub.length;
  }
  return toBytesLE(out.words.subarray(0, out.length));
}

function decodeChannel(
  words: Uint32Array,
  base: number,
  end: number,
  wpv: 1 | 2,
  shape: Vec3,
  block: Vec3,
  out: Uint32Array,
  outBase: number,
  name: string,
): void {
  const [sx, sy, sz] = shape;
  const [bx, by, bz] = block;
  const gx = Math.ceil(sx / bx);
  const gy = Math.ceil(sy / by);
  const gz = Math.ceil(sz / bz);
  if (base + 2 * gx * gy * gz > end) {
    throw new PrecomputedFormatError(`${name}: truncated: ${gx * gy * gz} block headers do not fit`);
  }
  for (let gzI = 0; gzI < gz; gzI++) {
    for (let gyI = 0; gyI < gy; gyI++) {
      for (let gxI = 0; gxI < gx; gxI++) {
        const h = base + 2 * (gxI + gx * (gyI + gy * gzI));
        const tableOffset = base + (words[h]! & 0xffffff);
        const bits = words[h]! >>> 24;
        const valuesOffset = base + words[h + 1]!;
        if (!ALLOWED_BITS.has(bits)) {
          throw new PrecomputedFormatError(
            `${name}: block (${gxI}, ${gyI}, ${gzI}) has encodedBits ${bits}, expected 0, 1, 2, 4, 8, 16 or 32`,
          );
        }
        const x0 = gxI * bx;
        const y0 = gyI * by;
        const z0 = gzI * bz;
        const ex = Math.min(bx, sx - x0);
        const ey = Math.min(by, sy - y0);
        const ez = Math.min(bz, sz - z0);
        const tableEntries = bits === 0 ? 1 : 2 ** bits;
        const lastValueWord = valuesOffset + Math.ceil((bits * bx * by * bz) / 32);
        if ((bits > 0 && lastValueWord > end) || tableOffset >= end) {
          throw new PrecomputedFormatError(
            `${name}: block (${gxI}, ${gyI}, ${gzI}) points past the end of the data`,
          );
        }
        const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
        for (let z = 0; z < ez; z++) {
          for (let y = 0; y < ey; y++) {
            let o = outBase + x0 + sx * (y0 + y + sy * (z0 + z));
            let li = bx * (y + by * z);
            for (let x = 0; x < ex; x++, o++, li++) {
              let idx = 0;
              if (bits > 0) {
                const bitOffset = li * bits;
                idx = (words[valuesOffset + (bitOffset >>> 5)]! >>> (bitOffset & 31)) & mask;
              }
              const t = tableOffset + idx * wpv;
              if (idx >= tableEntries || t + wpv > end) {
                throw new PrecomputedFormatError(
                  `${name}: block (${gxI}, ${gyI}, ${gzI}) value index ${idx} is outside its lookup table`,
                );
              }
              out[o * wpv] = words[t]!;
              if (wpv === 2) out[o * 2 + 1] = words[t + 1]!;
            }
          }
        }
      }
    }
  }
}

/**
 * Decodes a multi-channel compressed_segmentation chunk of `shape` voxels into a new array (x fastest,
 * channel slowest). `name` (e.g. the chunk file) is used in errors.
 */
export function decodeCompressedSegmentation(
  bytes: Uint8Array,
  dataType: "uint32" | "uint64",
  shape: Vec3,
  blockSize: Vec3,
  numChannels = 1,
  name = "chunk",
): LabelArray {
  checkShape(shape, blockSize, name);
  if (bytes.length % 4 !== 0) {
    throw new PrecomputedFormatError(
      `${name}: compressed_segmentation data must be a whole number of 32-bit words, got ${bytes.length} bytes`,
    );
  }
  const words = readArrayLE(bytes, 0, bytes.length / 4, Uint32Array);
  if (words.length < numChannels) throw new PrecomputedFormatError(`${name}: truncated channel header`);
  const wpv = dataType === "uint64" ? 2 : 1;
  const perChannel = shape[0] * shape[1] * shape[2];
  const outWords = new Uint32Array(perChannel * numChannels * wpv);
  for (let c = 0; c < numChannels; c++) {
    const start = words[c]!;
    const stop = c + 1 < numChannels ? words[c + 1]! : words.length;
    if ((c === 0 && start !== numChannels) || start > stop || stop > words.length) {
      throw new PrecomputedFormatError(
        `${name}: channel ${c} offset ${start} is invalid (the first must equal num_channels = ${numChannels})`,
      );
    }
    decodeChannel(words, start, stop, wpv, shape, blockSize, outWords, c * perChannel, name);
  }
  if (wpv === 1) return outWords;
  if (HOST_IS_LITTLE_ENDIAN) return new BigUint64Array(outWords.buffer);
  const out = new BigUint64Array(perChannel * numChannels);
  for (let i = 0; i < out.length; i++)
    out[i] = BigInt(outWords[2 * i]!) | (BigInt(outWords[2 * i + 1]!) << 32n);
  return out;
}
