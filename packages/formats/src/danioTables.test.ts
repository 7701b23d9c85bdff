import { describe, expect, it } from "vitest";
import { decodeGroundTruth, encodeGroundTruth, type GroundTruthData } from "./groundTruthFile";
import {
  decodeSupervoxelGraph,
  encodeSupervoxelGraph,
  type SupervoxelGraphData,
} from "./supervoxelGraphFile";
import { decodeSynapseTable, encodeSynapseTable, type SynapseTableData } from "./synapseTableFile";

const BIG = 1n << 40n;

function graph(): SupervoxelGraphData {
  return {
    ids: BigUint64Array.of(BIG + 1n, BIG + 5n, BIG + 9n),
    positions: Float32Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8),
    voxelCounts: Uint32Array.of(10, 20, 30),
    edgeA: Uint32Array.of(0, 0, 1),
    edgeB: Uint32Array.of(1, 2, 2),
    affinity: Float32Array.of(0.9, 0.125, 1),
    contactArea: Uint32Array.of(4, 1, 7),
  };
}

function synapses(): SynapseTableData {
  return {
    ids: BigUint64Array.of(1n, 2n),
    preSupervoxel: BigUint64Array.of(BIG + 1n, BIG + 9n),
    postSupervoxel: BigUint64Array.of(BIG + 5n, BIG + 1n),
    prePosition: Float32Array.of(1, 2, 3, 4, 5, 6),
    postPosition: Float32Array.of(1, 2, 4, 4, 5, 7),
    score: Float32Array.of(0.5, 1),
  };
}

function truth(): GroundTruthData {
  return {
    supervoxelIds: BigUint64Array.of(BIG + 1n, BIG + 5n, BIG + 9n),
    neuronOfSupervoxel: BigUint64Array.of(1n, 2n, 0n),
    compartment: Uint8Array.of(1, 2, 0),
    neuronIds: BigUint64Array.of(1n, 2n),
    somaPositions: Float32Array.of(0, 0, 0, 10, 10, 10),
    edgePre: BigUint64Array.of(1n, 2n),
    edgePost: BigUint64Array.of(2n, 1n),
    edgeSynapses: Uint32Array.of(3, 1),
  };
}

describe("Danio binary tables", () => {
  it("[SG1] lays out the supervoxel graph as a 24-byte header and columns, and reads it back", () => {
    const bytes = encodeSupervoxelGraph(graph());
    expect(String.fromCharCode(...bytes.subarray(0, 8))).toBe("DANIOSVG");
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(8, true), view.getUint32(12, true), view.getUint32(16, true)]).toEqual([1, 3, 3]);
    expect(bytes.length).toBe(24 + 24 * 3 + 16 * 3);
    expect(view.getBigUint64(24 + 8, true)).toBe(BIG + 5n);
    expect(view.getFloat32(24 + 8 * 3 + 4 * 8, true)).toBe(8); // last position coordinate
    expect(decodeSupervoxelGraph(bytes)).toEqual(graph());
  });

  it("[SG1] refuses unordered ids or edges, self edges, affinities outside [0, 1], and other versions", () => {
    expect(() =>
      encodeSupervoxelGraph({ ...graph(), ids: BigUint64Array.of(BIG + 5n, BIG + 1n, BIG + 9n) }),
    ).toThrow(/strictly ascending/);
    expect(() => encodeSupervoxelGraph({ ...graph(), edgeA: Uint32Array.of(0, 1, 1) })).toThrow(
      /edge 1 \(1, 2\) needs a < b|out of order/,
    );
    expect(() => encodeSupervoxelGraph({ ...graph(), edgeB: Uint32Array.of(1, 2, 1) })).toThrow(
      /edge 2 \(1, 1\) needs a < b < 3/,
    );
    expect(() => encodeSupervoxelGraph({ ...graph(), affinity: Float32Array.of(0.9, 1.5, 1) })).toThrow(
      /edge 1 affinity 1.5 is outside \[0, 1\]/,
    );
    const bytes = encodeSupervoxelGraph(graph());
    new DataView(bytes.buffer).setUint32(8, 7, true);
    expect(() => decodeSupervoxelGraph(bytes, "demo/graph.bin")).toThrow(
      /demo\/graph\.bin: supervoxel graph file version 7 is not supported \(expected 1\)/,
    );
    expect(() => decodeSupervoxelGraph(encodeSupervoxelGraph(graph()).subarray(0, 100), "g")).toThrow(
      /g: 3 supervoxels and 3 edges need 144 bytes, got 100/,
    );
  });

  it("[SY1] round-trips the synapse table and validates scores and supervoxels", () => {
    const bytes = encodeSynapseTable(synapses());
    expect(String.fromCharCode(...bytes.subarray(0, 8))).toBe("DANIOSYN");
    expect(bytes.length).toBe(24 + 52 * 2);
    expect(new DataView(bytes.buffer).getBigUint64(24 + 16 + 8, true)).toBe(BIG + 9n);
    expect(decodeSynapseTable(bytes)).toEqual(synapses());
    expect(() => encodeSynapseTable({ ...synapses(), score: Float32Array.of(0.5, Number.NaN) })).toThrow(
      /synapse 2 score NaN/,
    );
    expect(() => encodeSynapseTable({ ...synapses(), preSupervoxel: BigUint64Array.of(0n, 1n) })).toThrow(
      /synapse 1 has supervoxel 0/,
    );
    expect(() => decodeSynapseTable(encodeSupervoxelGraph(graph()), "s.bin")).toThrow(
      /s\.bin: not a Danio synapse table file/,
    );
  });

  it("[GT1] round-trips ground truth and checks that every neuron it names is listed", () => {
    const bytes = encodeGroundTruth(truth());
    expect(String.fromCharCode(...bytes.subarray(0, 8))).toBe("DANIOGTR");
    expect(bytes.length).toBe(24 + 17 * 3 + 20 * 2 + 20 * 2);
    expect(decodeGroundTruth(bytes)).toEqual(truth());
    expect(() =>
      encodeGroundTruth({ ...truth(), neuronOfSupervoxel: BigUint64Array.of(1n, 3n, 0n) }),
    ).toThrow(/names neuron 3, which is not listed/);
    expect(() =>
      encodeGroundTruth({
        ...truth(),
        edgePre: BigUint64Array.of(2n, 1n),
        edgePost: BigUint64Array.of(1n, 2n),
      }),
    ).toThrow(/out of order/);
    expect(() => encodeGroundTruth({ ...truth(), edgeSynapses: Uint32Array.of(3, 0) })).toThrow(
      /has 0 synapses/,
    );
  });
});
