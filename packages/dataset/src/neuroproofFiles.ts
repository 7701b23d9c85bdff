/**
 * Parsers of NeuroProof's JSON inputs, with errors naming the file, the entry and what was expected:
 * the region adjacency graph (`{"edge_list": [{node1, node2, weight, size1, size2, location, …}]}`) and
 * Raveler synapse annotations (`{"data": [{"T-bar": {location, confidence, "body ID"}, "partners": [{…}]}]}`).
 */

export class NeuroproofInputError extends Error {
  override readonly name = "NeuroproofInputError";
}

export interface NeuroproofGraph {
  /** One entry per edge: the two body (or supervoxel) ids and the edge's weight in [0, 1]. */
  node1: Uint32Array;
  node2: Uint32Array;
  weight: Float64Array;
  /** `synapse_bodies`: [body, synapse annotations in it] pairs, where the file has them (else empty). */
  synapseBodies: [number, number][];
}

/** One Raveler T-bar with one of its partners: Danio's pre–post synapse. Locations are Raveler voxels (y up). */
export interface RavelerSynapse {
  /** Index of the T-bar in the file's `data` array (a T-bar with several partners gives several synapses). */
  tbar: number;
  preLocation: [number, number, number];
  postLocation: [number, number, number];
  /** min(T-bar confidence, partner confidence). */
  confidence: number;
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new NeuroproofInputError(
      `${name}: not valid JSON (${(e as Error).message}); is the file truncated?`,
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function nonNegativeInt(v: unknown, name: string, where: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0 || v > 0xffffffff) {
    throw new NeuroproofInputError(
      `${name}: ${where}: expected a non-negative integer id, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

function unitNumber(v: unknown, name: string, where: string): number {
  if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
    throw new NeuroproofInputError(
      `${name}: ${where}: expected a number from 0 to 1, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

function location(v: unknown, name: string, where: string): [number, number, number] {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((c) => typeof c === "number" && Number.isInteger(c))) {
    throw new NeuroproofInputError(
      `${name}: ${where}: expected [x, y, z] integer voxels, got ${JSON.stringify(v)}`,
    );
  }
  return [v[0] as number, v[1] as number, v[2] as number];
}

/** NeuroProof's graph JSON. Each edge needs integer `node1`, `node2` (different) and `weight` in [0, 1]. */
export function parseNeuroproofGraph(text: string, name: string): NeuroproofGraph {
  const json = parseJson(text, name);
  if (!isObject(json) || !Array.isArray(json.edge_list)) {
    throw new NeuroproofInputError(`${name}: expected a JSON object with an "edge_list" array`);
  }
  const list = json.edge_list;
  const node1 = new Uint32Array(list.length);
  const node2 = new Uint32Array(list.length);
  const weight = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const e: unknown = list[i];
    const where = `edge_list[${i}]`;
    if (!isObject(e)) throw new NeuroproofInputError(`${name}: ${where}: expected an object`);
    node1[i] = nonNegativeInt(e.node1, name, `${where}.node1`);
    node2[i] = nonNegativeInt(e.node2, name, `${where}.node2`);
    if (node1[i] === node2[i]) {
      throw new NeuroproofInputError(`${name}: ${where}: node1 and node2 are both ${node1[i]}`);
    }
    weight[i] = unitNumber(e.weight, name, `${where}.weight`);
  }
  const synapseBodies: [number, number][] = [];
  if (json.synapse_bodies !== undefined) {
    if (!Array.isArray(json.synapse_bodies)) {
      throw new NeuroproofInputError(`${name}: "synapse_bodies": expected an array of [body, count] pairs`);
    }
    json.synapse_bodies.forEach((pair: unknown, i: number) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new NeuroproofInputError(`${name}: synapse_bodies[${i}]: expected [body, count]`);
      }
      synapseBodies.push([
        nonNegativeInt(pair[0], name, `synapse_bodies[${i}][0]`),
        nonNegativeInt(pair[1], name, `synapse_bodies[${i}][1]`),
      ]);
    });
  }
  return { node1, node2, weight, synapseBodies };
}

/** Raveler synapse annotations: one synapse per (T-bar, partner). */
export function parseRavelerSynapses(text: string, name: string): RavelerSynapse[] {
  const json = parseJson(text, name);
  if (!isObject(json) || !Array.isArray(json.data)) {
    throw new NeuroproofInputError(`${name}: expected a JSON object with a "data" array of T-bars`);
  }
  const out: RavelerSynapse[] = [];
  json.data.forEach((entry: unknown, i: number) => {
    const where = `data[${i}]`;
    if (!isObject(entry) || !isObject(entry["T-bar"]) || !Array.isArray(entry.partners)) {
      throw new NeuroproofInputError(`${name}: ${where}: expected {"T-bar": {…}, "partners": [ … ]}`);
    }
    const tbar = entry["T-bar"];
    const preLocation = location(tbar.location, name, `${where}["T-bar"].location`);
    const preConfidence = unitNumber(tbar.confidence ?? 1, name, `${where}["T-bar"].confidence`);
    entry.partners.forEach((p: unknown, j: number) => {
      const pw = `${where}.partners[${j}]`;
      if (!isObject(p)) throw new NeuroproofInputError(`${name}: ${pw}: expected an object`);
      out.push({
        tbar: i,
        preLocation,
        postLocation: location(p.location, name, `${pw}.location`),
        confidence: Math.min(preConfidence, unitNumber(p.confidence ?? 1, name, `${pw}.confidence`)),
      });
    });
  });
  return out;
}
