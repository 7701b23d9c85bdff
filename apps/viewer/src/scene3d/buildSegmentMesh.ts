import type { Vec3 } from "./worldFrame";

/** One supervoxel's fragment, as handed to the builder. */
export interface SegmentPart {
  supervoxel: string;
  /** nm, 3 per vertex. */
  positions: Float32Array;
  indices: Uint32Array;
}

/** A segment's surface merged into one indexed triangle mesh, still knowing which supervoxel is where. */
export interface SegmentMeshData {
  /** nm, 3 per vertex; vertices are grouped by supervoxel, in `supervoxels` order. */
  positions: Float32Array;
  /** Unit normals, smooth across supervoxel borders. */
  normals: Float32Array;
  indices: Uint16Array | Uint32Array;
  /** Local supervoxel index → supervoxel id. */
  supervoxels: string[];
  /** Per vertex: local supervoxel index. */
  vertexSupervoxel: Uint32Array;
  /** Triangles of supervoxel i are [triangleStart[i], triangleStart[i + 1]). */
  triangleStart: Uint32Array;
  /** Per supervoxel: min x, y, z, max x, y, z of its kept triangles (nm); empty boxes have min > max. */
  boxes: Float32Array;
  min: Vec3;
  max: Vec3;
  triangleCount: number;
  vertexCount: number;
  /** Triangles dropped because they are walls between two supervoxels of this segment. */
  culled: number;
}

export interface BuildOptions {
  /**
   * Drop triangles that occur in two fragments of the segment (the walls between its own supervoxels:
   * neighbouring fragments share the same patch there), leaving only the segment's outer surface.
   */
  cullShared?: boolean;
}

function nextPow2(n: number): number {
  let p = 16;
  while (p < n) p *= 2;
  return p;
}

function hash3(a: number, b: number, c: number): number {
  let h =
    Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 15), 0x85ebca77) ^ Math.imul(c ^ (c >>> 13), 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}

/** Open-addressing table from three uint32 keys to a dense id (0, 1, 2, … in insertion order). */
class Int3Table {
  private readonly keys: Uint32Array;
  private readonly ids: Int32Array;
  private readonly mask: number;
  count = 0;

