import { describe, expect, it } from "vitest";
import { fitOrbit, initialOrbit, orbitAxes, orbitPosition, panOrbit, rotateOrbit, zoomOrbit } from "./orbit";

const close = (a: readonly number[], b: readonly number[]) => {
  for (const [i, x] of a.entries()) expect(x).toBeCloseTo(b[i]!, 6);
};

describe("orbit", () => {
  it("starts looking along +z with x to the right and −y up (image rows going down)", () => {
    const o = { ...initialOrbit(), distance: 10 };
    close(orbitPosition(o), [0, 0, -10]);
    const { right, up } = orbitAxes(o);
    close(right, [1, 0, 0]);
    close(up, [0, -1, 0]);
  });

  it("rotates around the up axis and keeps the camera off the poles", () => {
    const o = rotateOrbit({ ...initialOrbit(), distance: 10 }, -100, 0, Math.PI / 200);
    close(orbitPosition(o), [10, 0, 0]);
    const top = rotateOrbit(o, 0, 1e6, 0.01);
    expect(top.phi).toBeGreaterThan(0);
    expect(orbitPosition(top)[1]).toBeLessThan(-9.9);
  });

  it("pans so that the scene follows the pointer", () => {
    const o = { ...initialOrbit(), distance: 100 };
    // Dragging right moves the scene right: the target (screen centre) moves left, to −x.
    const p = panOrbit(o, 10, 0, 200, 90);
    expect(p.target[0]).toBeCloseTo(-10);
    // Dragging down moves the scene down: the target moves up the screen, to −y.
    const q = panOrbit(o, 0, 10, 200, 90);
    expect(q.target[1]).toBeCloseTo(-10);
  });

  it("zooms exponentially within limits and fits a box", () => {
    const o = { ...initialOrbit(), distance: 100 };
    expect(zoomOrbit(o, 100, 1, 1000).distance).toBeGreaterThan(100);
    expect(zoomOrbit(o, -100, 1, 1000).distance).toBeLessThan(100);
    expect(zoomOrbit(o, 1e6, 1, 1000).distance).toBe(1000);
    // Seen along +z: the near face (z = 0) is 50 nm in front of the centre and must fit ±100 nm.
    const f = fitOrbit(o, [0, 0, 0], [200, 200, 100], 90, 1, 1);
    close(f.target, [100, 100, 50]);
    expect(f.distance).toBeCloseTo(150);
    // A wide view fits the height; a narrow one the width.
    expect(fitOrbit(o, [0, 0, 0], [200, 200, 100], 90, 2, 1).distance).toBeCloseTo(150);
    expect(fitOrbit(o, [0, 0, 0], [200, 200, 100], 90, 0.5, 1).distance).toBeCloseTo(250);
  });
});
