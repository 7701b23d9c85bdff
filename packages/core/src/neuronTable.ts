import type { Materialized } from "./materialize";

/** The neuron table: the included roots (all with a synapse when include is null), with their counts. */
export function neuronTable(
  counterLimit: number,
  include: Uint8Array | null,
  outCount: Uint32Array,
  inCount: Uint32Array,
): Materialized["neurons"] {
  let neuronCount = 0;
  for (let c = 0; c < counterLimit; c++) {
    if (include !== null ? include[c] === 1 : outCount[c]! + inCount[c]! > 0) neuronCount++;
  }
  const nRoot = new Uint32Array(neuronCount);
  const nPre = new Uint32Array(neuronCount);
  const nPost = new Uint32Array(neuronCount);
  for (let c = 0, j = 0; c < counterLimit; c++) {
    if (include !== null ? include[c] !== 1 : outCount[c]! + inCount[c]! === 0) continue;
    nRoot[j] = c;
    nPre[j] = outCount[c]!;
    nPost[j] = inCount[c]!;
    j++;
  }
  return { root: nRoot, pre: nPre, post: nPost };
}
