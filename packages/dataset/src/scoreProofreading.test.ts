import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { Rng } from "./Rng";
import { type ProofreadingTruth, scoreProofreading } from "./scoreProofreading";

function hasNumpy(): boolean {
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function truth(
  neurons: number[],
  voxels: number[],
  pre: number[] = [],
  post: number[] = [],
): ProofreadingTruth {
  return {
    neuronOfSupervoxel: Uint32Array.from(neurons),
    voxelCounts: Uint32Array.from(voxels),
    synapsePre: Uint32Array.from(pre),
    synapsePost: Uint32Array.from(post),
  };
}

// Three neurons: A = sv 0, 1; B = sv 2; C = sv 3. Synapses A→B ×2 (0→2), A→C (1→3), C→B (3→2).
const ABC = truth([1, 1, 2, 3], [3, 1, 2, 1], [0, 0, 1, 3], [2, 2, 3, 2]);

describe("scoreProofreading", () => {
  it("[ACC1] [ACC2] [ACC3] [ACC5] scores a perfect segmentation as perfect", () => {
    const s = scoreProofreading(ABC, Uint32Array.of(7, 7, 8, 9));
    expect(s).toMatchObject({ falseMerges: 0, falseSplits: 0, mergedSegments: 0, splitNeurons: 0 });
    expect(s.variationOfInformation).toEqual({ split: 0, merge: 0, total: 0 });
    expect(s.connectome).toMatchObject({
      precision: 1,
      recall: 1,
      f1: 1,
      predictedSynapses: 4,
      trueSynapses: 4,
      identifiedNeurons: 3,
      neurons: 3,
    });
  });

  it("[ACC1] [ACC3] counts a false merge and its merge-side entropy", () => {
    // Neurons 1 and 2 (2 voxels each) in one segment, neuron 3 alone: H(neuron | segment) = 4/5 bit.
    const s = scoreProofreading(truth([1, 1, 2, 2, 3], [1, 1, 1, 1, 1]), Uint32Array.of(7, 7, 7, 7, 9));
    expect(s.falseMerges).toBe(1);
    expect(s.mergedSegments).toBe(1);
    expect(s.falseSplits).toBe(0);
    expect(s.variationOfInformation.merge).toBeCloseTo(0.8, 12);
    expect(s.variationOfInformation.split).toBe(0);
  });

  it("[ACC2] [ACC3] counts a false split and its split-side entropy", () => {
    // One neuron of 4 voxels split 3 : 1 → H(segment | neuron) = −(¾ log₂ ¾ + ¼ log₂ ¼).
    const s = scoreProofreading(truth([1, 1, 1], [2, 1, 1]), Uint32Array.of(5, 5, 6));
    expect(s.falseSplits).toBe(1);
    expect(s.splitNeurons).toBe(1);
    expect(s.variationOfInformation.split).toBeCloseTo(
      -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25)),
      12,
    );
    expect(s.variationOfInformation.merge).toBe(0);
    // A three-way split counts two false splits.
    expect(scoreProofreading(truth([1, 1, 1], [1, 1, 1]), Uint32Array.of(1, 2, 3)).falseSplits).toBe(2);
  });

  it("[ACC1] [ACC2] ignores supervoxels that belong to no neuron", () => {
    const s = scoreProofreading(truth([1, 0, 1, 0], [5, 100, 5, 100]), Uint32Array.of(1, 1, 1, 2));
    expect(s).toMatchObject({ falseMerges: 0, falseSplits: 0 });
    expect(s.variationOfInformation.total).toBe(0);
  });

  it("[ACC4] [ACC5] a false split loses the orphan fragment's synapses (recall drops, precision stays)", () => {
    // sv 1 (A's 1-voxel piece) split off: the A→C synapse is lost.
    const s = scoreProofreading(ABC, Uint32Array.of(7, 6, 8, 9));
    expect(s.connectome).toMatchObject({
      precision: 1,
      recall: 0.75,
      predictedSynapses: 3,
      identifiedNeurons: 3,
    });
  });

  it("[ACC4] [ACC5] a false merge attributes the minority neuron's synapses to the majority one", () => {
    // B (2 voxels) and C (1 voxel) merged: A→C becomes A→B, C→B becomes B→B; C is not identified.
    const s = scoreProofreading(ABC, Uint32Array.of(7, 7, 8, 8));
    expect(s.connectome).toMatchObject({
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      predictedSynapses: 4,
      identifiedNeurons: 2,
    });
    expect(s.falseMerges).toBe(1);
  });

  it("[ACC5] follows the stated conventions when there are no synapses or no identified neurons", () => {
    const s = scoreProofreading(truth([1, 2], [1, 1]), Uint32Array.of(1, 1));
    expect(s.connectome).toMatchObject({ precision: 1, recall: 1, trueSynapses: 0 });
    expect(() => scoreProofreading(truth([1], [1], [0], [3]), Uint32Array.of(1))).toThrow(
      /synapse 0 names supervoxel index 3/,
    );
    expect(() => scoreProofreading(truth([1, 2], [1, 1]), Uint32Array.of(1))).toThrow(/1 segment labels/);
  });

  it.runIf(hasNumpy())("[ACC3] agrees with a numpy computation of the variation of information", () => {
    const rng = new Rng(7);
    const n = 400;
    const neurons = Uint32Array.from({ length: n }, () => 1 + rng.int(12));
    const segs = Uint32Array.from(neurons, (t) =>
      rng.float() < 0.3 ? 100 + rng.int(20) : t * 3 + rng.int(2),
    );
    const voxels = Uint32Array.from({ length: n }, () => 1 + rng.int(500));
    const s = scoreProofreading(truth(Array.from(neurons), Array.from(voxels)), segs);
    const script = `
import numpy as np, json, sys
d = json.loads(sys.stdin.read())
t, s, w = np.array(d["t"]), np.array(d["s"]), np.array(d["w"], dtype=float)
_, ti = np.unique(t, return_inverse=True); _, si = np.unique(s, return_inverse=True)
P = np.zeros((si.max() + 1, ti.max() + 1)); np.add.at(P, (si, ti), w); P /= P.sum()
ps, pt = P.sum(1), P.sum(0); nz = P > 0
h_s_given_t = -(P[nz] * np.log2(P[nz] / np.broadcast_to(pt, P.shape)[nz])).sum()
h_t_given_s = -(P[nz] * np.log2(P[nz] / np.broadcast_to(ps[:, None], P.shape)[nz])).sum()
print(json.dumps([h_s_given_t, h_t_given_s]))`;
    const out = execFileSync("python3", ["-c", script], {
      input: JSON.stringify({ t: Array.from(neurons), s: Array.from(segs), w: Array.from(voxels) }),
    });
    const [split, merge] = JSON.parse(out.toString()) as [number, number];
    expect(s.variationOfInformation.split).toBeCloseTo(split, 10);
    expect(s.variationOfInformation.merge).toBeCloseTo(merge, 10);
  });
});
