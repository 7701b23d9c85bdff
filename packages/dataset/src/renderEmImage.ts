/**
 * An EM-like image of the synthetic brain (SPEC.md G8): light, softly textured cytoplasm; dark
 * membranes wherever a neuron meets another neuron or unlabelled space; the unlabelled space drawn as
 * dense neuropil of small unreconstructed profiles (a Voronoi tiling with dark borders), as in real EM
 * where the reconstructed neurons are embedded in everything else;
 * dark mitochondria along neurites; a nucleus with a dark envelope in each soma; vesicle clouds behind
 * presynaptic sites and a dark density on the postsynaptic side; then a slight blur and grain.
 * Supervoxel boundaries inside one neuron are invisible, as in real EM.
 */
import { COMPARTMENT_SOMA } from "@danio/formats";
import type { NeuronSkeletons } from "./growNeurons";
import type { Rng } from "./Rng";

const CYTOPLASM = 188;
const NEUROPIL = 170;
const MEMBRANE = 46;
/** Spacing of the unreconstructed profiles of the neuropil, in voxels. */
const NEUROPIL_CELL = 8;
const MITOCHONDRION = 96;
const NUCLEOPLASM = 150;
const ENVELOPE = 70;
const VESICLE = 78;
const DENSITY = 72;

export interface ImageSynapses {
  count: number;
  prePoint: Float64Array;
  postPoint: Float64Array;
}

