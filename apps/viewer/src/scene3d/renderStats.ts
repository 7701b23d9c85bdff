/** Figures of the last rendered frame, for tests and the benchmark (`window.__danioRender`). */
export interface RenderStats {
  /** Draw calls of the last frame (gl.info.render.calls). */
  drawCalls: number;
  /** Triangles of the last frame (gl.info.render.triangles). */
  triangles: number;
  /** Wall time of the last frame's render, ms, including the GPU finishing it. */
  frameMs: number;
  /** Frames rendered so far. */
  frames: number;
  /** Segments drawn, and their triangles. */
  segments: number;
  segmentTriangles: number;
  /** Mesh fetch jobs queued or running (0: all wanted LODs loaded). */
  pendingJobs: number;
  /** True when even the coarsest LODs of the selection exceed the triangle budget. */
  overBudget: boolean;
}

declare global {
  interface Window {
    __danioRender?: RenderStats;
  }
}
