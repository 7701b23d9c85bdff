/**
 * A synthetic signed wiring diagram for the simulator (SPEC.md SIM2): every neuron receives about
 * `meanInputs` inputs, drawn without replacement with probability proportional to a log-normal "hub"
 * weight of the presynaptic neuron (so out-degrees are heterogeneous, as in real connectomes, and the
 * degree-preserving control differs from the random one); synapse counts are 1 + geometric; each neuron is
 * excitatory or inhibitory for all its outputs (Dale's law). Deterministic by seed.
 */
import { createRng } from "./createRng";
import { createWiringDiagram, type WiringDiagram } from "./wiringDiagram";

export interface RandomDiagramOptions {
  neurons: number;
  meanInputs: number;
  seed: number;
  excitatoryFraction?: number;
  /** σ of the log-normal hub weights (0: uniform). */
  hubSpread?: number;
}

export function createRandomDiagram(options: RandomDiagramOptions): WiringDiagram {
  const { neurons: n, meanInputs, seed } = options;
  if (meanInputs >= n)
    throw new Error(`createRandomDiagram: ${meanInputs} inputs need more than ${n} neurons`);
  const rng = createRng(seed);
  const hub = new Float64Array(n);
  const sign = new Int8Array(n);
  const spread = options.hubSpread ?? 1;
  for (let j = 0; j < n; j++) {
    hub[j] = Math.exp(spread * rng.normal());
    sign[j] = rng.uniform() < (options.excitatoryFraction ?? 0.8) ? 1 : -1;
  }
  const pre: number[] = [];
  const post: number[] = [];
  const count: number[] = [];
  const sgn: number[] = [];
  const chosen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // In-degree: meanInputs ± 50 %, at least 1.
    const k = Math.max(1, Math.min(n - 1, Math.round(meanInputs * (0.5 + rng.uniform()))));
    chosen.fill(0);
    chosen[i] = 1;
    let total = 0;
    for (let j = 0; j < n; j++) if (j !== i) total += hub[j] as number;
    for (let c = 0; c < k; c++) {
      let r = rng.uniform() * total;
      let j = 0;
      for (; j < n; j++) {
        if (chosen[j]) continue;
        r -= hub[j] as number;
        if (r <= 0) break;
      }
      if (j >= n) for (j = n - 1; chosen[j]; j--);
      chosen[j] = 1;
      total -= hub[j] as number;
      pre.push(j);
      post.push(i);
      let syn = 1;
      while (rng.uniform() < 0.6 && syn < 40) syn++;
      count.push(syn);
      sgn.push(sign[j] as number);
    }
  }
  const names = Array.from({ length: n }, (_, i) => `n${i}`);
  return createWiringDiagram(names, {
    pre: Int32Array.from(pre),
    post: Int32Array.from(post),
    count: Float32Array.from(count),
    sign: Int8Array.from(sgn),
  });
}
