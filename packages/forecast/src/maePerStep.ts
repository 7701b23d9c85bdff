/**
 * The ZAPBench error of one forecast window (SPEC.md Z6): for each step h < H,
 *   out[h] += (1/N) Σ_n |pred[h, n] − target[h, n]|
 * i.e. the mean over neurons of the absolute error, added into an accumulator so that a caller can then
 * average over a condition's windows. Strided, no allocation.
 */
export function maePerStep(
  H: number,
  N: number,
  pred: Float64Array | Float32Array,
  stridePredStep: number,
  stridePredNeuron: number,
  offsetPred: number,
  target: Float64Array | Float32Array,
  strideTargetStep: number,
  strideTargetNeuron: number,
  offsetTarget: number,
  out: Float64Array,
  strideOut: number,
  offsetOut: number,
): void {
  for (let h = 0; h < H; h++) {
    let p = offsetPred + h * stridePredStep;
    let t = offsetTarget + h * strideTargetStep;
    let sum = 0;
    for (let n = 0; n < N; n++) {
      sum += Math.abs((pred[p] as number) - (target[t] as number));
      p += stridePredNeuron;
      t += strideTargetNeuron;
    }
    const o = offsetOut + h * strideOut;
    out[o] = (out[o] as number) + sum / N;
  }
}
