/**
 * A neuron-major copy of a series ([neurons, frames] on shared memory) so that per-neuron fits read every
 * neuron's time course contiguously. Cached per series: several models and controls share one copy.
 */
import type { Series } from "./series";

const cache = new WeakMap<Series, Float32Array>();

export function neuronMajor(series: Series): Float32Array {
  const hit = cache.get(series);
  if (hit) return hit;
  const { frames: T, neurons: N, data } = series;
  const out = new Float32Array(new SharedArrayBuffer(T * N * 4));
  const B = 64;
  for (let t0 = 0; t0 < T; t0 += B) {
    const t1 = Math.min(T, t0 + B);
    for (let n0 = 0; n0 < N; n0 += B) {
      const n1 = Math.min(N, n0 + B);
      for (let t = t0; t < t1; t++) {
        const row = t * N;
        for (let n = n0; n < n1; n++) out[n * T + t] = data[row + n] as number;
      }
    }
  }
  cache.set(series, out);
  return out;
}
