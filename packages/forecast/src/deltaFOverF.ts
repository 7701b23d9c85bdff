/**
 * ΔF/F as ZAPBench computes it (SPEC.md SIM4): the baseline F₀(t) is the 8th percentile of F over the frames
 * within ±400 of t (the window is cut at the ends of the recording; percentiles interpolate linearly between
 * order statistics, as numpy.percentile does), ΔF/F = (F − F₀) / F₀, clipped to [−0.25, 1.5]. The window is
 * kept sorted as it slides, so each frame costs one insertion and one removal.
 */
import { ZAPBENCH_DFF_CLIP, ZAPBENCH_DFF_HALF_WINDOW, ZAPBENCH_DFF_PERCENTILE } from "./zapbench";

export interface DffScratch {
  sorted: Float64Array;
  halfWindow: number;
}

export function createDffScratch(halfWindow: number = ZAPBENCH_DFF_HALF_WINDOW): DffScratch {
  return { sorted: new Float64Array(2 * halfWindow + 1), halfWindow };
}

export interface DffParameters {
  percentile: number;
  clipLow: number;
  clipHigh: number;
}

export const ZAPBENCH_DFF: DffParameters = {
  percentile: ZAPBENCH_DFF_PERCENTILE,
  clipLow: ZAPBENCH_DFF_CLIP[0],
  clipHigh: ZAPBENCH_DFF_CLIP[1],
};

/** First index in sorted[0, len) whose value is >= v. */
function lowerBound(sorted: Float64Array, len: number, v: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(sorted: Float64Array, len: number, v: number): number {
  const at = lowerBound(sorted, len, v);
  sorted.copyWithin(at + 1, at, len);
  sorted[at] = v;
  return len + 1;
}

function removeSorted(sorted: Float64Array, len: number, v: number): number {
  const at = lowerBound(sorted, len, v);
  sorted.copyWithin(at, at + 1, len);
  return len - 1;
}

/** Percentile q (0–100) of sorted[0, len) with linear interpolation. */
export function sortedPercentile(sorted: Float64Array, len: number, q: number): number {
  const pos = (q / 100) * (len - 1);
  const lo = Math.floor(pos);
  const a = sorted[lo] as number;
  if (lo + 1 >= len) return a;
  return a + (pos - lo) * ((sorted[lo + 1] as number) - a);
}

/** ΔF/F of one trace of T frames, F[offsetF + t·strideF] → out[offsetOut + t·strideOut]. No allocation. */
export function deltaFOverF(
  T: number,
  F: Float32Array | Float64Array,
  strideF: number,
  offsetF: number,
  out: Float32Array | Float64Array,
  strideOut: number,
  offsetOut: number,
  params: DffParameters,
  scratch: DffScratch,
): void {
  const { sorted, halfWindow: w } = scratch;
  let len = 0;
  for (let t = 0; t <= Math.min(T - 1, w); t++)
    len = insertSorted(sorted, len, F[offsetF + t * strideF] as number);
  for (let t = 0; t < T; t++) {
    const f0 = sortedPercentile(sorted, len, params.percentile);
    const f = F[offsetF + t * strideF] as number;
    let v = (f - f0) / f0;
    if (!(v >= params.clipLow)) v = params.clipLow;
    else if (v > params.clipHigh) v = params.clipHigh;
    out[offsetOut + t * strideOut] = v;
    const add = t + 1 + w;
    if (add < T) len = insertSorted(sorted, len, F[offsetF + add * strideF] as number);
    const drop = t - w;
    if (drop >= 0) len = removeSorted(sorted, len, F[offsetF + drop * strideF] as number);
  }
}
