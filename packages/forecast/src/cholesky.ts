/**
 * Cholesky factorisation and solves on strided row-major storage, no allocation (stdlib-js style).
 * A symmetric positive definite n × n matrix is read from its upper triangle and overwritten by U with
 * A = Uᵀ U (right-looking, so every inner loop runs along a contiguous row).
 */

/** Factors A (upper triangle) in place into U. Returns false when A is not positive definite. */
export function choleskyUpper(n: number, A: Float64Array, strideA: number, offsetA: number): boolean {
  for (let k = 0; k < n; k++) {
    const rk = offsetA + k * strideA;
    const pivot = A[rk + k] as number;
    if (!(pivot > 0)) return false;
    const ukk = Math.sqrt(pivot);
    A[rk + k] = ukk;
    const inv = 1 / ukk;
    for (let j = k + 1; j < n; j++) A[rk + j] = (A[rk + j] as number) * inv;
    for (let i = k + 1; i < n; i++) {
      const uki = A[rk + i] as number;
      if (uki === 0) continue;
      const ri = offsetA + i * strideA;
      for (let j = i; j < n; j++) A[ri + j] = (A[ri + j] as number) - uki * (A[rk + j] as number);
    }
  }
  return true;
}

/** Solves Uᵀ U x = b for one right-hand side in place (x overwrites b). */
export function choleskySolveUpper(
  n: number,
  U: Float64Array,
  strideU: number,
  offsetU: number,
  b: Float64Array,
  strideB: number,
  offsetB: number,
): void {
  // Uᵀ y = b, column-oriented on U's rows.
  for (let k = 0; k < n; k++) {
    const rk = offsetU + k * strideU;
    const yk = (b[offsetB + k * strideB] as number) / (U[rk + k] as number);
    b[offsetB + k * strideB] = yk;
    for (let i = k + 1; i < n; i++) {
      b[offsetB + i * strideB] = (b[offsetB + i * strideB] as number) - (U[rk + i] as number) * yk;
    }
  }
  // U x = y.
  for (let i = n - 1; i >= 0; i--) {
    const ri = offsetU + i * strideU;
    let s = b[offsetB + i * strideB] as number;
    for (let j = i + 1; j < n; j++) s -= (U[ri + j] as number) * (b[offsetB + j * strideB] as number);
    b[offsetB + i * strideB] = s / (U[ri + i] as number);
  }
}

/** Solves Uᵀ U X = B for an n × m row-major block B in place (row operations, contiguous along m). */
export function choleskySolveRows(
  n: number,
  m: number,
  U: Float64Array,
  strideU: number,
  offsetU: number,
  B: Float64Array,
  strideB: number,
  offsetB: number,
): void {
  for (let k = 0; k < n; k++) {
    const rk = offsetU + k * strideU;
    const bk = offsetB + k * strideB;
    const inv = 1 / (U[rk + k] as number);
    for (let q = 0; q < m; q++) B[bk + q] = (B[bk + q] as number) * inv;
    for (let i = k + 1; i < n; i++) {
      const u = U[rk + i] as number;
      if (u === 0) continue;
      const bi = offsetB + i * strideB;
      for (let q = 0; q < m; q++) B[bi + q] = (B[bi + q] as number) - u * (B[bk + q] as number);
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const rk = offsetU + k * strideU;
    const bk = offsetB + k * strideB;
    const inv = 1 / (U[rk + k] as number);
    for (let q = 0; q < m; q++) B[bk + q] = (B[bk + q] as number) * inv;
    for (let i = 0; i < k; i++) {
      const u = U[offsetU + i * strideU + k] as number;
      if (u === 0) continue;
      const bi = offsetB + i * strideB;
      for (let q = 0; q < m; q++) B[bi + q] = (B[bi + q] as number) - u * (B[bk + q] as number);
    }
  }
}
