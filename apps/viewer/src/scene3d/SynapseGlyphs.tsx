import { useThree } from "@react-three/fiber";
import { useLayoutEffect, useMemo, useRef } from "react";
import { IcosahedronGeometry, type InstancedMesh, Matrix4, MeshLambertMaterial } from "three";
import type { SynapseJson } from "../api/ApiClient";
import type { ViewerSession } from "../state/ViewerSession";
import { useStore } from "../state/useStore";
import type { ViewerState } from "../state/ViewerState";

const selectSynapses = (s: ViewerState) => s.synapses;
const scratch = new Matrix4();

export const PRE_COLOUR = "#ff9f1c";
export const POST_COLOUR = "#2ec4ff";

function capacityFor(n: number): number {
  let c = 64;
  while (c < n) c *= 2;
  return c;
}

/** Two instanced glyph sets (one draw call each): presynaptic sites in one colour, postsynaptic in another. */
export function SynapseGlyphs({ session, radius }: { session: ViewerSession; radius: number }) {
  const synapses = useStore(session.store, selectSynapses);
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => new IcosahedronGeometry(radius, 0), [radius]);
  const materials = useMemo(
    () =>
      [
        new MeshLambertMaterial({ color: PRE_COLOUR }),
        new MeshLambertMaterial({ color: POST_COLOUR }),
      ] as const,
    [],
  );
  useLayoutEffect(() => () => geometry.dispose(), [geometry]);
  useLayoutEffect(
    () => () => {
      for (const m of materials) m.dispose();
    },
    [materials],
  );
  const capacity = capacityFor(synapses.length);
  const pre = useRef<InstancedMesh>(null);
  const post = useRef<InstancedMesh>(null);

  useLayoutEffect(() => {
    const place = (mesh: InstancedMesh | null, side: (s: SynapseJson) => [number, number, number]) => {
      if (!mesh) return;
      synapses.forEach((s, i) => {
        const [x, y, z] = side(s);
        mesh.setMatrixAt(i, scratch.makeTranslation(x, y, z));
      });
      mesh.count = synapses.length;
      mesh.instanceMatrix.needsUpdate = true;
    };
    place(pre.current, (s) => s.pre.position);
    place(post.current, (s) => s.post.position);
    invalidate();
  }, [synapses, invalidate]);

  return (
    <group name="synapses">
      <instancedMesh
        key={`pre-${capacity}`}
        ref={pre}
        args={[geometry, materials[0], capacity]}
        frustumCulled={false}
        count={0}
      />
      <instancedMesh
        key={`post-${capacity}`}
        ref={post}
        args={[geometry, materials[1], capacity]}
        frustumCulled={false}
        count={0}
      />
    </group>
  );
}
