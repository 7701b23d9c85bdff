import { describe, expect, it } from "vitest";
import {
  decodeMeshFragment,
  decodeMeshFragmentIndex,
  decodeMeshFragmentQuantized,
  encodeMeshFragment,
  encodeMeshFragmentIndex,
  findMeshFragment,
  type MeshFragmentIndex,
} from "./meshFragmentFile";

describe("Danio mesh fragment files", () => {
  it("[MF1] lays a fragment out as counts, origin, u16 offsets, padding, u16 indices", () => {
    const mesh = {
      quantized: Int32Array.of(-5, 10, 100, -3, 10, 101, -5, 12, 100),
      indices: Uint32Array.of(0, 1, 2),
    };
    const bytes = encodeMeshFragment(mesh);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(3);
    expect(view.getUint32(4, true)).toBe(1);
    expect([view.getInt32(8, true), view.getInt32(12, true), view.getInt32(16, true)]).toEqual([-5, 10, 100]);
    expect(view.getUint16(20 + 6, true)).toBe(2); // vertex 1, x offset
    expect(bytes.length).toBe(40 + 6); // 20 + 18 = 38, padded to 40, then 3 u16
    expect(view.getUint16(44, true)).toBe(2);
    expect(decodeMeshFragmentQuantized(bytes)).toEqual(mesh);
    const nm = decodeMeshFragment(bytes, { quantization: 0.5, voxelSize: [4, 4, 40] });
    expect(Array.from(nm.positions.subarray(0, 3))).toEqual([-10, 20, 2000]);
  });

  it("[MF1] switches to u32 indices above 65536 vertices and decodes shared vertices identically", () => {
    const nv = 70_000;
    const quantized = Int32Array.from({ length: 3 * nv }, (_, i) => (i * 7) % 60_000);
    const indices = Uint32Array.of(0, 69_999, 12, 5, 6, 7);
    const bytes = encodeMeshFragment({ quantized, indices });
    expect(bytes.length).toBe(((20 + 6 * nv + 3) & ~3) + 6 * 4);
    const back = decodeMeshFragmentQuantized(bytes);
    expect(back.indices).toEqual(indices);
    expect(back.quantized).toEqual(quantized);
    // The same quantized vertex in two fragments with different origins decodes to the same float.
    const a = decodeMeshFragment(
      encodeMeshFragment({ quantized: Int32Array.of(1001, 7, 9, 0, 0, 0), indices: new Uint32Array() }),
      {
        quantization: 1 / 32,
        voxelSize: [8, 8, 33],
      },
    );
    const b = decodeMeshFragment(
      encodeMeshFragment({ quantized: Int32Array.of(1001, 7, 9, 2000, 50, 50), indices: new Uint32Array() }),
      {
        quantization: 1 / 32,
        voxelSize: [8, 8, 33],
      },
    );
    expect(Array.from(a.positions.subarray(0, 3))).toEqual(Array.from(b.positions.subarray(0, 3)));
  });

  it("[MF1] refuses fragments wider than 65535 quanta and corrupt bytes", () => {
    expect(() =>
      encodeMeshFragment({ quantized: Int32Array.of(0, 0, 0, 70_000, 0, 0), indices: new Uint32Array() }),
    ).toThrow(/spans 70000 quanta along axis 0/);
    const bytes = encodeMeshFragment({
      quantized: Int32Array.of(0, 0, 0, 1, 1, 1, 2, 2, 2),
      indices: Uint32Array.of(0, 1, 2),
    });
    expect(() => decodeMeshFragmentQuantized(bytes.subarray(0, bytes.length - 2), "sv 9 lod 1")).toThrow(
      /sv 9 lod 1: 3 vertices and 1 triangles need 46 bytes/,
    );
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint16(44, 9, true);
    expect(() => decodeMeshFragmentQuantized(bad)).toThrow(/refers to vertex 9/);
  });

  it("[MF2] round-trips the index and finds each fragment's byte range by id and LOD", () => {
    const index: MeshFragmentIndex = {
      lodCount: 3,
      quantization: 1 / 32,
      voxelSize: [32, 32, 32],
      lodErrors: [0.25, 1, 2.5],
      ids: BigUint64Array.of(3n, 1099511627777n, 18446744073709551615n),
      offsets: Float64Array.from({ length: 9 }, (_, i) => i * 1000 + (i === 8 ? 2 ** 40 : 0)),
      lengths: Uint32Array.from({ length: 9 }, (_, i) => 100 + i),
    };
    const bytes = encodeMeshFragmentIndex(index);
    expect(String.fromCharCode(...bytes.subarray(0, 8))).toBe("DANIOMFI");
    expect(bytes.length).toBe(56 + 8 * 3 + 12 * 9);
    const back = decodeMeshFragmentIndex(bytes);
    expect(back).toEqual(index);
    expect(findMeshFragment(back, 1099511627777n, 2)).toEqual({ offset: 5000, length: 105 });
    expect(findMeshFragment(back, 18446744073709551615n, 2)).toEqual({ offset: 8000 + 2 ** 40, length: 108 });
    expect(findMeshFragment(back, 4n, 0)).toBeUndefined();
    expect(() => findMeshFragment(back, 3n, 3)).toThrow(/lod 3 is outside 0..2/);
  });

  it("[MF2] refuses a wrong magic, version, or length", () => {
    const index: MeshFragmentIndex = {
      lodCount: 1,
      quantization: 1,
      voxelSize: [1, 1, 1],
      lodErrors: [0],
      ids: BigUint64Array.of(1n),
      offsets: Float64Array.of(0),
      lengths: Uint32Array.of(20),
    };
    const bytes = encodeMeshFragmentIndex(index);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0x58;
    expect(() => decodeMeshFragmentIndex(wrongMagic, "meshes/fragments.index")).toThrow(
      /meshes\/fragments\.index: not a Danio mesh fragment index/,
    );
    const v2 = bytes.slice();
    new DataView(v2.buffer).setUint32(8, 2, true);
    expect(() => decodeMeshFragmentIndex(v2)).toThrow(/version 2 is not supported \(expected 1\)/);
    expect(() => decodeMeshFragmentIndex(bytes.subarray(0, bytes.length - 4))).toThrow(
      /1 fragments × 1 LODs need/,
    );
    expect(() =>
      encodeMeshFragmentIndex({
        ...index,
        ids: BigUint64Array.of(2n, 1n),
        offsets: Float64Array.of(0, 0),
        lengths: Uint32Array.of(0, 0),
      }),
    ).toThrow(/strictly ascending/);
  });
});
