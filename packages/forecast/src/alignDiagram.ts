/**
 * Maps a wiring diagram onto the columns of the activity traces (SPEC.md W3): a neuron matches the column
 * of the same name, else the column with the same neuronKey. Edges whose two ends both have a column are
 * kept; neurons without a column and columns without a neuron are reported.
 */
import { neuronKey } from "./neuronKey";
import { createWiringDiagram, edgesOf, type WiringDiagram } from "./wiringDiagram";

export interface Alignment {
  /** The diagram over the trace columns (names = columns). */
  diagram: WiringDiagram;
  matchedNeurons: number;
  /** Connectome neurons with no trace column. */
  unmatchedNeurons: string[];
  /** Trace columns with no connectome neuron (they get no cross inputs). */
  unmatchedColumns: string[];
  keptEdges: number;
  droppedEdges: number;
}

export function alignDiagram(d: WiringDiagram, columns: readonly string[]): Alignment {
  const exact = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const [c, name] of columns.entries()) {
    if (exact.has(name))
      throw new Error(`activity: column name "${name}" appears twice (columns ${exact.get(name)} and ${c})`);
    exact.set(name, c);
    const k = neuronKey(name);
    if (!byKey.has(k)) byKey.set(k, c);
  }
  const column = new Int32Array(d.names.length).fill(-1);
  const used = new Uint8Array(columns.length);
  const unmatchedNeurons: string[] = [];
  for (const [i, name] of d.names.entries()) {
    const c = exact.get(name) ?? byKey.get(neuronKey(name));
    if (c === undefined || used[c]) {
      unmatchedNeurons.push(name);
      continue;
    }
    column[i] = c;
    used[c] = 1;
  }
  const all = edgesOf(d);
  const keep: number[] = [];
  for (let e = 0; e < all.pre.length; e++) {
    if ((column[all.pre[e] as number] as number) >= 0 && (column[all.post[e] as number] as number) >= 0)
      keep.push(e);
  }
  const diagram = createWiringDiagram(columns.slice(), {
    pre: Int32Array.from(keep, (e) => column[all.pre[e] as number] as number),
    post: Int32Array.from(keep, (e) => column[all.post[e] as number] as number),
    count: Float32Array.from(keep, (e) => all.count[e] as number),
    sign: Int8Array.from(keep, (e) => all.sign[e] as number),
  });
  return {
    diagram,
    matchedNeurons: d.names.length - unmatchedNeurons.length,
    unmatchedNeurons,
    unmatchedColumns: columns.filter((_, c) => !used[c]),
    keptEdges: keep.length,
    droppedEdges: all.pre.length - keep.length,
  };
}
