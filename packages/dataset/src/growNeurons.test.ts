import { COMPARTMENT_AXON, COMPARTMENT_DENDRITE, COMPARTMENT_SOMA } from "@danio/formats";
import { describe, expect, it } from "vitest";
import { growNeurons } from "./growNeurons";
import { Rng } from "./Rng";

describe("growNeurons", () => {
  it("[G3] grows per neuron a soma, several branching tapering dendrites and one axon, inside the volume", () => {
    const size: [number, number, number] = [96, 96, 48];
    const s = growNeurons(
      { size, neurons: 8, fill: 0.45, dendritePieceLength: 40, axonPieceLength: 70 },
      new Rng(2),
    );
    const somaOf = new Map<number, number>();
    for (let n = 0; n < 8; n++) somaOf.set(s.somaNode[n]!, n);
    const primaries = new Array<Set<number>>(8).fill(new Set()).map(() => new Set<number>());
    const branchPoints = new Uint32Array(8);
    const children = new Uint32Array(s.nodeCount);
    for (let i = 0; i < s.nodeCount; i++) {
      expect(
        s.x[i]! >= 0 && s.x[i]! <= 96 && s.y[i]! >= 0 && s.y[i]! <= 96 && s.z[i]! >= 0 && s.z[i]! <= 48,
      ).toBe(true);
      const p = s.parent[i]!;
      if (p < 0) {
        expect(s.compartment[i]).toBe(COMPARTMENT_SOMA);
        continue;
      }
      expect(s.neuron[p]).toBe(s.neuron[i]);
      children[p]!++;
      if (somaOf.has(p)) primaries[s.neuron[i]!]!.add(s.compartment[i]!);
      else {
        expect(s.compartment[i]).toBe(s.compartment[p]); // a neurite keeps its compartment
        expect(s.radius[i]).toBeLessThanOrEqual(s.radius[p]! + 1e-6); // radii taper away from the soma
      }
    }
    for (let i = 0; i < s.nodeCount; i++)
      if (children[i]! > 1 && !somaOf.has(i)) branchPoints[s.neuron[i]!]!++;
    for (let n = 0; n < 8; n++) {
      expect(primaries[n]).toEqual(new Set([COMPARTMENT_DENDRITE, COMPARTMENT_AXON]));
      let axonRoots = 0;
      let dendriteRoots = 0;
      for (let i = 0; i < s.nodeCount; i++) {
        if (s.parent[i] === s.somaNode[n]) {
          if (s.compartment[i] === COMPARTMENT_AXON) axonRoots++;
          else dendriteRoots++;
        }
      }
      expect(axonRoots, `neuron ${n}`).toBe(1);
      expect(dendriteRoots, `neuron ${n}`).toBeGreaterThanOrEqual(4);
      expect(branchPoints[n], `neuron ${n} branches`).toBeGreaterThan(0);
    }
    // Every piece (future supervoxel) belongs to one neuron and compartment.
    for (let i = 0; i < s.nodeCount; i++) {
      expect(s.pieceNeuron[s.piece[i]!]).toBe(s.neuron[i]);
      expect(s.pieceCompartment[s.piece[i]!]).toBe(s.compartment[i]);
    }
  });
});
