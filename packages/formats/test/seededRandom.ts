/** A small seeded generator (mulberry32) so that randomized tests are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random uint64 spread over the whole range (high and low 32-bit halves drawn apart). */
export function randomUint64(rand: () => number): bigint {
  const hi = BigInt(Math.floor(rand() * 4294967296));
  const lo = BigInt(Math.floor(rand() * 4294967296));
  return (hi << 32n) | lo;
}
