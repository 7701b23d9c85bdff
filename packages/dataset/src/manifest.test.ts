import { describe, expect, it } from "vitest";
import { type DatasetManifest, formatManifest, parseManifest, parseManifestText } from "./manifest";

function good(): DatasetManifest {
  return {
    format: "danio-dataset",
    version: 1,
    name: "demo",
    voxelSize: [32, 32, 32],
    bounds: { min: [0, 0, 0], max: [256, 256, 128] },
    layers: {
      image: { path: "image", format: "neuroglancer-precomputed", dataType: "uint8" },
      segmentation: { path: "segmentation", format: "neuroglancer-precomputed", dataType: "uint64" },
      meshes: {
        legacyPath: "segmentation/mesh",
        index: "meshes/fragments.index",
        data: "meshes/fragments.data",
        lodCount: 2,
        lodErrors: [0.3, 1],
      },
    },
    graph: { path: "graph.bin", supervoxelCount: 10, edgeCount: 20, agglomerationThreshold: 0.5 },
    synapses: { path: "synapses.bin", count: 3 },
    proofreading: { maxMergeDistance: 2000 },
  };
}

const without = (path: string[]): unknown => {
  const m = JSON.parse(JSON.stringify(good()));
  let o = m;
  for (const k of path.slice(0, -1)) o = o[k];
  delete o[path.at(-1)!];
  return m;
};

describe("danio.json manifest", () => {
  it("[D2] accepts a good manifest and writes it back unchanged", () => {
    const m = good();
    expect(parseManifest(m)).toEqual(m);
    expect(parseManifestText(formatManifest(m))).toEqual(m);
    const withTruth = {
      ...m,
      groundTruth: { path: "groundtruth.bin", neuronCount: 4, connectomeEdgeCount: 5 },
    };
    expect(parseManifest(withTruth).groundTruth?.neuronCount).toBe(4);
  });

  it("[D3] names a missing or mistyped field by its path", () => {
    expect(() => parseManifest(without(["layers", "segmentation", "path"]), "demo/danio.json")).toThrow(
      /demo\/danio\.json: field "layers\.segmentation\.path": .*(expected string|received undefined)/,
    );
    expect(() => parseManifest(without(["voxelSize"]))).toThrow(/field "voxelSize"/);
    expect(() => parseManifest({ ...good(), voxelSize: [32, -1, 32] })).toThrow(/field "voxelSize\[1\]"/);
    expect(() => parseManifest({ ...good(), graph: { ...good().graph, agglomerationThreshold: 2 } })).toThrow(
      /field "graph\.agglomerationThreshold"/,
    );
    expect(() => parseManifest({ ...good(), bounds: { min: [0, 0, 0], max: [10, 0, 10] } })).toThrow(
      /field "bounds": max/,
    );
    expect(() => parseManifestText("{oops", "x.json")).toThrow(/x\.json: not valid JSON/);
  });

  it("[D4] refuses another version, naming the version found and the one supported", () => {
    expect(() => parseManifest({ ...good(), version: 0 }, "old/danio.json")).toThrow(
      /old\/danio\.json: manifest version 0 is not supported; this Danio reads version 1/,
    );
    expect(() => parseManifest({ ...good(), version: 2 })).toThrow(/manifest version 2 is not supported/);
    expect(() => parseManifest(without(["version"]))).toThrow(/field "version": required/);
    expect(() => parseManifest({ ...good(), format: "zarr" })).toThrow(/field "format"/);
  });

  it("[D5] refuses paths that leave the dataset directory", () => {
    for (const path of ["../graph.bin", "/etc/passwd", "a/../../b", "a\\b", ""]) {
      expect(() => parseManifest({ ...good(), graph: { ...good().graph, path } }), path).toThrow(
        /field "graph\.path"/,
      );
    }
    expect(() =>
      parseManifest({
        ...good(),
        layers: { ...good().layers, meshes: { ...good().layers.meshes, lodErrors: [1] } },
      }),
    ).toThrow(/lodErrors": needs 2 entries/);
  });
});