  constructor(capacity: number) {
    const size = nextPow2(capacity * 2);
    this.keys = new Uint32Array(size * 3);
    this.ids = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  idOf(a: number, b: number, c: number): number {
    let slot = hash3(a, b, c) & this.mask;
    for (;;) {
      const id = this.ids[slot]!;
      if (id < 0) {
        const k = slot * 3;
        this.keys[k] = a;
        this.keys[k + 1] = b;
        this.keys[k + 2] = c;
        this.ids[slot] = this.count;
        return this.count++;
      }
      const k = slot * 3;
      if (this.keys[k] === a && this.keys[k + 1] === b && this.keys[k + 2] === c) return id;
      slot = (slot + 1) & this.mask;
    }
  }
}

function addTo(acc: Float32Array, i: number, x: number, y: number, z: number): void {
  const k = i * 3;
  acc[k] = acc[k]! + x;
  acc[k + 1] = acc[k + 1]! + y;
  acc[k + 2] = acc[k + 2]! + z;
}

/**
 * Merges a segment's fragments into one mesh (one draw call per segment), welding equal positions for the
 * normals and, by default, dropping the walls inside the segment. Nothing is remeshed: after an edit the
 * new segments are rebuilt from the same cached fragments in milliseconds.
 */
export function buildSegmentMesh(parts: readonly SegmentPart[], options: BuildOptions = {}): SegmentMeshData {
  const cull = options.cullShared ?? true;
  let totalV = 0;
  let totalT = 0;
  for (const p of parts) {
    totalV += p.positions.length / 3;
    totalT += p.indices.length / 3;
  }
  // 1. Weld: one id per distinct position (fragments meet on one quantization grid, so equal is exact).
  const weld = new Int32Array(totalV);
  const vertexTable = new Int3Table(totalV);
  let v0 = 0;
  for (const p of parts) {
    const bits = new Uint32Array(p.positions.buffer, p.positions.byteOffset, p.positions.length);
    for (let i = 0; i < p.positions.length; i += 3) {
      weld[v0 + i / 3] = vertexTable.idOf(bits[i]!, bits[i + 1]!, bits[i + 2]!);
    }
    v0 += p.positions.length / 3;
  }
  const weldCount = vertexTable.count;
  // 2. Count each triangle (as a set of welded corners) over all fragments; walls inside occur twice.
  const triId = new Int32Array(totalT);
  let triCounts = new Uint8Array(0);
  if (cull) {
    const triTable = new Int3Table(totalT);
    triCounts = new Uint8Array(totalT);
    let t0 = 0;
    v0 = 0;
    for (const p of parts) {
      const ix = p.indices;
      for (let i = 0; i < ix.length; i += 3) {
        let a = weld[v0 + ix[i]!]!;
        let b = weld[v0 + ix[i + 1]!]!;
        let c = weld[v0 + ix[i + 2]!]!;
        if (a > b) [a, b] = [b, a];
        if (b > c) [b, c] = [c, b];
        if (a > b) [a, b] = [b, a];
        const id = triTable.idOf(a, b, c);
        triId[t0 + i / 3] = id;
        if (triCounts[id]! < 255) triCounts[id]! += 1;
      }
      t0 += ix.length / 3;
      v0 += p.positions.length / 3;
    }
  }
  const keep = (t: number) => !cull || triCounts[triId[t]!] === 1;
  let keptT = 0;
  for (let t = 0; t < totalT; t++) if (keep(t)) keptT++;
  // 3. Emit kept triangles and the vertices they use, grouped by supervoxel.
  const remap = new Int32Array(totalV).fill(-1);
  let outV = 0;
  {
    let t0 = 0;
    v0 = 0;
    for (const p of parts) {
      const ix = p.indices;
      for (let i = 0; i < ix.length; i += 3) {
        if (!keep(t0 + i / 3)) continue;
        for (let k = 0; k < 3; k++) {
          const g = v0 + ix[i + k]!;
          if (remap[g]! < 0) remap[g] = outV++;
        }
      }
      t0 += ix.length / 3;
      v0 += p.positions.length / 3;
    }
  }
  const positions = new Float32Array(outV * 3);
  const vertexSupervoxel = new Uint32Array(outV);
  const vertexWeld = new Int32Array(outV);
  const indices = outV <= 65536 ? new Uint16Array(keptT * 3) : new Uint32Array(keptT * 3);
  const triangleStart = new Uint32Array(parts.length + 1);
  const boxes = new Float32Array(parts.length * 6);
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  let t0 = 0;
  let outT = 0;
  v0 = 0;
  parts.forEach((p, s) => {
    triangleStart[s] = outT;
    const ix = p.indices;
    const pos = p.positions;
    const bx = s * 6;
    boxes[bx] = boxes[bx + 1] = boxes[bx + 2] = Infinity;
    boxes[bx + 3] = boxes[bx + 4] = boxes[bx + 5] = -Infinity;
    for (let i = 0; i < ix.length; i += 3) {
      if (!keep(t0 + i / 3)) continue;
      for (let k = 0; k < 3; k++) {
        const local = ix[i + k]!;
        const o = remap[v0 + local]!;
        indices[outT * 3 + k] = o;
        positions[o * 3] = pos[local * 3]!;
        positions[o * 3 + 1] = pos[local * 3 + 1]!;
        positions[o * 3 + 2] = pos[local * 3 + 2]!;
        vertexSupervoxel[o] = s;
        vertexWeld[o] = weld[v0 + local]!;
        for (let d = 0; d < 3; d++) {
          const x = pos[local * 3 + d]!;
          if (x < boxes[bx + d]!) boxes[bx + d] = x;
          if (x > boxes[bx + 3 + d]!) boxes[bx + 3 + d] = x;
        }
      }
      outT++;
    }
    for (let d = 0; d < 3; d++) {
      if (boxes[bx + d]! < min[d]!) min[d] = boxes[bx + d]!;
      if (boxes[bx + 3 + d]! > max[d]!) max[d] = boxes[bx + 3 + d]!;
    }
    t0 += ix.length / 3;
    v0 += pos.length / 3;
  });
  triangleStart[parts.length] = outT;
  // 4. Smooth normals: area-weighted face normals summed per welded position, so borders show no seam.
  const acc = new Float32Array(weldCount * 3);
  for (let t = 0; t < outT; t++) {
    const a = indices[t * 3]!;
    const b = indices[t * 3 + 1]!;
    const c = indices[t * 3 + 2]!;
    const ax = positions[a * 3]!;
    const ay = positions[a * 3 + 1]!;
    const az = positions[a * 3 + 2]!;
    const ux = positions[b * 3]! - ax;
    const uy = positions[b * 3 + 1]! - ay;
    const uz = positions[b * 3 + 2]! - az;
    const vx = positions[c * 3]! - ax;
    const vy = positions[c * 3 + 1]! - ay;
    const vz = positions[c * 3 + 2]! - az;
    const nx = uy * vz - uz * vy;
    const ny = uz * vx - ux * vz;
    const nz = ux * vy - uy * vx;
    addTo(acc, vertexWeld[a]!, nx, ny, nz);
    addTo(acc, vertexWeld[b]!, nx, ny, nz);
    addTo(acc, vertexWeld[c]!, nx, ny, nz);
  }
  const normals = new Float32Array(outV * 3);
  for (let o = 0; o < outV; o++) {
    const w = vertexWeld[o]! * 3;
    const x = acc[w]!;
    const y = acc[w + 1]!;
    const z = acc[w + 2]!;
    const len = Math.hypot(x, y, z) || 1;
    normals[o * 3] = x / len;
    normals[o * 3 + 1] = y / len;
    normals[o * 3 + 2] = z / len;
  }
  return {
    positions,
    normals,
    indices,
    supervoxels: parts.map((p) => p.supervoxel),
    vertexSupervoxel,
    triangleStart,
    boxes,
    min,
    max,
    triangleCount: outT,
    vertexCount: outV,
    culled: totalT - keptT,
  };
}
