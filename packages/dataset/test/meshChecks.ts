/** Independent checks of triangle meshes used by the mesh tests. */

/** Directed edges (a → b) that are not matched by as many (b → a): empty for a closed (watertight) mesh. */
export function unmatchedEdges(indices: ArrayLike<number>, keyOf: (v: number) => number = (v) => v): number {
  const count = new Map<string, number>();
  for (let i = 0; i < indices.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const a = keyOf(indices[i + k]!);
      const b = keyOf(indices[i + ((k + 1) % 3)]!);
      count.set(`${a},${b}`, (count.get(`${a},${b}`) ?? 0) + 1);
    }
  }
  let bad = 0;
  for (const [key, c] of count) {
    const [a, b] = key.split(",");
    if ((count.get(`${b},${a}`) ?? 0) !== c) bad++;
  }
  return bad;
}

/** A number naming a quantized position (components within ±2^16). */
export function positionKey(q: Int32Array, v: number): number {
  return (q[3 * v]! + 65536) * 2 ** 34 + (q[3 * v + 1]! + 65536) * 2 ** 17 + (q[3 * v + 2]! + 65536);
}
