/**
 * The per-neuron ridge autoregression kernel (SPEC.md F5–F7), shared by worker threads and in-thread fits.
 * For neuron i with own-lag order p and inputs j ∈ pre(i) (cross edges of the wiring diagram):
 *   x_i(t+1) = Σ_{k<p} a_k x_i(t−k) + Σ_j w_j x_j(t) + c
 * The Gram matrix of the features at the largest lag P is built once from dot products over the training
 * frames (each feature is a shifted copy of one neuron's series, so every dot product runs along contiguous
 * memory when the series is stored neuron-major), then every (p, λ) of the grid is solved from it:
 * Cholesky for the free fit, projected coordinate descent when edge signs are constrained.
 */
import { boxedQuadratic } from "./boxedQuadratic";
import { choleskySolveUpper, choleskyUpper } from "./cholesky";
import { ddot, dsum } from "./ddot";

export interface ArJob {
  /** Activity, x(n, t) = data[n * strideNeuron + t * strideTime]. */
  data: Float32Array;
  frames: number;
  neurons: number;
  strideNeuron: number;
  strideTime: number;
  /** Training frames as [lo, hi) pairs. */
  ranges: Int32Array;
  /** Cross inputs as CSR by post (no self-edges). */
  inPtr: Int32Array;
  pre: Int32Array;
  /** Per-edge multiplier of the ridge penalty (scaling by synapse count), or null for 1. */
  penalty: Float64Array | null;
  /** Per-edge sign constraint (+1: w >= 0, −1: w <= 0, 0: free), or null for none. */
  sign: Int8Array | null;
  /** Own-lag orders of the grid (each >= 1). */
  lags: Int32Array;
  /** Ridge strengths of the grid, relative to `penaltyScale`. */
  lambdas: Float64Array;
  /** Diagonal penalty = λ · penaltyScale (· penalty[e] for an input edge). */
  penaltyScale: number;
  /** Output: weights of every grid point; see arWeightOffset. */
  weights: Float64Array;
  /** Start of each grid point's block in `weights` (grid point c = lagIndex · lambdas.length + lambdaIndex). */
  comboBase: Float64Array;
}

/** Offset of neuron i's weights [a_0..a_{p−1}, w_1..w_d, c] in grid point `combo` with lag p. */
export function arWeightOffset(
  job: Pick<ArJob, "comboBase" | "inPtr">,
  combo: number,
  p: number,
  i: number,
): number {
  return (job.comboBase[combo] as number) + i * (p + 1) + (job.inPtr[i] as number);
}

/** Allocates the grid's weight layout: comboBase and the total length. */
export function createArLayout(
  neurons: number,
  edges: number,
  lags: Int32Array,
  lambdas: number,
): { comboBase: Float64Array; length: number } {
  const comboBase = new Float64Array(lags.length * lambdas);
  let total = 0;
  for (let l = 0; l < lags.length; l++) {
    for (let m = 0; m < lambdas; m++) {
      comboBase[l * lambdas + m] = total;
      total += neurons * ((lags[l] as number) + 1) + edges;
    }
  }
  return { comboBase, length: total };
}

export interface ArScratch {
  G: Float64Array;
  A: Float64Array;
  U: Float64Array;
  b: Float64Array;
  x: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  colNeuron: Int32Array;
  colShift: Int32Array;
  maxFeatures: number;
}

/** Scratch for neurons with at most `maxInputs` inputs and lag `maxLag`. */
export function createArScratch(maxLag: number, maxInputs: number): ArScratch {
  const F = maxLag + maxInputs + 1;
  const Fa = F + 1;
  return {
    G: new Float64Array(Fa * Fa),
    A: new Float64Array(F * F),
    U: new Float64Array(F * F),
    b: new Float64Array(F),
    x: new Float64Array(F),
    lower: new Float64Array(F),
    upper: new Float64Array(F),
    colNeuron: new Int32Array(Fa),
    colShift: new Int32Array(Fa),
    maxFeatures: F,
  };
}

/** Largest lag of the grid. */
export function maxLagOf(lags: Int32Array): number {
  let P = 1;
  for (const p of lags) P = Math.max(P, p);
  return P;
}

/** Gram column of the k-th feature at lag p: own lags 0..p−1, then inputs P..P+d−1, then the bias P+d. */
function selectColumn(k: number, p: number, d: number, P: number): number {
  return k < p ? k : k < p + d ? P + (k - p) : P + d;
}

