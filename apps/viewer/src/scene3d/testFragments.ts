/**
 * Test fixtures (used by the *.test.ts files only): supervoxels as axis-aligned boxes on a grid, each face
 * split into n × n quads the same way from both sides, so that neighbouring fragments share their wall
 * exactly, as Danio's per-supervoxel meshes do.
 */
import type { Fragment, FragmentRequest, FragmentSource } from "./meshFragmentSource";
import { fragmentKey } from "./FragmentCache";

/** A box fragment with corner `min` and edge `size` (nm), each face split into n × n quads. */
export function boxFragment(min: readonly number[], size: number, n = 1): Fragment {
  const positions: number[] = [];
  const indices: number[] = [];
  for (let d = 0; d < 3; d++) {
    const u = (d + 1) % 3;
    const v = (d + 2) % 3;
    for (const side of [0, 1]) {
      const base = positions.length / 3;
      for (let j = 0; j <= n; j++) {
        for (let i = 0; i <= n; i++) {
          const p = [0, 0, 0];
          p[d] = min[d]! + side * size;
          p[u] = min[u]! + (i / n) * size;
          p[v] = min[v]! + (j / n) * size;
          positions.push(p[0]!, p[1]!, p[2]!);
        }
      }
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          const a = base + j * (n + 1) + i;
          const b = a + 1;
          const c = a + n + 2;
          const e = a + n + 1;
          if (side === 1) indices.push(a, b, c, a, c, e);
          else indices.push(a, c, b, a, e, c);
        }
      }
    }
  }
  return { positions: Float32Array.from(positions), indices: Uint32Array.from(indices) };
}

/**
 * A fake fragment source: supervoxel `sv` is the box at grid cell `cells.get(sv)` (edge 100 nm); LOD l
 * splits each face into 2^(lodCount - 1 - l) squares. Records every fetch.
 */
export function fakeSource(cells: ReadonlyMap<string, readonly number[]>, lodCount = 3) {
  const fetches: FragmentRequest[][] = [];
  const n = (lod: number) => 2 ** (lodCount - 1 - lod);
  const pending: (() => void)[] = [];
  let manual = false;
  const source: FragmentSource & {
    fetches: FragmentRequest[][];
    /** Hold fetches until `release()` (to see what is drawn meanwhile). */
    hold(): void;
    release(): Promise<void>;
  } = {
    lodCount,
    lodErrorsNm: Array.from({ length: lodCount }, (_, l) => 10 * 3 ** l),
    has: (sv) => cells.has(sv),
    estimateTriangles: (sv, lod) => (cells.has(sv) ? 12 * n(lod) ** 2 : 0),
    fetches,
    async fetch(requests) {
      fetches.push([...requests]);
      if (manual) await new Promise<void>((resolve) => pending.push(resolve));
      const out = new Map<string, Fragment>();
      for (const r of requests) {
        const c = cells.get(r.supervoxel);
        if (c)
          out.set(
            fragmentKey(r.supervoxel, r.lod),
            boxFragment([c[0]! * 100, c[1]! * 100, c[2]! * 100], 100, n(r.lod)),
          );
      }
      return out;
    },
    hold() {
      manual = true;
    },
    async release() {
      manual = false;
      for (const p of pending.splice(0)) p();
      await flush();
    },
  };
  return source;
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((r) => setTimeout(r, 0));
}
