import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import {
  BackSide,
  Color,
  type InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  SphereGeometry,
  Vector3,
} from "three";
import type { ViewerSession } from "../state/ViewerSession";
import { type PeerMarker, peerMarkers } from "./peerMarkers";
import type { ViewBridge } from "./viewBridge";

const MAX_PEERS = 64;
const scratch = { m: new Matrix4(), c: new Color(), v: new Vector3() };

/**
 * Other users' 3D cursors: one instanced marker per user in their colour, drawn over the meshes, and
 * their labels (DOM elements owned by PeerLabels) moved to the projected cursor on every rendered frame.
 */
export function PeerCursors({
  session,
  bridge,
  radius,
}: {
  session: ViewerSession;
  bridge: ViewBridge;
  radius: number;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const ref = useRef<InstancedMesh>(null);
  const outlineRef = useRef<InstancedMesh>(null);
  const markers = useRef<PeerMarker[]>([]);
  // A dot in the user's colour inside a dark rim, drawn over everything so that it is never hidden.
  const geometry = useMemo(() => new SphereGeometry(radius, 12, 8), [radius]);
  const outline = useMemo(() => new SphereGeometry(radius * 1.5, 12, 8), [radius]);
  const material = useMemo(() => new MeshBasicMaterial({ depthTest: false, transparent: true }), []);
  const rim = useMemo(
    () =>
      new MeshBasicMaterial({
        color: "#05080a",
        side: BackSide,
        depthTest: false,
        transparent: true,
        opacity: 0.85,
      }),
    [],
  );
  useEffect(
    () => () => {
      geometry.dispose();
      outline.dispose();
      material.dispose();
      rim.dispose();
    },
    [geometry, outline, material, rim],
  );

  useEffect(() => {
    const update = () => {
      markers.current = peerMarkers(session.store.getState().peers);
      const mesh = ref.current;
      const back = outlineRef.current;
      if (mesh && back) {
        let n = 0;
        for (const p of markers.current) {
          if (!p.position || n >= MAX_PEERS) continue;
          scratch.m.makeTranslation(p.position[0], p.position[1], p.position[2]);
          mesh.setMatrixAt(n, scratch.m);
          back.setMatrixAt(n, scratch.m);
          mesh.setColorAt(n, scratch.c.set(p.colour));
          n++;
        }
        mesh.count = n;
        back.count = n;
        mesh.instanceMatrix.needsUpdate = true;
        back.instanceMatrix.needsUpdate = true;
        if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      }
      invalidate();
    };
    update();
    return session.store.subscribe((s, p) => {
      if (s.peers !== p.peers) update();
    });
  }, [session, invalidate]);

  useFrame(({ camera, size }) => {
    for (const p of markers.current) {
      const el = bridge.labels.get(p.key);
      if (!el) continue;
      if (!p.position) {
        el.style.display = "none";
        continue;
      }
      const v = scratch.v.set(p.position[0], p.position[1], p.position[2]).project(camera);
      if (v.z < -1 || v.z > 1) {
        el.style.display = "none";
        continue;
      }
      const x = ((v.x + 1) / 2) * size.width;
      const y = ((1 - v.y) / 2) * size.height;
      el.style.display = "block";
      el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    }
  });

  return (
    <group name="peer cursors">
      <instancedMesh
        ref={outlineRef}
        args={[outline, rim, MAX_PEERS]}
        count={0}
        frustumCulled={false}
        renderOrder={999}
      />
      <instancedMesh
        ref={ref}
        args={[geometry, material, MAX_PEERS]}
        count={0}
        frustumCulled={false}
        renderOrder={1000}
      />
    </group>
  );
}
