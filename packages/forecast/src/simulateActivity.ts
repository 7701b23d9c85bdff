/**
 * The activity simulator (SPEC.md SIM1–SIM5): a leaky rate network on a signed wiring diagram, driven by
 * per-condition stimuli and process noise,
 *   r(t+1) = (1 − α) r(t) + α φ(g W r(t) + u_c(t) + b) + σ ε(t),   W_ij = sign_ij · count_ij / Σ_j count_ij
 * then (observation "dff") a calcium indicator c(t) = γ c(t−1) + (1 − γ) s(t) with s = max(0, (1 + r)/2),
 * fluorescence F = F₀ · bleach(t) · (1 + κ c) with shot and read noise, and ΔF/F as ZAPBench computes it.
 * With observation "rate" the rates themselves are returned (used to check weight recovery). Everything is
 * deterministic by seed.
 */
import { createRng, type Rng } from "./createRng";
import { createDffScratch, deltaFOverF, ZAPBENCH_DFF } from "./deltaFOverF";
import type { Condition } from "./protocol";
import { createSeries, type Series } from "./series";
import type { WiringDiagram } from "./wiringDiagram";

export interface SimulatedCondition {
  name: string;
  frames: number;
  heldOut?: boolean;
  /** Stimulus waveform; "none" for a dark condition. Default: by position (sine, pulses, noise, …). */
  stimulus?: "sine" | "pulses" | "noise" | "none";
}

export interface SimulationOptions {
  diagram: WiringDiagram;
  seed: number;
  conditions?: SimulatedCondition[];
  /** Leak α = dt/τ (default 0.2). */
  leak?: number;
  /** Gain g on the row-normalised weights (default 1.5; use < 1 with the linear network to keep it stable). */
  gain?: number;
  nonlinearity?: "tanh" | "linear";
  /** σ of the process noise (default 0.1). */
  processNoise?: number;
  /** Fraction of neurons each stimulus drives, and its amplitude (default 0.2, 1). */
  stimulusFraction?: number;
  stimulusAmplitude?: number;
  /** Signs drawn for edges of unknown sign: a presynaptic neuron is excitatory with this probability. */
  excitatoryFraction?: number;
  observation?: "dff" | "rate";
  /** Calcium decay time in frames (default 8) and indicator gain κ (default 1.5). */
  calciumTau?: number;
  calciumGain?: number;
  /** Shot-noise factor (σ² = shot² · F) and read-noise σ, in fluorescence units with F₀ ≈ 100 (default 0.1, 0.5). */
  shotNoise?: number;
  readNoise?: number;
  /** Frames of the ΔF/F baseline half-window (default 400, as ZAPBench). */
  dffHalfWindow?: number;
}

export interface Simulation {
  /** ΔF/F (or rates), [frames, neurons]. */
  series: Series;
  conditions: Condition[];
  /** The true one-step coefficients of the rate network when it is linear: α·g·W per cross edge (CSR order of the diagram, self-edges 0). */
  edgeCoefficient: Float64Array;
  /** (1 − α) + α·g·W_ii per neuron. */
  selfCoefficient: Float64Array;
}

export const DEFAULT_SIMULATED_CONDITIONS: SimulatedCondition[] = [
  { name: "sine", frames: 1000, stimulus: "sine" },
  { name: "pulses", frames: 1000, stimulus: "pulses" },
  { name: "noise", frames: 1000, stimulus: "noise", heldOut: true },
  { name: "dark", frames: 1000, stimulus: "none" },
];

const WAVEFORMS = ["sine", "pulses", "noise"] as const;

/** Fills wave[0, T) with a condition's stimulus waveform (in [−1, 1] or [0, 1]). */
function fillWaveform(kind: SimulatedCondition["stimulus"], T: number, rng: Rng, wave: Float64Array): void {
  if (kind === "none") {
    wave.fill(0, 0, T);
  } else if (kind === "sine") {
    const period = 20 + 60 * rng.uniform();
    const phase = 2 * Math.PI * rng.uniform();
    for (let t = 0; t < T; t++) wave[t] = Math.sin((2 * Math.PI * t) / period + phase);
  } else if (kind === "pulses") {
    const period = 40 + Math.floor(80 * rng.uniform());
    const width = 6 + Math.floor(6 * rng.uniform());
    for (let t = 0; t < T; t++) wave[t] = t % period < width ? 1 : 0;
  } else {
    let v = 0;
    for (let t = 0; t < T; t++) {
      v = 0.95 * v + 0.3 * rng.normal();
      wave[t] = Math.max(-1, Math.min(1, v));
    }
  }
}

