/**
 * A small procedural neuron (soma + branching tapering neurites), shown while no dataset is open.
 * Deterministic by seed; returns segments as one strided Float32Array: [x0,y0,z0,r0, x1,y1,z1,r1] per segment.
 */
export interface NeuronPreviewData {
  segments: Float32Array;
  count: number;
  soma: [number, number, number, number];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createNeuronPreview(seed: number, maxSegments = 400): NeuronPreviewData {
  const rand = mulberry32(seed);
  const out = new Float32Array(maxSegments * 8);
  let count = 0;
  const grow = (
    x: number,
    y: number,
    z: number,
    dx: number,
    dy: number,
    dz: number,
    r: number,
    depth: number,
  ) => {
    let px = x;
    let py = y;
    let pz = z;
    let vx = dx;
    let vy = dy;
    let vz = dz;
    let radius = r;
    const steps = 6 + Math.floor(rand() * 6);
    for (let s = 0; s < steps && count < maxSegments; s++) {
      vx += (rand() - 0.5) * 0.5;
      vy += (rand() - 0.5) * 0.5;
      vz += (rand() - 0.5) * 0.5;
      const n = Math.hypot(vx, vy, vz) || 1;
      vx /= n;
      vy /= n;
      vz /= n;
      const len = 0.08;
      const nx = px + vx * len;
      const ny = py + vy * len;
      const nz = pz + vz * len;
      const nr = radius * 0.93;
      out.set([px, py, pz, radius, nx, ny, nz, nr], count * 8);
      count++;
      px = nx;
      py = ny;
      pz = nz;
      radius = nr;
      if (depth < 3 && rand() < 0.18)
        grow(px, py, pz, vx + rand() - 0.5, vy + rand() - 0.5, vz, radius * 0.8, depth + 1);
    }
  };
  for (let i = 0; i < 7; i++) {
    const a = (i / 7) * Math.PI * 2;
    grow(0, 0, 0, Math.cos(a), Math.sin(a), rand() - 0.5, 0.05, 0);
  }
  return { segments: out, count, soma: [0, 0, 0, 0.14] };
}
