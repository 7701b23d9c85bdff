/** Dot product and sum over strided vectors (BLAS ddot / dasum-style without abs), no allocation. */
export function ddot(
  N: number,
  x: Float32Array | Float64Array,
  strideX: number,
  offsetX: number,
  y: Float32Array | Float64Array,
  strideY: number,
  offsetY: number,
): number {
  let s0 = 0;
  let s1 = 0;
  if (strideX === 1 && strideY === 1) {
    const m = N - (N % 2);
    let i = 0;
    for (; i < m; i += 2) {
      s0 += (x[offsetX + i] as number) * (y[offsetY + i] as number);
      s1 += (x[offsetX + i + 1] as number) * (y[offsetY + i + 1] as number);
    }
    if (i < N) s0 += (x[offsetX + i] as number) * (y[offsetY + i] as number);
    return s0 + s1;
  }
  let ix = offsetX;
  let iy = offsetY;
  for (let i = 0; i < N; i++) {
    s0 += (x[ix] as number) * (y[iy] as number);
    ix += strideX;
    iy += strideY;
  }
  return s0;
}

export function dsum(N: number, x: Float32Array | Float64Array, strideX: number, offsetX: number): number {
  let s = 0;
  let ix = offsetX;
  for (let i = 0; i < N; i++) {
    s += x[ix] as number;
    ix += strideX;
  }
  return s;
}
