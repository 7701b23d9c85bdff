/** Append-only typed arrays that double their capacity (the `create*`-side allocation of the meshing kernels). */

export interface GrowableUint32 {
  data: Uint32Array;
  length: number;
}

export function createGrowableUint32(capacity = 1024): GrowableUint32 {
  return { data: new Uint32Array(Math.max(16, capacity)), length: 0 };
}

export function reserveUint32(g: GrowableUint32, extra: number): void {
  if (g.length + extra <= g.data.length) return;
  let cap = g.data.length * 2;
  while (cap < g.length + extra) cap *= 2;
  const next = new Uint32Array(cap);
  next.set(g.data.subarray(0, g.length));
  g.data = next;
}

export function pushUint32(g: GrowableUint32, v: number): void {
  if (g.length === g.data.length) reserveUint32(g, 1);
  g.data[g.length++] = v;
}

/** A copy of the filled part. */
export function finishUint32(g: GrowableUint32): Uint32Array {
  return g.data.slice(0, g.length);
}

export interface GrowableInt32 {
  data: Int32Array;
  length: number;
}

export function createGrowableInt32(capacity = 1024): GrowableInt32 {
  return { data: new Int32Array(Math.max(16, capacity)), length: 0 };
}

export function pushInt32(g: GrowableInt32, v: number): void {
  if (g.length === g.data.length) {
    const next = new Int32Array(g.data.length * 2);
    next.set(g.data);
    g.data = next;
  }
  g.data[g.length++] = v;
}
