/**
 * A small deterministic pseudo-random generator (sfc32 seeded through splitmix32), so that a seed gives
 * the same dataset on every run. `fork(tag)` derives an independent stream, so one stage drawing more or
 * fewer numbers does not shift the numbers of another.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`Rng: seed must be a non-negative safe integer, got ${seed}`);
    let s = (seed >>> 0) ^ Math.floor(seed / 4294967296);
    const mix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Marsaglia's polar method). */
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** Writes a uniformly random unit vector into out[offset..offset+2]. */
  unitVector(out: Float64Array, offset = 0): void {
    let x = 0;
    let y = 0;
    let z = 0;
    let n = 0;
    do {
      x = 2 * this.float() - 1;
      y = 2 * this.float() - 1;
      z = 2 * this.float() - 1;
      n = x * x + y * y + z * z;
    } while (n > 1 || n < 1e-6);
    n = Math.sqrt(n);
    out[offset] = x / n;
    out[offset + 1] = y / n;
    out[offset + 2] = z / n;
  }

  /** An independent generator derived from this one's seed material and a tag. */
  fork(tag: string): Rng {
    let h = 2166136261;
    for (let i = 0; i < tag.length; i++) h = Math.imul(h ^ tag.charCodeAt(i), 16777619);
    return new Rng(
      (((this.a ^ h) >>> 0) * 2097152 + ((this.b ^ Math.imul(h, 31)) >>> 11)) % Number.MAX_SAFE_INTEGER,
    );
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(a: Uint32Array | Int32Array): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }
}
