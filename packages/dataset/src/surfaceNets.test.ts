import { describe, expect, it } from "vitest";
import { unmatchedEdges } from "../test/meshChecks";
import { surfaceNets } from "./surfaceNets";

describe("surface nets", () => {
  it("[MESH1] meshes a single voxel as a closed 8-vertex, 12-triangle box around it", () => {
    const labels = new Uint32Array(27);
    labels[13] = 1; // the centre of a 3x3x3 volume
    const nets = surfaceNets(labels, [3, 3, 3], 1, 1 / 32);
    expect(nets.vertexCount).toBe(8);
    expect(nets.patchCount).toBe(1);
    expect([nets.patchLo[0], nets.patchHi[0]]).toEqual([0, 1]);
    expect(nets.triangles.length / 3).toBe(12);
    expect(unmatchedEdges(nets.triangles)).toBe(0);
    // Each vertex is the mean of the 3 face centres around its corner: ⅓ voxel inside the corner.
    const coords = new Set(Array.from(nets.quantized, (q) => q / 32));
    expect([...coords].sort()).toEqual([1 + 1 / 3, 2 - 1 / 3].map((c) => Math.round(c * 32) / 32).sort());
  });

  it("[MESH1] gives two touching labels one shared patch, oriented from the lower label to the upper", () => {
    // x: [1, 2] in a 2x1x1 volume
    const nets = surfaceNets(Uint32Array.of(1, 2), [2, 1, 1], 2, 1 / 32);
    const patches = Array.from(
      { length: nets.patchCount },
      (_, p) => `${nets.patchLo[p]}-${nets.patchHi[p]}`,
    );
    expect(patches).toEqual(["0-1", "0-2", "1-2"]);
    const p12 = 2;
    const tris = nets.triangles.subarray(3 * nets.patchStart[p12]!, 3 * nets.patchStart[p12 + 1]!);
    expect(tris.length / 3).toBe(2);
    // Its normal points from label 1 (x < 1) into label 2: +x.
    const q = nets.quantized;
    const [a, b, c] = [tris[0]!, tris[1]!, tris[2]!];
    const u = [q[3 * b]! - q[3 * a]!, q[3 * b + 1]! - q[3 * a + 1]!, q[3 * b + 2]! - q[3 * a + 2]!];
    const w = [q[3 * c]! - q[3 * a]!, q[3 * c + 1]! - q[3 * a + 1]!, q[3 * c + 2]! - q[3 * a + 2]!];
    expect(u[1]! * w[2]! - u[2]! * w[1]!).toBeGreaterThan(0);
    // All four vertices of the shared face touch three labels (1, 2 and outside): junctions.
    for (const v of tris) expect(nets.junction[v]).toBe(1);
    // Both labels' surfaces (their patches, the shared one flipped for label 2) are closed.
    const of = (p: number, flip: boolean) => {
      const t = Array.from(nets.triangles.subarray(3 * nets.patchStart[p]!, 3 * nets.patchStart[p + 1]!));
      if (flip) for (let i = 0; i < t.length; i += 3) [t[i + 1], t[i + 2]] = [t[i + 2]!, t[i + 1]!];
      return t;
    };
    expect(unmatchedEdges([...flipAll(of(0, false)), ...of(2, false)])).toBe(0);
    expect(unmatchedEdges([...flipAll(of(1, false)), ...of(2, true)])).toBe(0);
  });
});

/** Patches with background are stored with normals pointing from 0 (outside) inward: flip for the label. */
function flipAll(t: number[]): number[] {
  const out = t.slice();
  for (let i = 0; i < out.length; i += 3) [out[i + 1], out[i + 2]] = [out[i + 2]!, out[i + 1]!];
  return out;
}
