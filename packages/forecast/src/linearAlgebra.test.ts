import { describe, expect, it } from "vitest";
import { boxedQuadratic } from "./boxedQuadratic";
import { choleskySolveRows, choleskySolveUpper, choleskyUpper } from "./cholesky";
import { ddot, dsum } from "./ddot";
import { gemmTransA, syrkUpper } from "./syrkUpper";

describe("linear algebra kernels", () => {
  // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]] (upper triangle stored, row stride 4 with an offset of 1).
  const packed = () => Float64Array.from([9, 4, 2, 0, 9, 9, 5, 1, 9, 9, 9, 3, 9]);

  it("[F6] Cholesky solves for one and for many right-hand sides", () => {
    const U = packed();
    expect(choleskyUpper(3, U, 4, 1)).toBe(true);
    // x = [1, −1, 2] → b = A x = [2, −1, 5]
    const b = Float64Array.from([2, -1, 5]);
    choleskySolveUpper(3, U, 4, 1, b, 1, 0);
    expect(Array.from(b).map((v) => Number(v.toFixed(12)))).toEqual([1, -1, 2]);
    // Two right-hand sides as columns: A·[1, −1, 2] = [2, −1, 5] and A·[1, 1, 1] = [6, 8, 4].
    const B = Float64Array.from([2, 6, -1, 8, 5, 4]);
    choleskySolveRows(3, 2, U, 4, 1, B, 2, 0);
    expect(Array.from(B).map((v) => Number(v.toFixed(12)))).toEqual([1, 1, -1, 1, 2, 1]);
    expect(choleskyUpper(2, Float64Array.from([1, 2, 0, 1]), 2, 0)).toBe(false);
  });

  it("[F6] syrk and gemm accumulate Zᵀ Z and Aᵀ B; ddot and dsum honour strides", () => {
    const Z = Float64Array.from([1, 2, 3, 4]); // 2 × 2
    const G = new Float64Array(4);
    syrkUpper(2, 2, Z, 2, 1, 0, G, 2, 1, 0);
    expect(Array.from(G)).toEqual([10, 14, 0, 20]);
    const C = new Float64Array(2);
    gemmTransA(2, 2, 1, Z, 2, 0, Float64Array.from([1, -1]), 1, 0, C, 1, 0);
    expect(Array.from(C)).toEqual([-2, -2]);
    expect(ddot(3, Float32Array.from([1, 9, 2, 9, 3]), 2, 0, Float64Array.from([4, 5, 6]), 1, 0)).toBe(32);
    expect(ddot(5, Float64Array.from([1, 2, 3, 4, 5]), 1, 0, Float64Array.from([1, 1, 1, 1, 1]), 1, 0)).toBe(
      15,
    );
    expect(dsum(2, Float64Array.from([5, 0, 7]), 2, 0)).toBe(12);
  });

  it("[F7] the boxed quadratic solver finds the constrained minimum", () => {
    // minimise ½xᵀAx − bᵀx with A = I: x = clamp(b). With coupling, check the KKT conditions.
    const A = Float64Array.from([2, 1, 0, 2]);
    const b = Float64Array.from([-1, 3]);
    const x = new Float64Array(2);
    const lower = Float64Array.from([0, Number.NEGATIVE_INFINITY]);
    const upper = Float64Array.from([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
    boxedQuadratic(2, A, 2, 0, b, 0, lower, upper, 0, x, 0, 200, 1e-12);
    // Unconstrained x = A⁻¹b = [−5/3, 7/3] violates x0 >= 0; constrained: x0 = 0, x1 = 3/2.
    expect(x[0]).toBe(0);
    expect(x[1]).toBeCloseTo(1.5, 10);
    // Gradient of the free coordinate vanishes; the clamped one points outwards.
    expect(2 * (x[1] as number) + (x[0] as number) - 3).toBeCloseTo(0, 10);
    expect(2 * (x[0] as number) + (x[1] as number) - -1).toBeGreaterThan(0);
  });
});
