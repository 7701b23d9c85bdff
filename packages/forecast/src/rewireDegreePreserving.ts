/**
 * The degree-preserving control (SPEC.md C1): directed double-edge swaps (Maslov–Sneppen). Two cross
 * edges a → b and c → d become a → d and c → b when that makes no self-connection and no duplicate, so
 * every neuron keeps its in-degree and out-degree. Each edge keeps its synapse count and sign on its
 * presynaptic side (the sign follows the transmitter of the sending neuron). Self-connections are kept
 * as they are. Deterministic by seed.
 */
import { createRng } from "./createRng";
import { createWiringDiagram, edgesOf, type WiringDiagram } from "./wiringDiagram";

export interface RewireOptions {
  seed: number;
  /** Swap attempts per cross edge (default 10). */
  swapsPerEdge?: number;
}

export interface RewireResult {
  diagram: WiringDiagram;
  attempted: number;
  accepted: number;
}

export function rewireDegreePreserving(d: WiringDiagram, options: RewireOptions): RewireResult {
  const n = d.names.length;
  const all = edgesOf(d);
  const cross: number[] = [];
  for (let e = 0; e < all.pre.length; e++) if (all.pre[e] !== all.post[e]) cross.push(e);
  const m = cross.length;
  const pre = Int32Array.from(cross, (e) => all.pre[e] as number);
  const post = Int32Array.from(cross, (e) => all.post[e] as number);
  const key = (a: number, b: number) => a * n + b;
  const present = new Set<number>();
  for (let k = 0; k < m; k++) present.add(key(pre[k] as number, post[k] as number));
  const rng = createRng(options.seed);
  const attempts = m < 2 ? 0 : Math.round((options.swapsPerEdge ?? 10) * m);
  let accepted = 0;
  for (let s = 0; s < attempts; s++) {
    const e1 = rng.int(m);
    const e2 = rng.int(m);
    const a = pre[e1] as number;
    const b = post[e1] as number;
    const c = pre[e2] as number;
    const dd = post[e2] as number;
    if (a === c || b === dd || a === dd || c === b) continue;
    if (present.has(key(a, dd)) || present.has(key(c, b))) continue;
    present.delete(key(a, b));
    present.delete(key(c, dd));
    present.add(key(a, dd));
    present.add(key(c, b));
    post[e1] = dd;
    post[e2] = b;
    accepted++;
  }
  for (let k = 0; k < m; k++) all.post[cross[k] as number] = post[k] as number;
  return { diagram: createWiringDiagram(d.names, all), attempted: attempts, accepted };
}
