/**
 * Draws the neuron skeletons into a label volume: somas as balls split into sectors, neurite segments as
 * tapered capsules. Where shapes overlap, a voxel goes to the shape whose surface it is deepest inside
 * (smallest distance / radius), so neighbouring neurites share a boundary instead of overwriting each
 * other's cores. Output: the piece of each voxel (x fastest), -1 for extracellular space.
 */
import type { NeuronSkeletons } from "./growNeurons";

export function rasterizeNeurons(skel: NeuronSkeletons, size: [number, number, number]): Int32Array {
  const [sx, sy, sz] = size;
  const owner = new Int32Array(sx * sy * sz).fill(-1);
  const best = new Float32Array(sx * sy * sz).fill(1);
  const somaOf = new Int32Array(skel.nodeCount).fill(-1);
  for (let ni = 0; ni < skel.somaNode.length; ni++) somaOf[skel.somaNode[ni]!] = ni;

  for (let ni = 0; ni < skel.somaNode.length; ni++) {
    const s = skel.somaNode[ni]!;
    const cx = skel.x[s]!;
    const cy = skel.y[s]!;
    const cz = skel.z[s]!;
    const r = skel.radius[s]!;
    const dirs = skel.somaSectorDirs[ni]!;
    const k = skel.somaSectorCount[ni]!;
    const first = skel.piece[s]!;
    const x0 = Math.max(0, Math.floor(cx - r));
    const x1 = Math.min(sx - 1, Math.ceil(cx + r));
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(sy - 1, Math.ceil(cy + r));
    const z0 = Math.max(0, Math.floor(cz - r));
    const z1 = Math.min(sz - 1, Math.ceil(cz + r));
    for (let z = z0; z <= z1; z++) {
      const vz = z + 0.5 - cz;
      for (let y = y0; y <= y1; y++) {
        const vy = y + 0.5 - cy;
        let v = x0 + sx * (y + sy * z);
        for (let x = x0; x <= x1; x++, v++) {
          const vx = x + 0.5 - cx;
          const score = Math.sqrt(vx * vx + vy * vy + vz * vz) / r;
          if (score < best[v]!) {
            best[v] = score;
            let arg = 0;
            let max = Number.NEGATIVE_INFINITY;
            for (let j = 0; j < k; j++) {
              const d = vx * dirs[3 * j]! + vy * dirs[3 * j + 1]! + vz * dirs[3 * j + 2]!;
              if (d > max) {
                max = d;
                arg = j;
              }
            }
            owner[v] = first + arg;
          }
        }
      }
    }
  }

  for (let i = 0; i < skel.nodeCount; i++) {
    const p = skel.parent[i]!;
    if (p < 0 || somaOf[p]! >= 0) continue;
    const ax = skel.x[p]!;
    const ay = skel.y[p]!;
    const az = skel.z[p]!;
    const ux = skel.x[i]! - ax;
    const uy = skel.y[i]! - ay;
    const uz = skel.z[i]! - az;
    const len2 = ux * ux + uy * uy + uz * uz;
    const ra = skel.radius[p]!;
    const rb = skel.radius[i]!;
    const rmax = Math.max(ra, rb);
    const piece = skel.piece[i]!;
    const x0 = Math.max(0, Math.floor(Math.min(ax, ax + ux) - rmax));
    const x1 = Math.min(sx - 1, Math.ceil(Math.max(ax, ax + ux) + rmax));
    const y0 = Math.max(0, Math.floor(Math.min(ay, ay + uy) - rmax));
    const y1 = Math.min(sy - 1, Math.ceil(Math.max(ay, ay + uy) + rmax));
    const z0 = Math.max(0, Math.floor(Math.min(az, az + uz) - rmax));
    const z1 = Math.min(sz - 1, Math.ceil(Math.max(az, az + uz) + rmax));
    for (let z = z0; z <= z1; z++) {
      const wz = z + 0.5 - az;
      for (let y = y0; y <= y1; y++) {
        const wy = y + 0.5 - ay;
        let v = x0 + sx * (y + sy * z);
        for (let x = x0; x <= x1; x++, v++) {
          const wx = x + 0.5 - ax;
          let t = len2 > 0 ? (wx * ux + wy * uy + wz * uz) / len2 : 0;
          t = Math.min(1, Math.max(0, t));
          const dx = wx - t * ux;
          const dy = wy - t * uy;
          const dz = wz - t * uz;
          const score = Math.sqrt(dx * dx + dy * dy + dz * dz) / (ra + t * (rb - ra));
          if (score < best[v]!) {
            best[v] = score;
            owner[v] = piece;
          }
        }
      }
    }
  }
  return owner;
}
