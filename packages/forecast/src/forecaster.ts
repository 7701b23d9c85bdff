/** The contract every forecasting model meets (SPEC.md F1). */
import type { Series } from "./series";

export interface Forecaster {
  /** Input frames read before each forecast. */
  readonly context: number;
  /** Frames forecast. */
  readonly horizon: number;
  /**
   * Reads frames [end − context, end) of `series` and writes the next `horizon` frames into `out`
   * (row-major [horizon, neurons]). Allocates nothing.
   */
  predict(series: Series, end: number, out: Float64Array): void;
}
