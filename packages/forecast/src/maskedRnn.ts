/**
 * The masked rate RNN (SPEC.md F9): the observed activity y is the state of a leaky rate network whose
 * recurrent weights exist only on wiring-diagram edges,
 *   y_i(h+1) = y_i(h) + a_i (z_i(h) − y_i(h)),   z_i = b_i + d_i φ(y_i) + Σ_{j ∈ pre(i)} W_ij φ(y_j),
 * φ = tanh, a_i = σ(θ_i). A forecast starts from the last context frame and runs freely for the horizon.
 * Parameters are one Float64Array [W (edges) | d (N) | b (N) | θ (N)]. Forward and backward passes
 * (backpropagation through time of the mean squared error) write into caller-provided buffers.
 */
import type { Forecaster } from "./forecaster";
import type { Series } from "./series";

export interface RnnShape {
  neurons: number;
  /** Cross inputs, CSR by post. */
  inPtr: Int32Array;
  pre: Int32Array;
}

export function rnnParamCount(shape: RnnShape): number {
  return shape.pre.length + 3 * shape.neurons;
}

/** Starts near the last-value forecaster: W = 0, d = 1, b = 0, a = 0.5. */
export function initRnnParams(shape: RnnShape, params: Float64Array): void {
  const m = shape.pre.length;
  const N = shape.neurons;
  params.fill(0, 0, m);
  params.fill(1, m, m + N);
  params.fill(0, m + N, m + 3 * N);
}

export interface RnnBuffers {
  /** States y(0..H), [(H+1), N]. */
  Y: Float64Array;
  /** φ(y(0..H−1)), [H, N]. */
  Phi: Float64Array;
  /** z(0..H−1), [H, N]. */
  Z: Float64Array;
  gY: Float64Array;
  gPrev: Float64Array;
  gPhi: Float64Array;
}

export function createRnnBuffers(neurons: number, horizon: number): RnnBuffers {
  return {
    Y: new Float64Array((horizon + 1) * neurons),
    Phi: new Float64Array(horizon * neurons),
    Z: new Float64Array(horizon * neurons),
    gY: new Float64Array(neurons),
    gPrev: new Float64Array(neurons),
    gPhi: new Float64Array(neurons),
  };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Runs H steps from y0 = data[offsetY0 .. offsetY0 + N). */
export function rnnForward(
  shape: RnnShape,
  params: Float64Array,
  H: number,
  y0: Float32Array | Float64Array,
  offsetY0: number,
  buf: RnnBuffers,
): void {
  const { neurons: N, inPtr, pre } = shape;
  const m = pre.length;
  const { Y, Phi, Z } = buf;
  for (let i = 0; i < N; i++) Y[i] = y0[offsetY0 + i] as number;
  for (let h = 0; h < H; h++) {
    const yr = h * N;
    for (let i = 0; i < N; i++) Phi[yr + i] = Math.tanh(Y[yr + i] as number);
    for (let i = 0; i < N; i++) {
      let z = (params[m + N + i] as number) + (params[m + i] as number) * (Phi[yr + i] as number);
      for (let e = inPtr[i] as number; e < (inPtr[i + 1] as number); e++) {
        z += (params[e] as number) * (Phi[yr + (pre[e] as number)] as number);
      }
      Z[yr + i] = z;
      const a = sigmoid(params[m + 2 * N + i] as number);
      const y = Y[yr + i] as number;
      Y[yr + N + i] = y + a * (z - y);
    }
  }
}

/**
 * Backpropagation through time of L = (1 / (H·N)) Σ_h Σ_i (y_i(h) − target_i(h))², h = 1..H, where
 * target_i(h) = target[offsetTarget + (h − 1)·N + i]; adds ∂L/∂params into grads and returns L.
 * Call after rnnForward with the same params.
 */
export function rnnBackward(
  shape: RnnShape,
  params: Float64Array,
  H: number,
  target: Float32Array | Float64Array,
  offsetTarget: number,
  buf: RnnBuffers,
  grads: Float64Array,
): number {
  const { neurons: N, inPtr, pre } = shape;
  const m = pre.length;
  const { Y, Phi, Z, gPhi } = buf;
  let gY = buf.gY;
  let gPrev = buf.gPrev;
  gY.fill(0);
  const scale = 2 / (H * N);
  let loss = 0;
  for (let h = H - 1; h >= 0; h--) {
    const yr = h * N;
    for (let i = 0; i < N; i++) {
      const err = (Y[yr + N + i] as number) - (target[offsetTarget + h * N + i] as number);
      loss += err * err;
      gY[i] = (gY[i] as number) + scale * err;
    }
    gPhi.fill(0);
    for (let i = 0; i < N; i++) {
      const a = sigmoid(params[m + 2 * N + i] as number);
      const g = gY[i] as number;
      const gz = g * a;
      const y = Y[yr + i] as number;
      grads[m + 2 * N + i] = (grads[m + 2 * N + i] as number) + g * ((Z[yr + i] as number) - y) * a * (1 - a);
      grads[m + N + i] = (grads[m + N + i] as number) + gz;
      grads[m + i] = (grads[m + i] as number) + gz * (Phi[yr + i] as number);
      gPhi[i] = (gPhi[i] as number) + gz * (params[m + i] as number);
      for (let e = inPtr[i] as number; e < (inPtr[i + 1] as number); e++) {
        const j = pre[e] as number;
        grads[e] = (grads[e] as number) + gz * (Phi[yr + j] as number);
        gPhi[j] = (gPhi[j] as number) + gz * (params[e] as number);
      }
      gPrev[i] = g * (1 - a);
    }
    for (let j = 0; j < N; j++) {
      const p = Phi[yr + j] as number;
      gPrev[j] = (gPrev[j] as number) + (gPhi[j] as number) * (1 - p * p);
    }
    const t = gY;
    gY = gPrev;
    gPrev = t;
  }
  return loss / (H * N);
}

/** A forecaster running the RNN from the last context frame. */
export function createRnnForecaster(
  shape: RnnShape,
  params: Float64Array,
  context: number,
  horizon: number,
): Forecaster {
  const buf = createRnnBuffers(shape.neurons, horizon);
  return {
    context,
    horizon,
    predict(series: Series, end: number, out: Float64Array) {
      const N = series.neurons;
      rnnForward(shape, params, horizon, series.data, (end - 1) * N, buf);
      for (let k = 0; k < horizon * N; k++) out[k] = buf.Y[N + k] as number;
    },
  };
}
