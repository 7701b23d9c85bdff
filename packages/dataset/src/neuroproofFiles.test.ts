import { describe, expect, it } from "vitest";
import { parseNeuroproofGraph, parseRavelerSynapses } from "./neuroproofFiles";

describe("NeuroProof input files", () => {
  it("[NP1] reads the graph JSON's edges and synapse_bodies", () => {
    const g = parseNeuroproofGraph(
      JSON.stringify({
        edge_list: [{ node1: 4, node2: 9, weight: 0.25, size1: 3 }],
        synapse_bodies: [[9, 2]],
      }),
      "g.json",
    );
    expect(Array.from(g.node1)).toEqual([4]);
    expect(Array.from(g.node2)).toEqual([9]);
    expect(Array.from(g.weight)).toEqual([0.25]);
    expect(g.synapseBodies).toEqual([[9, 2]]);
  });

  it("[NP1] names the file and entry of a bad graph", () => {
    expect(() => parseNeuroproofGraph('{"edge_list": [', "g.json")).toThrow(/^g\.json: not valid JSON/);
    expect(() => parseNeuroproofGraph("{}", "g.json")).toThrow(
      'g.json: expected a JSON object with an "edge_list"',
    );
    expect(() =>
      parseNeuroproofGraph('{"edge_list": [{"node1": 1, "node2": 2, "weight": 1.5}]}', "g.json"),
    ).toThrow("g.json: edge_list[0].weight: expected a number from 0 to 1, got 1.5");
    expect(() =>
      parseNeuroproofGraph('{"edge_list": [{"node1": 1, "node2": 1, "weight": 0}]}', "g.json"),
    ).toThrow("edge_list[0]: node1 and node2 are both 1");
  });

  it("[NP5] makes one synapse per T-bar partner, scored by the lower confidence", () => {
    const s = parseRavelerSynapses(
      JSON.stringify({
        data: [
          {
            "T-bar": { location: [1, 2, 3], confidence: 0.9, "body ID": 5 },
            partners: [
              { location: [4, 5, 6], confidence: 0.5 },
              { location: [7, 8, 9], confidence: 1 },
            ],
          },
        ],
      }),
      "s.json",
    );
    expect(s).toEqual([
      { tbar: 0, preLocation: [1, 2, 3], postLocation: [4, 5, 6], confidence: 0.5 },
      { tbar: 0, preLocation: [1, 2, 3], postLocation: [7, 8, 9], confidence: 0.9 },
    ]);
    expect(() =>
      parseRavelerSynapses('{"data": [{"T-bar": {"location": [1, 2]}, "partners": []}]}', "s.json"),
    ).toThrow('s.json: data[0]["T-bar"].location: expected [x, y, z] integer voxels, got [1,2]');
  });
});