export function simulateActivity(options: SimulationOptions): Simulation {
  const d = options.diagram;
  const N = d.names.length;
  const rng = createRng(options.seed);
  const spec = options.conditions ?? DEFAULT_SIMULATED_CONDITIONS;
  const conditions: Condition[] = [];
  let T = 0;
  for (const c of spec) {
    conditions.push({ name: c.name, start: T, end: T + c.frames, heldOut: c.heldOut === true });
    T += c.frames;
  }
  const alpha = options.leak ?? 0.2;
  const g = options.gain ?? 1.5;
  const sigma = options.processNoise ?? 0.1;
  const linear = options.nonlinearity === "linear";
  // Signs: the edge's own, else one drawn per presynaptic neuron.
  const drawn = new Int8Array(N);
  for (let j = 0; j < N; j++) drawn[j] = rng.uniform() < (options.excitatoryFraction ?? 0.8) ? 1 : -1;
  const m = d.pre.length;
  const W = new Float64Array(m);
  const edgeCoefficient = new Float64Array(m);
  const selfCoefficient = new Float64Array(N).fill(1 - alpha);
  for (let i = 0; i < N; i++) {
    let total = 0;
    for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) total += d.count[e] as number;
    for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) {
      const j = d.pre[e] as number;
      const s = (d.sign[e] as number) !== 0 ? (d.sign[e] as number) : (drawn[j] as number);
      W[e] = (g * s * (d.count[e] as number)) / total;
      if (j === i) selfCoefficient[i] = (selfCoefficient[i] as number) + alpha * (W[e] as number);
      else edgeCoefficient[e] = alpha * (W[e] as number);
    }
  }
  const bias = new Float64Array(N);
  for (let i = 0; i < N; i++) bias[i] = 0.1 * rng.normal();
  // Stimulus drive per condition: a random subset of neurons with random gains.
  const fraction = options.stimulusFraction ?? 0.2;
  const amplitude = options.stimulusAmplitude ?? 1;
  const rates = new Float64Array(T * N);
  const wave = new Float64Array(T);
  const drive = new Float64Array(N);
  const r = new Float64Array(N);
  const next = new Float64Array(N);
  for (let i = 0; i < N; i++) r[i] = 0.1 * rng.normal();
  for (const [k, c] of spec.entries()) {
    const cond = conditions[k] as Condition;
    fillWaveform(c.stimulus ?? WAVEFORMS[k % WAVEFORMS.length], c.frames, rng, wave);
    for (let i = 0; i < N; i++) drive[i] = rng.uniform() < fraction ? amplitude * (0.5 + rng.uniform()) : 0;
    for (let t = cond.start; t < cond.end; t++) {
      const u = wave[t - cond.start] as number;
      for (let i = 0; i < N; i++) {
        let z = (bias[i] as number) + (drive[i] as number) * u;
        for (let e = d.inPtr[i] as number; e < (d.inPtr[i + 1] as number); e++) {
          z += (W[e] as number) * (r[d.pre[e] as number] as number);
        }
        const phi = linear ? z : Math.tanh(z);
        next[i] = (1 - alpha) * (r[i] as number) + alpha * phi + sigma * rng.normal();
      }
      r.set(next);
      rates.set(r, t * N);
    }
  }
  const series = createSeries(T, N, d.names.slice());
  if (options.observation === "rate") {
    series.data.set(rates);
    return { series, conditions, edgeCoefficient, selfCoefficient };
  }
  // Calcium, fluorescence, ΔF/F.
  const gamma = Math.exp(-1 / (options.calciumTau ?? 8));
  const kappa = options.calciumGain ?? 1.5;
  const shot = options.shotNoise ?? 0.1;
  const read = options.readNoise ?? 0.5;
  const F = new Float64Array(T);
  const scratch = createDffScratch(options.dffHalfWindow);
  for (let i = 0; i < N; i++) {
    const f0 = 50 + 100 * rng.uniform();
    const bleach = 0.1 + 0.3 * rng.uniform();
    let ca = 0;
    for (let t = 0; t < T; t++) {
      const s = Math.max(0, (1 + (rates[t * N + i] as number)) / 2);
      ca = gamma * ca + (1 - gamma) * s;
      const clean = f0 * (1 - (bleach * t) / T) * (1 + kappa * ca);
      F[t] = clean + Math.sqrt(shot * shot * clean + read * read) * rng.normal();
    }
    deltaFOverF(T, F, 1, 0, series.data, N, i, ZAPBENCH_DFF, scratch);
  }
  return { series, conditions, edgeCoefficient, selfCoefficient };
}