/** Fits neurons [i0, i1) for every grid point, writing into job.weights. Allocates nothing. */
export function fitArNeurons(job: ArJob, scratch: ArScratch, i0: number, i1: number): void {
  const { data, strideNeuron: sN, strideTime: sT, ranges, inPtr, pre, lags, lambdas } = job;
  const P = maxLagOf(lags);
  const { G, A, U, b, x, lower, upper, colNeuron, colShift } = scratch;
  for (let i = i0; i < i1; i++) {
    const e0 = inPtr[i] as number;
    const d = (inPtr[i + 1] as number) - e0;
    const F = P + d + 1;
    if (F > scratch.maxFeatures)
      throw new Error(
        `fitArNeurons: neuron ${i} has ${d} inputs, scratch holds ${scratch.maxFeatures - P - 1}`,
      );
    const Fa = F + 1;
    const bias = P + d;
    const target = F;
    // Columns: own lags, inputs, bias (no series), target.
    for (let k = 0; k < P; k++) {
      colNeuron[k] = i;
      colShift[k] = -k;
    }
    for (let k = 0; k < d; k++) {
      colNeuron[P + k] = pre[e0 + k] as number;
      colShift[P + k] = 0;
    }
    colNeuron[bias] = -1;
    colNeuron[target] = i;
    colShift[target] = 1;
    G.fill(0, 0, Fa * Fa);
    for (let r = 0; r < ranges.length; r += 2) {
      const t0 = (ranges[r] as number) + P - 1;
      const t1 = (ranges[r + 1] as number) - 2;
      const len = t1 - t0 + 1;
      if (len <= 0) continue;
      for (let a = 0; a < Fa; a++) {
        const na = colNeuron[a] as number;
        const oa = na * sN + (t0 + (colShift[a] as number)) * sT;
        for (let c = a; c < Fa; c++) {
          const nc = colNeuron[c] as number;
          let v: number;
          if (na < 0 && nc < 0) v = len;
          else if (na < 0) v = dsum(len, data, sT, nc * sN + (t0 + (colShift[c] as number)) * sT);
          else if (nc < 0) v = dsum(len, data, sT, oa);
          else v = ddot(len, data, sT, oa, data, sT, nc * sN + (t0 + (colShift[c] as number)) * sT);
          G[a * Fa + c] = (G[a * Fa + c] as number) + v;
        }
      }
    }
    let constrained = false;
    if (job.sign !== null) for (let k = 0; k < d; k++) if (job.sign[e0 + k] !== 0) constrained = true;
    for (let l = 0; l < lags.length; l++) {
      const p = lags[l] as number;
      const Fp = p + d + 1;
      for (let m = 0; m < lambdas.length; m++) {
        const penalty = (lambdas[m] as number) * job.penaltyScale;
        for (let r = 0; r < Fp; r++) {
          const sr = selectColumn(r, p, d, P);
          for (let c = r; c < Fp; c++) {
            const sc = selectColumn(c, p, d, P);
            A[r * Fp + c] = sr <= sc ? (G[sr * Fa + sc] as number) : (G[sc * Fa + sr] as number);
          }
          b[r] = G[sr * Fa + target] as number;
          let pen = 0;
          if (r < p) pen = penalty;
          else if (r < p + d)
            pen = penalty * (job.penalty === null ? 1 : (job.penalty[e0 + r - p] as number));
          A[r * Fp + r] = (A[r * Fp + r] as number) + pen;
          const s = r >= p && r < p + d && job.sign !== null ? (job.sign[e0 + r - p] as number) : 0;
          lower[r] = s > 0 ? 0 : Number.NEGATIVE_INFINITY;
          upper[r] = s < 0 ? 0 : Number.POSITIVE_INFINITY;
        }
        U.set(A.subarray(0, Fp * Fp));
        const out = arWeightOffset(job, l * lambdas.length + m, p, i);
        if (choleskyUpper(Fp, U, Fp, 0)) {
          for (let r = 0; r < Fp; r++) x[r] = b[r] as number;
          choleskySolveUpper(Fp, U, Fp, 0, x, 1, 0);
          if (constrained) boxedQuadratic(Fp, A, Fp, 0, b, 0, lower, upper, 0, x, 0, 500, 1e-10);
        } else {
          // Degenerate (e.g. no samples or a constant neuron with λ = 0): predict the training mean.
          x.fill(0, 0, Fp);
          const n = A[(Fp - 1) * Fp + Fp - 1] as number;
          x[Fp - 1] = n > 0 ? (b[Fp - 1] as number) / n : 0;
        }
        for (let r = 0; r < Fp; r++) job.weights[out + r] = x[r] as number;
      }
    }
  }
}
