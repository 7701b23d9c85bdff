/**
 * G += Zᵀ Z on the upper triangle (G[a, b] for b >= a), for an M × F block Z; BLAS dsyrk in the stdlib-js
 * style: explicit sizes, strides and offsets, no allocation. Row-by-row rank-1 updates keep the inner loop
 * contiguous when Z is row-major (strideZcol = 1) and G is row-major (strideGcol = 1).
 */
export function syrkUpper(
  M: number,
  F: number,
  Z: Float64Array,
  strideZrow: number,
  strideZcol: number,
  offsetZ: number,
  G: Float64Array,
  strideGrow: number,
  strideGcol: number,
  offsetG: number,
): void {
  for (let r = 0; r < M; r++) {
    const zr = offsetZ + r * strideZrow;
    for (let a = 0; a < F; a++) {
      const za = Z[zr + a * strideZcol] as number;
      if (za === 0) continue;
      let g = offsetG + a * strideGrow + a * strideGcol;
      let z = zr + a * strideZcol;
      for (let b = a; b < F; b++) {
        G[g] = (G[g] as number) + za * (Z[z] as number);
        g += strideGcol;
        z += strideZcol;
      }
    }
  }
}

/** C += Aᵀ B for an M × P block A and an M × Q block B (C is P × Q); no allocation. */
export function gemmTransA(
  M: number,
  P: number,
  Q: number,
  A: Float64Array | Float32Array,
  strideArow: number,
  offsetA: number,
  B: Float64Array | Float32Array,
  strideBrow: number,
  offsetB: number,
  C: Float64Array,
  strideCrow: number,
  offsetC: number,
): void {
  for (let r = 0; r < M; r++) {
    const ar = offsetA + r * strideArow;
    const br = offsetB + r * strideBrow;
    for (let p = 0; p < P; p++) {
      const a = A[ar + p] as number;
      if (a === 0) continue;
      const c = offsetC + p * strideCrow;
      for (let q = 0; q < Q; q++) C[c + q] = (C[c + q] as number) + a * (B[br + q] as number);
    }
  }
}
