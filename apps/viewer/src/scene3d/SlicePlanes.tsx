import { useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import { BoxGeometry, DoubleSide, EdgesGeometry, type Group, PlaneGeometry } from "three";
import type { ViewerSession } from "../state/ViewerSession";
import { slicePlanesNm, type WorldFrame } from "./worldFrame";

/** Axis colours of the three planes: yz (normal x), xz (normal y), xy (normal z). */
export const PLANE_COLOURS = ["#ff5c5c", "#5cff7a", "#5c9dff"] as const;

/**
 * The bounding box of the dataset and the three slice planes through the store's slice position, as thin
 * translucent quads with outlined edges. The planes move by mutation on store changes, never re-render.
 */
export function SlicePlanes({ session, frame }: { session: ViewerSession; frame: WorldFrame }) {
  const invalidate = useThree((s) => s.invalidate);
  const planes = useRef<(Group | null)[]>([null, null, null]);
  const { min, max } = frame;
  const size: [number, number, number] = [max[0] - min[0], max[1] - min[1], max[2] - min[2]];
  const centre: [number, number, number] = [
    (min[0] + max[0]) / 2,
    (min[1] + max[1]) / 2,
    (min[2] + max[2]) / 2,
  ];
  const quad = useMemo(() => new PlaneGeometry(1, 1), []);
  const quadEdges = useMemo(() => new EdgesGeometry(quad), [quad]);
  const boxEdges = useMemo(() => new EdgesGeometry(new BoxGeometry(1, 1, 1)), []);
  useEffect(
    () => () => {
      quad.dispose();
      quadEdges.dispose();
      boxEdges.dispose();
    },
    [quad, quadEdges, boxEdges],
  );

  useEffect(() => {
    const place = () => {
      const at = slicePlanesNm(frame, session.store.getState().slice);
      const [yz, xz, xy] = planes.current;
      yz?.position.setX(at[0]);
      xz?.position.setY(at[1]);
      xy?.position.setZ(at[2]);
      invalidate();
    };
    place();
    return session.store.subscribe((s, p) => {
      if (s.slice !== p.slice) place();
    });
  }, [session, frame, invalidate]);

  // Each plane: a unit quad in its group, scaled to the box's extent on the two axes it spans.
  const spec = [
    { colour: PLANE_COLOURS[0], rotation: [0, Math.PI / 2, 0], scale: [size[2], size[1], 1] },
    { colour: PLANE_COLOURS[1], rotation: [Math.PI / 2, 0, 0], scale: [size[0], size[2], 1] },
    { colour: PLANE_COLOURS[2], rotation: [0, 0, 0], scale: [size[0], size[1], 1] },
  ] as const;
  return (
    <group name="slices">
      <lineSegments geometry={boxEdges} position={centre} scale={size}>
        <lineBasicMaterial color="#6b7a88" transparent opacity={0.7} />
      </lineSegments>
      {spec.map((p, i) => (
        <group
          key={p.colour}
          ref={(g) => {
            planes.current[i] = g;
          }}
          position={centre}
        >
          <group rotation={p.rotation} scale={p.scale}>
            <mesh geometry={quad} renderOrder={10}>
              <meshBasicMaterial
                color={p.colour}
                transparent
                opacity={0.07}
                side={DoubleSide}
                depthWrite={false}
              />
            </mesh>
            <lineSegments geometry={quadEdges}>
              <lineBasicMaterial color={p.colour} transparent opacity={0.55} />
            </lineSegments>
          </group>
        </group>
      ))}
    </group>
  );
}
