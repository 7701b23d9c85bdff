/**
 * A wiring diagram as typed-array CSR indexed by the postsynaptic neuron (SPEC.md W1): the inputs of neuron
 * i are pre[inPtr[i] .. inPtr[i+1]), sorted by presynaptic index, with their synapse counts and signs
 * (+1 excitatory, −1 inhibitory, 0 unknown). Self-connections may be present; models treat them through
 * their own-lag terms.
 */
export interface WiringDiagram {
  names: string[];
  inPtr: Int32Array;
  pre: Int32Array;
  count: Float32Array;
  sign: Int8Array;
}

/** A directed edge list over neuron indices. */
export interface EdgeList {
  pre: Int32Array;
  post: Int32Array;
  count: Float32Array;
  sign: Int8Array;
}

/** Number of edges i → j with i ≠ j. */
export function countCrossEdges(d: WiringDiagram): number {
  let n = 0;
  for (let i = 0; i < d.names.length; i++) {
    for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) if (d.pre[e] !== i) n++;
  }
  return n;
}

/**
 * Builds the CSR from an edge list. Repeated (pre, post) pairs are merged: counts add, and the sign is the
 * one non-zero sign among them (0 when they disagree). Throws naming an out-of-range index.
 */
export function createWiringDiagram(names: string[], edges: EdgeList): WiringDiagram {
  const n = names.length;
  const m = edges.pre.length;
  for (let e = 0; e < m; e++) {
    const a = edges.pre[e] as number;
    const b = edges.post[e] as number;
    if (!(a >= 0 && a < n && b >= 0 && b < n)) {
      throw new Error(`createWiringDiagram: edge ${e} (${a} → ${b}) is outside 0..${n - 1}`);
    }
  }
  const order = new Int32Array(m);
  for (let e = 0; e < m; e++) order[e] = e;
  order.sort((x, y) => {
    const d = (edges.post[x] as number) - (edges.post[y] as number);
    return d !== 0 ? d : (edges.pre[x] as number) - (edges.pre[y] as number);
  });
  const inPtr = new Int32Array(n + 1);
  const pre: number[] = [];
  const count: number[] = [];
  const sign: number[] = [];
  let lastPost = -1;
  let lastPre = -1;
  for (let k = 0; k < m; k++) {
    const e = order[k] as number;
    const a = edges.pre[e] as number;
    const b = edges.post[e] as number;
    const s = edges.sign[e] as number;
    if (a === lastPre && b === lastPost) {
      const j = pre.length - 1;
      count[j] = (count[j] as number) + (edges.count[e] as number);
      const old = sign[j] as number;
      sign[j] = old === 0 ? s : s === 0 || s === old ? old : 0;
      continue;
    }
    pre.push(a);
    count.push(edges.count[e] as number);
    sign.push(s);
    inPtr[b + 1] = (inPtr[b + 1] as number) + 1;
    lastPre = a;
    lastPost = b;
  }
  for (let i = 0; i < n; i++) inPtr[i + 1] = (inPtr[i + 1] as number) + (inPtr[i] as number);
  return {
    names: names.slice(),
    inPtr,
    pre: Int32Array.from(pre),
    count: Float32Array.from(count),
    sign: Int8Array.from(sign),
  };
}

/** The edges of a diagram as an edge list (in CSR order). */
export function edgesOf(d: WiringDiagram): EdgeList {
  const m = d.pre.length;
  const post = new Int32Array(m);
  for (let i = 0; i < d.names.length; i++) post.fill(i, d.inPtr[i] as number, d.inPtr[i + 1] as number);
  return { pre: d.pre.slice(), post, count: d.count.slice(), sign: d.sign.slice() };
}

/** In-degree and out-degree of every neuron, counting cross edges only (i ≠ j). */
export function degrees(d: WiringDiagram): { inDegree: Int32Array; outDegree: Int32Array } {
  const n = d.names.length;
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) {
      const j = d.pre[e] as number;
      if (j === i) continue;
      inDegree[i] = (inDegree[i] as number) + 1;
      outDegree[j] = (outDegree[j] as number) + 1;
    }
  }
  return { inDegree, outDegree };
}

/**
 * The inputs each model sees (SPEC.md F5): cross edges only (self-connections are covered by own lags),
 * as CSR by post with per-edge count and sign.
 */
export function crossInputs(d: WiringDiagram): WiringDiagram {
  const n = d.names.length;
  const inPtr = new Int32Array(n + 1);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) if (d.pre[e] !== i) keep.push(e);
    inPtr[i + 1] = keep.length;
  }
  const pick = <T extends Int32Array | Float32Array | Int8Array>(src: T, out: T): T => {
    for (let k = 0; k < keep.length; k++) out[k] = src[keep[k] as number] as number;
    return out;
  };
  return {
    names: d.names,
    inPtr,
    pre: pick(d.pre, new Int32Array(keep.length)),
    count: pick(d.count, new Float32Array(keep.length)),
    sign: pick(d.sign, new Int8Array(keep.length)),
  };
}

/** The complete diagram on `names` (every i → j, i ≠ j; count 1, sign 0): the dense model's "mask". */
export function completeDiagram(names: string[]): WiringDiagram {
  const n = names.length;
  const m = n * (n - 1);
  const edges: EdgeList = {
    pre: new Int32Array(m),
    post: new Int32Array(m),
    count: new Float32Array(m).fill(1),
    sign: new Int8Array(m),
  };
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      edges.pre[k] = j;
      edges.post[k] = i;
      k++;
    }
  }
  return createWiringDiagram(names, edges);
}
