/**
 * Minimises ½ xᵀ A x − bᵀ x subject to lower <= x <= upper by cyclic coordinate descent (projected
 * Gauss–Seidel), for the sign-constrained ridge fits (SPEC.md F6). A is symmetric positive definite, read
 * from its upper triangle; x holds the starting point and receives the solution. No allocation. Returns the
 * number of sweeps used.
 */
export function boxedQuadratic(
  n: number,
  A: Float64Array,
  strideA: number,
  offsetA: number,
  b: Float64Array,
  offsetB: number,
  lower: Float64Array,
  upper: Float64Array,
  offsetBounds: number,
  x: Float64Array,
  offsetX: number,
  maxSweeps: number,
  tolerance: number,
): number {
  for (let i = 0; i < n; i++) {
    const v = x[offsetX + i] as number;
    const lo = lower[offsetBounds + i] as number;
    const hi = upper[offsetBounds + i] as number;
    x[offsetX + i] = Math.min(Math.max(v, lo), hi);
  }
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let change = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      let s = b[offsetB + i] as number;
      for (let j = 0; j < i; j++) s -= (A[offsetA + j * strideA + i] as number) * (x[offsetX + j] as number);
      const ri = offsetA + i * strideA;
      for (let j = i + 1; j < n; j++) s -= (A[ri + j] as number) * (x[offsetX + j] as number);
      let v = s / (A[ri + i] as number);
      const lo = lower[offsetBounds + i] as number;
      const hi = upper[offsetBounds + i] as number;
      v = Math.min(Math.max(v, lo), hi);
      const old = x[offsetX + i] as number;
      change = Math.max(change, Math.abs(v - old));
      scale = Math.max(scale, Math.abs(v));
      x[offsetX + i] = v;
    }
    if (change <= tolerance * Math.max(scale, 1e-12)) return sweep;
  }
  return maxSweeps;
}
