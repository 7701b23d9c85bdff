/**
 * The equal-density control (SPEC.md C2): as many distinct cross edges as the diagram has, placed
 * uniformly at random among all ordered pairs i ≠ j; the true edges' synapse counts and signs are dealt
 * to the new edges in a random order. Self-connections are kept. Deterministic by seed.
 */
import { createRng } from "./createRng";
import { createWiringDiagram, edgesOf, type WiringDiagram } from "./wiringDiagram";

export function randomEqualDensity(d: WiringDiagram, seed: number): WiringDiagram {
  const n = d.names.length;
  const all = edgesOf(d);
  const cross: number[] = [];
  const self: number[] = [];
  for (let e = 0; e < all.pre.length; e++) (all.pre[e] === all.post[e] ? self : cross).push(e);
  const m = cross.length;
  if (m > n * (n - 1)) throw new Error(`randomEqualDensity: ${m} edges do not fit among ${n} neurons`);
  const rng = createRng(seed);
  // Shuffle the attributes (Fisher–Yates over the cross edges' indices).
  const order = Int32Array.from(cross);
  for (let k = m - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    const t = order[k] as number;
    order[k] = order[j] as number;
    order[j] = t;
  }
  const present = new Set<number>();
  const total = m + self.length;
  const out = {
    pre: new Int32Array(total),
    post: new Int32Array(total),
    count: new Float32Array(total),
    sign: new Int8Array(total),
  };
  let k = 0;
  while (k < m) {
    const a = rng.int(n);
    const b = rng.int(n);
    if (a === b || present.has(a * n + b)) continue;
    present.add(a * n + b);
    const src = order[k] as number;
    out.pre[k] = a;
    out.post[k] = b;
    out.count[k] = all.count[src] as number;
    out.sign[k] = all.sign[src] as number;
    k++;
  }
  for (const e of self) {
    out.pre[k] = all.pre[e] as number;
    out.post[k] = all.post[e] as number;
    out.count[k] = all.count[e] as number;
    out.sign[k] = all.sign[e] as number;
    k++;
  }
  return createWiringDiagram(d.names, out);
}

/** The self-connections-only control (SPEC.md C3): no cross edge, each neuron predicted from its own past. */
export function selfOnly(d: WiringDiagram): WiringDiagram {
  const all = edgesOf(d);
  const keep: number[] = [];
  for (let e = 0; e < all.pre.length; e++) if (all.pre[e] === all.post[e]) keep.push(e);
  return createWiringDiagram(d.names, {
    pre: Int32Array.from(keep, (e) => all.pre[e] as number),
    post: Int32Array.from(keep, (e) => all.post[e] as number),
    count: Float32Array.from(keep, (e) => all.count[e] as number),
    sign: Int8Array.from(keep, (e) => all.sign[e] as number),
  });
}
