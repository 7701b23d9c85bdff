/**
 * Activity traces: one row-major [frames, neurons] Float32Array (frame t, neuron n at t * neurons + n), on a
 * SharedArrayBuffer so that worker threads read it without a copy.
 */
export interface Series {
  data: Float32Array;
  frames: number;
  neurons: number;
  /** Column names (neuron names, or "0".."N-1" when the file has none). */
  names: string[];
}

/** Allocates a zeroed series backed by a SharedArrayBuffer. */
export function createSeries(frames: number, neurons: number, names?: string[]): Series {
  const n = names ?? Array.from({ length: neurons }, (_, i) => String(i));
  if (n.length !== neurons) throw new Error(`createSeries: ${neurons} neurons but ${n.length} names`);
  const data = new Float32Array(new SharedArrayBuffer(frames * neurons * 4));
  return { data, frames, neurons, names: n };
}

/** A series over `data` (copied onto shared memory when it is not already there). */
export function createSeriesFrom(
  data: ArrayLike<number>,
  frames: number,
  neurons: number,
  names?: string[],
): Series {
  if (data.length !== frames * neurons) {
    throw new Error(
      `createSeriesFrom: ${frames} × ${neurons} needs ${frames * neurons} values, got ${data.length}`,
    );
  }
  if (data instanceof Float32Array && data.buffer instanceof SharedArrayBuffer) {
    return { data, frames, neurons, names: names ?? Array.from({ length: neurons }, (_, i) => String(i)) };
  }
  const s = createSeries(frames, neurons, names);
  s.data.set(data);
  return s;
}