export function renderEmImage(
  labels: Uint32Array,
  size: [number, number, number],
  neuronOf: Uint32Array,
  skel: NeuronSkeletons,
  synapses: ImageSynapses,
  rng: Rng,
): Uint8Array {
  const [sx, sy, sz] = size;
  const sxy = sx * sy;
  const total = labels.length;
  const neuron = (v: number) => (labels[v] === 0 ? 0 : neuronOf[labels[v]! - 1]! + 1);
  const img = new Float32Array(total);

  // Low-frequency texture: value noise on a lattice of 6 voxels, smoothstep-interpolated.
  const G = 6;
  const gx = Math.floor(sx / G) + 2;
  const gy = Math.floor(sy / G) + 2;
  const gz = Math.floor(sz / G) + 2;
  const lattice = new Float32Array(gx * gy * gz);
  const tex = rng.fork("texture");
  for (let i = 0; i < lattice.length; i++) lattice[i] = tex.float() * 2 - 1;
  const smooth = (t: number) => t * t * (3 - 2 * t);

  // Unreconstructed neuropil: a jittered-grid Voronoi tiling of the unlabelled voxels.
  const C = NEUROPIL_CELL;
  const cx = Math.ceil(sx / C);
  const cy = Math.ceil(sy / C);
  const cz = Math.ceil(sz / C);
  const seeds = new Float32Array(3 * cx * cy * cz);
  // Power-diagram weights: profiles of varied size, as axons, dendrites and spines are.
  const weight = new Float32Array(cx * cy * cz);
  const jit = rng.fork("neuropil");
  for (let k = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      for (let i = 0; i < cx; i++) {
        const c = 3 * (i + cx * (j + cy * k));
        weight[c / 3] = jit.float() ** 2 * C * C * 0.9;
        seeds[c] = (i + jit.float()) * C;
        seeds[c + 1] = (j + jit.float()) * C;
        seeds[c + 2] = (k + jit.float()) * C;
      }
    }
  }
  const cell = new Int32Array(total).fill(-1);
  for (let z = 0; z < sz; z++) {
    const kz = Math.floor(z / C);
    for (let y = 0; y < sy; y++) {
      const ky = Math.floor(y / C);
      let v = sx * (y + sy * z);
      for (let x = 0; x < sx; x++, v++) {
        if (labels[v] !== 0) continue;
        const kx = Math.floor(x / C);
        let best = Number.POSITIVE_INFINITY;
        let arg = -1;
        for (let k = kz - 1; k <= kz + 1; k++) {
          if (k < 0 || k >= cz) continue;
          for (let j = ky - 1; j <= ky + 1; j++) {
            if (j < 0 || j >= cy) continue;
            for (let i = kx - 1; i <= kx + 1; i++) {
              if (i < 0 || i >= cx) continue;
              const c = i + cx * (j + cy * k);
              const dx = x + 0.5 - seeds[3 * c]!;
              const dy = y + 0.5 - seeds[3 * c + 1]!;
              // Cells stretched along z a little, so profiles look like processes cut across.
              const dz = (z + 0.5 - seeds[3 * c + 2]!) * 0.6;
              const d = dx * dx + dy * dy + dz * dz - weight[c]!;
              if (d < best) {
                best = d;
                arg = c;
              }
            }
          }
        }
        cell[v] = arg;
      }
    }
  }

  for (let z = 0; z < sz; z++) {
    const fz = z / G;
    const iz = Math.floor(fz);
    const tz = smooth(fz - iz);
    for (let y = 0; y < sy; y++) {
      const fy = y / G;
      const iy = Math.floor(fy);
      const ty = smooth(fy - iy);
      let v = sx * (y + sy * z);
      for (let x = 0; x < sx; x++, v++) {
        const fx = x / G;
        const ix = Math.floor(fx);
        const tx = smooth(fx - ix);
        const b = ix + gx * (iy + gy * iz);
        const c00 = lattice[b]! + tx * (lattice[b + 1]! - lattice[b]!);
        const c10 = lattice[b + gx]! + tx * (lattice[b + gx + 1]! - lattice[b + gx]!);
        const c01 = lattice[b + gx * gy]! + tx * (lattice[b + gx * gy + 1]! - lattice[b + gx * gy]!);
        const c11 =
          lattice[b + gx * gy + gx]! + tx * (lattice[b + gx * gy + gx + 1]! - lattice[b + gx * gy + gx]!);
        const noise = c00 + ty * (c10 - c00) + tz * (c01 + ty * (c11 - c01) - (c00 + ty * (c10 - c00)));
        const n = neuron(v);
        if (n === 0) {
          const c = cell[v]!;
          const edge =
            (x + 1 < sx && cell[v + 1] !== c) ||
            (y + 1 < sy && cell[v + sx] !== c) ||
            (z + 1 < sz && cell[v + sxy] !== c);
          img[v] = edge
            ? MEMBRANE + 12 + 8 * noise
            : NEUROPIL + 10 * noise + 24 * ((Math.imul(c, 2654435761) >>> 24) / 255 - 0.5);
          continue;
        }
        let boundary = false;
        if (x > 0 && neuron(v - 1) !== n) boundary = true;
        else if (x + 1 < sx && neuron(v + 1) !== n) boundary = true;
        else if (y > 0 && neuron(v - sx) !== n) boundary = true;
        else if (y + 1 < sy && neuron(v + sx) !== n) boundary = true;
        else if (z > 0 && neuron(v - sxy) !== n) boundary = true;
        else if (z + 1 < sz && neuron(v + sxy) !== n) boundary = true;
        img[v] = boundary ? MEMBRANE + 8 * noise : CYTOPLASM + 16 * noise;
      }
    }
  }

  /** Paints `value` into voxels of neuron `n` within distance r of (cx, cy, cz), sparing membranes. */
  const paintBall = (cx: number, cy: number, cz: number, r: number, n: number, value: number, shell = 0) => {
    const x0 = Math.max(0, Math.floor(cx - r - shell));
    const x1 = Math.min(sx - 1, Math.ceil(cx + r + shell));
    const y0 = Math.max(0, Math.floor(cy - r - shell));
    const y1 = Math.min(sy - 1, Math.ceil(cy + r + shell));
    const z0 = Math.max(0, Math.floor(cz - r - shell));
    const z1 = Math.min(sz - 1, Math.ceil(cz + r + shell));
    for (let z = z0; z <= z1; z++) {
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const v = x + sx * (y + sy * z);
          if (neuron(v) !== n || img[v]! < MEMBRANE + 20) continue;
          const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy, z + 0.5 - cz);
          if (shell > 0 ? Math.abs(d - r) <= shell : d <= r) img[v] = value;
        }
      }
    }
  };

  // Nuclei: a lighter nucleoplasm in a dark envelope.
  for (let ni = 0; ni < skel.somaNode.length; ni++) {
    const s = skel.somaNode[ni]!;
    const r = skel.radius[s]! * 0.6;
    paintBall(skel.x[s]!, skel.y[s]!, skel.z[s]!, r, ni + 1, NUCLEOPLASM);
    paintBall(skel.x[s]!, skel.y[s]!, skel.z[s]!, r, ni + 1, ENVELOPE, 0.6);
  }
  // Mitochondria: short dark capsules inside neurites.
  const mito = rng.fork("mitochondria");
  for (let i = 0; i < skel.nodeCount; i++) {
    const p = skel.parent[i]!;
    if (p < 0 || skel.compartment[i] === COMPARTMENT_SOMA || mito.float() > 0.025) continue;
    const r = Math.max(0.9, skel.radius[i]! * 0.5);
    for (let t = 0; t <= 1; t += 0.25) {
      const px = skel.x[p]! + t * (skel.x[i]! - skel.x[p]!);
      const py = skel.y[p]! + t * (skel.y[i]! - skel.y[p]!);
      const pz = skel.z[p]! + t * (skel.z[i]! - skel.z[p]!);
      paintBall(px, py, pz, r, skel.neuron[i]! + 1, MITOCHONDRION);
    }
  }
  // Synapses: a vesicle cloud behind the presynaptic point, a dark density at the postsynaptic point.
  const ves = rng.fork("vesicles");
  for (let k = 0; k < synapses.count; k++) {
    const [ax, ay, az] = [
      synapses.prePoint[3 * k]!,
      synapses.prePoint[3 * k + 1]!,
      synapses.prePoint[3 * k + 2]!,
    ];
    const [dx, dy, dz] = [
      synapses.postPoint[3 * k]!,
      synapses.postPoint[3 * k + 1]!,
      synapses.postPoint[3 * k + 2]!,
    ];
    const vPre = Math.floor(ax) + sx * (Math.floor(ay) + sy * Math.floor(az));
    const vPost = Math.floor(dx) + sx * (Math.floor(dy) + sy * Math.floor(dz));
    const nPre = neuron(vPre);
    for (let j = 0; j < 8; j++) {
      paintBall(
        ax + ves.range(-1.6, 1.6),
        ay + ves.range(-1.6, 1.6),
        az + ves.range(-1.6, 1.6),
        0.55,
        nPre,
        VESICLE,
      );
    }
    if (neuron(vPost) !== 0) img[vPost] = DENSITY;
  }

  // A [1 2 1] / 4 blur along each axis, then grain.
  const tmp = new Float32Array(total);
  const blur = (
    src: Float32Array,
    dst: Float32Array,
    stride: number,
    extent: number,
    axisOf: (v: number) => number,
  ) => {
    for (let v = 0; v < total; v++) {
      const c = axisOf(v);
      const a = c > 0 ? src[v - stride]! : src[v]!;
      const b = c + 1 < extent ? src[v + stride]! : src[v]!;
      dst[v] = 0.25 * a + 0.5 * src[v]! + 0.25 * b;
    }
  };
  blur(img, tmp, 1, sx, (v) => v % sx);
  blur(tmp, img, sx, sy, (v) => Math.floor(v / sx) % sy);
  blur(img, tmp, sxy, sz, (v) => Math.floor(v / sxy));
  const grain = rng.fork("grain");
  const out = new Uint8Array(total);
  for (let v = 0; v < total; v++) {
    const g = tmp[v]! + 6 * grain.normal();
    out[v] = g < 0 ? 0 : g > 255 ? 255 : Math.round(g);
  }
  return out;
}
