import { beforeAll, describe, expect, it } from "vitest";
import { positionKey, unmatchedEdges } from "../test/meshChecks";
import { type SyntheticBrain, synthesizeBrain } from "./synthesizeBrain";

let brain: SyntheticBrain;

beforeAll(async () => {
  brain = await synthesizeBrain({
    seed: 11,
    neurons: 6,
    size: [64, 64, 32],
    mergeErrorRate: 0.05,
    splitErrorRate: 0.05,
  });
}, 60_000);

/** Voxel bounding box [min, max) of every supervoxel (dense index). */
function boxes(b: SyntheticBrain): Int32Array {
  const n = b.graph.ids.length;
  const box = new Int32Array(6 * n);
  for (let i = 0; i < n; i++) box.set([1e9, 1e9, 1e9, -1e9, -1e9, -1e9], 6 * i);
  const [sx, sy, sz] = b.size;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++) {
        const l = b.labels[x + sx * (y + sy * z)]!;
        if (l === 0) continue;
        const o = 6 * (l - 1);
        box[o] = Math.min(box[o]!, x);
        box[o + 1] = Math.min(box[o + 1]!, y);
        box[o + 2] = Math.min(box[o + 2]!, z);
        box[o + 3] = Math.max(box[o + 3]!, x + 1);
        box[o + 4] = Math.max(box[o + 4]!, y + 1);
        box[o + 5] = Math.max(box[o + 5]!, z + 1);
      }
    }
  }
  return box;
}

describe("per-supervoxel meshes", () => {
  it("[MESH1] every supervoxel's fragment is closed at every LOD", () => {
    const { fragments, lodCount } = brain.meshes;
    expect(fragments.length).toBe(brain.graph.ids.length * lodCount);
    for (let f = 0; f < fragments.length; f++) {
      const m = fragments[f]!;
      expect(m.indices.length, `fragment ${f}`).toBeGreaterThan(0);
      expect(
        unmatchedEdges(m.indices),
        `fragment ${f} (supervoxel ${Math.floor(f / lodCount)}, LOD ${f % lodCount})`,
      ).toBe(0);
    }
  });

  it("[MESH2] every vertex lies within its supervoxel's voxel bounds grown by half a voxel, at every LOD", () => {
    const box = boxes(brain);
    const q = 1 / 32;
    const { fragments, lodCount } = brain.meshes;
    let checked = 0;
    const outside: string[] = [];
    for (let f = 0; f < fragments.length; f++) {
      const i = Math.floor(f / lodCount);
      const p = fragments[f]!.quantized;
      for (let k = 0; k < p.length; k++) {
        const d = k % 3;
        const v = p[k]! * q;
        if (!(v >= box[6 * i + d]! - 0.5 - q && v <= box[6 * i + 3 + d]! + 0.5 + q)) {
          outside.push(`supervoxel ${i} LOD ${f % lodCount} axis ${d}: ${v}`);
        }
        checked++;
      }
    }
    expect(outside).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it("[MESH3] a segment's mesh (the union of its supervoxels' fragments) has no cracks at any LOD", () => {
    // For each true neuron: pool its supervoxels' fragments, cancel the shared walls between them (a
    // triangle and its exact reverse), and check that what remains — the neuron's outer surface — is closed.
    const { fragments, lodCount } = brain.meshes;
    const n = brain.graph.ids.length;
    for (let neuron = 1; neuron <= 6; neuron++) {
      for (let lod = 0; lod < lodCount; lod++) {
        const tris = new Map<string, number>();
        let pooled = 0;
        for (let i = 0; i < n; i++) {
          if (brain.neuronOfSupervoxel[i] !== neuron) continue;
          const m = fragments[i * lodCount + lod]!;
          for (let t = 0; t < m.indices.length; t += 3) {
            const k = [0, 1, 2].map((c) => positionKey(m.quantized, m.indices[t + c]!));
            const r = k.indexOf(Math.min(...k));
            const key = [k[r], k[(r + 1) % 3], k[(r + 2) % 3]].join(",");
            const rev = [k[r], k[(r + 2) % 3], k[(r + 1) % 3]].join(",");
            if ((tris.get(rev) ?? 0) > 0) tris.set(rev, tris.get(rev)! - 1);
            else tris.set(key, (tris.get(key) ?? 0) + 1);
            pooled++;
          }
        }
        const outer: number[] = [];
        for (const [key, c] of tris) for (let j = 0; j < c; j++) outer.push(...key.split(",").map(Number));
        expect(pooled, `neuron ${neuron}`).toBeGreaterThan(0);
        expect(
          outer.length / 3,
          `neuron ${neuron} LOD ${lod}: the walls between its supervoxels cancel`,
        ).toBeLessThan(pooled);
        expect(unmatchedEdges(outer), `neuron ${neuron} LOD ${lod}`).toBe(0);
      }
    }
  });

  it("[MESH4] coarser LODs have fewer triangles and larger stated errors", () => {
    const { trianglesPerLod, lodErrors, rawTriangles } = brain.meshes;
    expect(trianglesPerLod.length).toBeGreaterThanOrEqual(2);
    expect(trianglesPerLod[0]).toBeLessThan(rawTriangles);
    for (let l = 1; l < trianglesPerLod.length; l++) {
      expect(trianglesPerLod[l]).toBeLessThan(trianglesPerLod[l - 1]!);
      expect(lodErrors[l]).toBeGreaterThan(lodErrors[l - 1]!);
    }
  });
});
