import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { itShared, readShared, sharedPath } from "../test/sharedData";
import { parseChunkKey } from "./chunkGrid";
import { gunzipIfNeeded } from "./gzip";
import {
  decodeLegacyMeshFragment,
  encodeLegacyMeshFragment,
  formatLegacyMeshManifest,
  legacyMeshManifestName,
  parseLegacyMeshManifest,
  type TriangleMesh,
} from "./legacyMesh";
import { parsePrecomputedInfo } from "./precomputedInfo";

/** Reads a fragment the way an HTTP client with Content-Encoding: gzip would see it. */
function readFragment(dir: string[], file: string): Uint8Array {
  const plain = sharedPath(...dir, file);
  return gunzipIfNeeded(
    existsSync(plain) ? readShared(...dir, file) : readShared(...dir, `${file}.gz`),
    file,
  );
}

function checkMesh(mesh: TriangleMesh, lo: number[], hi: number[], name: string): void {
  expect(mesh.indices.length % 3).toBe(0);
  expect(mesh.indices.length).toBeGreaterThan(0);
  let outside = -1;
  for (let i = 0; i < mesh.positions.length && outside < 0; i++) {
    const v = mesh.positions[i]!;
    if (!(v >= lo[i % 3]! && v <= hi[i % 3]!)) outside = i;
  }
  expect(
    outside,
    `${name}: coordinate ${outside} (${mesh.positions[outside]}) is outside ${lo} .. ${hi}`,
  ).toBe(-1);
}

describe("legacy precomputed meshes", () => {
  itShared(
    "[LM1] [LM2] reads every legacy mesh of the real pinky40 segmentation, inside the volume's bounds",
    () => {
      const root = ["cloudvolume-pinky40-seg", "test_seg_unsharded"];
      const info = parsePrecomputedInfo(readShared(...root, "info"));
      const s0 = info.scales[0]!;
      const hi = [0, 1, 2].map((d) => (s0.voxelOffset[d]! + s0.size[d]!) * s0.resolution[d]!);
      const dir = [...root, info.mesh!];
      const ids = ["22270104", "24183237", "25024949", "28336523", "71185971"];
      let triangles = 0;
      for (const id of ids) {
        const manifest = parseLegacyMeshManifest(
          readShared(...dir, legacyMeshManifestName(BigInt(id))),
          `${id}:0`,
        );
        expect(manifest.fragments.length).toBeGreaterThan(0);
        for (const f of manifest.fragments) {
          const mesh = decodeLegacyMeshFragment(readFragment(dir, f), f);
          // Meshes may overhang the volume by less than one voxel of their mip (32 x 32 x 40 nm).
          checkMesh(
            mesh,
            [-40, -40, -40],
            hi.map((h) => h + 40),
            f,
          );
          triangles += mesh.indices.length / 3;
        }
      }
      expect(triangles).toBeGreaterThan(10_000);
    },
  );

  itShared(
    "[LM1] [LM2] reads the real test_cv legacy per-supervoxel fragments, inside the chunks the Draco copies name",
    () => {
      const root = ["cloudvolume-test_cv", "test_cv"];
      const dir = [...root, "mesh_mip_2_err_40_sv16"];
      const manifest = parseLegacyMeshManifest(readShared(...dir, "648518346349515986:0"));
      expect(manifest.fragments).toHaveLength(22);
      // The Draco copies of the same supervoxels are named <id>:0:<x0-x1_y0-y1_z0-z1> in mip-2 voxels of
      // 32 x 32 x 40 nm; the legacy fragments must lie within the union of those chunks.
      const lo = [Infinity, Infinity, Infinity];
      const hi = [-Infinity, -Infinity, -Infinity];
      for (const name of readdirSync(sharedPath(...root, "mesh_mip_2_draco_sv16"))) {
        const parts = name.split(":");
        if (parts.length !== 3) continue;
        const box = parseChunkKey(parts[2]!);
        for (let d = 0; d < 3; d++) {
          const res = d === 2 ? 40 : 32;
          lo[d] = Math.min(lo[d]!, box.begin[d]! * res);
          hi[d] = Math.max(hi[d]!, box.end[d]! * res);
        }
      }
      for (const f of manifest.fragments) {
        const mesh = decodeLegacyMeshFragment(readFragment(dir, f), f);
        checkMesh(mesh, lo, hi, f);
      }
    },
  );

  it("[LM1] writes num_vertices, then xyz float32, then uint32 triangles, and reads it back", () => {
    const mesh = {
      positions: Float32Array.of(0, 0, 0, 1, 0, 0, 0, 1.5, 0),
      indices: Uint32Array.of(0, 1, 2),
    };
    const bytes = encodeLegacyMeshFragment(mesh);
    expect(bytes.length).toBe(4 + 36 + 12);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(0, true)).toBe(3);
    expect(view.getFloat32(4 + 7 * 4, true)).toBe(1.5);
    expect(view.getUint32(40 + 8, true)).toBe(2);
    expect(decodeLegacyMeshFragment(bytes)).toEqual(mesh);
  });

  it("[LM1] refuses truncated fragments and out-of-range indices, naming the fragment", () => {
    const good = encodeLegacyMeshFragment({
      positions: new Float32Array(9),
      indices: Uint32Array.of(0, 1, 2),
    });
    expect(() => decodeLegacyMeshFragment(good.subarray(0, 20), "7:0:a")).toThrow(
      /7:0:a: truncated: 3 vertices need 40 bytes/,
    );
    expect(() => decodeLegacyMeshFragment(good.subarray(0, 48), "f")).toThrow(
      /f: 8 bytes of triangles is not a multiple of 12/,
    );
    const bad = good.slice();
    new DataView(bad.buffer).setUint32(44, 3, true);
    expect(() => decodeLegacyMeshFragment(bad, "f")).toThrow(
      /triangle 0 refers to vertex 3, but there are 3/,
    );
    expect(() =>
      encodeLegacyMeshFragment({ positions: new Float32Array(3), indices: Uint32Array.of(0, 0, 1) }),
    ).toThrow(/not below 1/);
  });

  it("[LM2] writes and parses manifests named <id>:0", () => {
    expect(legacyMeshManifestName(18446744073709551615n)).toBe("18446744073709551615:0");
    const text = formatLegacyMeshManifest(["5:0:lod0"]);
    expect(parseLegacyMeshManifest(text)).toEqual({ fragments: ["5:0:lod0"] });
    expect(() => parseLegacyMeshManifest('{"fragments": [1]}', "5:0")).toThrow(
      /5:0: "fragments" must be an array of file names/,
    );
  });
});
