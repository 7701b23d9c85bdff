/**
 * The dense autoregression of order 1 fitted the efficient way (SPEC.md F10), the reference the masked fit
 * is timed against: when every neuron may use every other neuron, all neurons share one design matrix
 * [x(t), 1], so one Gram matrix, one Cholesky factorisation and one triangular solve with N right-hand sides
 * give every neuron's weights. Same objective as the masked kernel at lag 1 on the complete diagram
 * (penalty λ · penaltyScale on every weight, none on the bias). Single-threaded.
 */
import { choleskySolveRows, choleskyUpper } from "./cholesky";
import { ddot, dsum } from "./ddot";

export interface DenseArFit {
  /** (N+1) × N row-major: weights[j·N + i] is x_j(t)'s weight in x_i(t+1); row N is the bias. */
  weights: Float64Array;
  seconds: { gram: number; factor: number; solve: number };
}

/**
 * data is neuron-major (x(n, t) = data[n·frames + t]); ranges are [lo, hi) training frame pairs.
 * Returns null when the regularised Gram matrix is not positive definite.
 */
export function fitDenseAr(
  data: Float32Array,
  frames: number,
  neurons: number,
  ranges: Int32Array,
  lambda: number,
  penaltyScale: number,
): DenseArFit | null {
  const N = neurons;
  const F = N + 1;
  const G = new Float64Array(F * F);
  const B = new Float64Array(F * N);
  const t0 = performance.now();
  for (let r = 0; r < ranges.length; r += 2) {
    const lo = ranges[r] as number;
    const len = (ranges[r + 1] as number) - 1 - lo;
    if (len <= 0) continue;
    for (let a = 0; a < N; a++) {
      const oa = a * frames + lo;
      const ga = a * F;
      for (let b = a; b < N; b++)
        G[ga + b] = (G[ga + b] as number) + ddot(len, data, 1, oa, data, 1, b * frames + lo);
      G[ga + N] = (G[ga + N] as number) + dsum(len, data, 1, oa);
      const ba = a * N;
      for (let i = 0; i < N; i++)
        B[ba + i] = (B[ba + i] as number) + ddot(len, data, 1, oa, data, 1, i * frames + lo + 1);
    }
    G[N * F + N] = (G[N * F + N] as number) + len;
    for (let i = 0; i < N; i++)
      B[N * N + i] = (B[N * N + i] as number) + dsum(len, data, 1, i * frames + lo + 1);
  }
  for (let a = 0; a < N; a++) G[a * F + a] = (G[a * F + a] as number) + lambda * penaltyScale;
  const t1 = performance.now();
  if (!choleskyUpper(F, G, F, 0)) return null;
  const t2 = performance.now();
  choleskySolveRows(F, N, G, F, 0, B, N, 0);
  const t3 = performance.now();
  return {
    weights: B,
    seconds: { gram: (t1 - t0) / 1000, factor: (t2 - t1) / 1000, solve: (t3 - t2) / 1000 },
  };
}
