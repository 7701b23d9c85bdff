import { useLayoutEffect, useRef } from "react";
import { type InstancedMesh, Matrix4, Quaternion, Vector3 } from "three";
import type { NeuronPreviewData } from "./createNeuronPreview";

const scratch = {
  m: new Matrix4(),
  q: new Quaternion(),
  a: new Vector3(),
  b: new Vector3(),
  s: new Vector3(),
};
const UP = new Vector3(0, 1, 0);

/** Instanced cylinders for the neurites and a sphere for the soma. */
export function NeuronPreview({ preview }: { preview: NeuronPreviewData }) {
  const ref = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const { m, q, a, b, s } = scratch;
    const seg = preview.segments;
    for (let i = 0; i < preview.count; i++) {
      const o = i * 8;
      a.set(seg[o]!, seg[o + 1]!, seg[o + 2]!);
      b.set(seg[o + 4]!, seg[o + 5]!, seg[o + 6]!);
      const len = a.distanceTo(b);
      const dir = b.clone().sub(a).normalize();
      q.setFromUnitVectors(UP, dir);
      const r = (seg[o + 3]! + seg[o + 7]!) / 2;
      s.set(r, len, r);
      m.compose(a.add(b).multiplyScalar(0.5), q, s);
      mesh.setMatrixAt(i, m);
    }
    mesh.instanceMatrix.needsUpdate = true;
  }, [preview]);
  const [sx, sy, sz, sr] = preview.soma;
  return (
    <group>
      <instancedMesh ref={ref} args={[undefined, undefined, preview.count]}>
        <cylinderGeometry args={[1, 1, 1, 10, 1]} />
        <meshStandardMaterial color="#4fc3f7" roughness={0.45} />
      </instancedMesh>
      <mesh position={[sx, sy, sz]}>
        <sphereGeometry args={[sr, 32, 24]} />
        <meshStandardMaterial color="#ffb74d" roughness={0.4} />
      </mesh>
    </group>
  );
}
