import type { Vec3 } from "./worldFrame";

/**
 * A turntable camera around `target`: the screen's up is the dataset's −y (image rows go down, as in
 * the slice views and Neuroglancer), and at theta = 0, phi = π/2 the camera looks along +z with x to
 * the right. Angles are those of three's Spherical in a frame whose +y is the world's −y (and +z the
 * world's −z); pure functions, so the controls component only maps pointer events onto them.
 */
export interface Orbit {
  target: Vec3;
  /** Camera to target, nm. */
  distance: number;
  /** Around the up axis. */
  theta: number;
  /** From the up axis, kept inside (0, π). */
  phi: number;
}

/** The world's screen-up direction. */
export const ORBIT_UP: Vec3 = [0, -1, 0];

const PHI_MIN = 0.01;
const PHI_MAX = Math.PI - 0.01;

export function initialOrbit(): Orbit {
  return { target: [0, 0, 0], distance: 1, theta: 0, phi: Math.PI / 2 };
}

/** Unit vector from the target to the camera. */
export function orbitDirection(o: Orbit): Vec3 {
  const s = Math.sin(o.phi);
  return [s * Math.sin(o.theta), -Math.cos(o.phi), -s * Math.cos(o.theta)];
}

export function orbitPosition(o: Orbit): Vec3 {
  const d = orbitDirection(o);
  return [o.target[0] + d[0] * o.distance, o.target[1] + d[1] * o.distance, o.target[2] + d[2] * o.distance];
}

/** The camera's right and up unit vectors in the world. */
export function orbitAxes(o: Orbit): { right: Vec3; up: Vec3 } {
  const d = orbitDirection(o);
  const f: Vec3 = [-d[0], -d[1], -d[2]];
  const u = ORBIT_UP;
  let right: Vec3 = [f[1] * u[2] - f[2] * u[1], f[2] * u[0] - f[0] * u[2], f[0] * u[1] - f[1] * u[0]];
  const len = Math.hypot(right[0], right[1], right[2]) || 1;
  right = [right[0] / len, right[1] / len, right[2] / len];
  const up: Vec3 = [
    right[1] * f[2] - right[2] * f[1],
    right[2] * f[0] - right[0] * f[2],
    right[0] * f[1] - right[1] * f[0],
  ];
  return { right, up };
}

/** Drag by (dx, dy) pixels: the scene turns with the pointer. */
export function rotateOrbit(o: Orbit, dx: number, dy: number, radiansPerPixel: number): Orbit {
  return {
    ...o,
    theta: o.theta - dx * radiansPerPixel,
    phi: Math.min(PHI_MAX, Math.max(PHI_MIN, o.phi - dy * radiansPerPixel)),
  };
}

/** Drag by (dx, dy) pixels: the point under the pointer follows it (at the target's depth). */
export function panOrbit(o: Orbit, dx: number, dy: number, heightPx: number, fovDegrees: number): Orbit {
  const nmPerPx = (2 * o.distance * Math.tan((fovDegrees * Math.PI) / 360)) / Math.max(1, heightPx);
  const { right, up } = orbitAxes(o);
  const t = o.target;
  return {
    ...o,
    target: [
      t[0] + (-dx * right[0] + dy * up[0]) * nmPerPx,
      t[1] + (-dx * right[1] + dy * up[1]) * nmPerPx,
      t[2] + (-dx * right[2] + dy * up[2]) * nmPerPx,
    ],
  };
}

/** Wheel by deltaY pixels (positive: away), exponential, within [min, max]. */
export function zoomOrbit(o: Orbit, deltaY: number, min: number, max: number): Orbit {
  const distance = Math.min(max, Math.max(min, o.distance * Math.exp(deltaY * 0.0015)));
  return { ...o, distance };
}

/**
 * Looks at the centre of a box from the current direction, just far enough that all eight corners fall
 * inside the view (times `margin`).
 */
export function fitOrbit(
  o: Orbit,
  min: Vec3,
  max: Vec3,
  fovDegrees: number,
  aspect: number,
  margin = 1.08,
): Orbit {
  const centre: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const tanV = Math.tan((fovDegrees * Math.PI) / 360);
  const tanH = tanV * aspect;
  const toCamera = orbitDirection(o);
  const { right, up } = orbitAxes(o);
  let distance = 0;
  for (let k = 0; k < 8; k++) {
    const c: Vec3 = [
      (k & 1 ? max[0] : min[0]) - centre[0],
      (k & 2 ? max[1] : min[1]) - centre[1],
      (k & 4 ? max[2] : min[2]) - centre[2],
    ];
    const dot = (a: Vec3) => a[0] * c[0] + a[1] * c[1] + a[2] * c[2];
    const z = dot(toCamera);
    distance = Math.max(distance, z + Math.abs(dot(right)) / tanH, z + Math.abs(dot(up)) / tanV);
  }
  return { ...o, target: centre, distance: Math.max(1, distance * margin) };
}

/** Near and far planes that keep depth precision and still hold the whole scene (radius nm). */
export function clipPlanes(o: Orbit, sceneRadius: number): { near: number; far: number } {
  const near = Math.max(0.01, o.distance / 200);
  const far = o.distance + 4 * Math.max(sceneRadius, o.distance);
  return { near, far };
}
