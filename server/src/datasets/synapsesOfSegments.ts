import { formatId, type ProofreadingState } from "@danio/core";
import type { LoadedSynapses } from "@danio/dataset";

export interface SynapseJson {
  id: string;
  pre: { supervoxel: string; root: string; position: [number, number, number] };
  post: { supervoxel: string; root: string; position: [number, number, number] };
  score: number;
}

/** Synapses whose pre or post side lies in one of `roots` today, looked up through the live agglomeration. */
export function synapsesOfSegments(
  state: ProofreadingState,
  synapses: LoadedSynapses,
  roots: readonly bigint[],
  limit: number,
): { synapses: SynapseJson[]; truncated: boolean } {
  const wanted = new Set(roots);
  const out: SynapseJson[] = [];
  const n = synapses.ids.length;
  const pos = (arr: Float32Array, i: number): [number, number, number] => [
    arr[3 * i]!,
    arr[3 * i + 1]!,
    arr[3 * i + 2]!,
  ];
  for (let i = 0; i < n; i++) {
    const preRoot = state.rootOfIndex(synapses.preIndex[i]!);
    const postRoot = state.rootOfIndex(synapses.postIndex[i]!);
    if (!wanted.has(preRoot) && !wanted.has(postRoot)) continue;
    if (out.length === limit) return { synapses: out, truncated: true };
    out.push({
      id: formatId(synapses.ids[i]!),
      pre: {
        supervoxel: formatId(synapses.preSupervoxel[i]!),
        root: formatId(preRoot),
        position: pos(synapses.prePosition, i),
      },
      post: {
        supervoxel: formatId(synapses.postSupervoxel[i]!),
        root: formatId(postRoot),
        position: pos(synapses.postPosition, i),
      },
      score: synapses.score[i]!,
    });
  }
  return { synapses: out, truncated: false };
}
