/**
 * The ZAPBench protocol constants (zapbench/constants.py). Frame offsets delimit the stimulus conditions
 * of the zebrafish recording; see SPEC.md rules Z1–Z4.
 */
export const ZAPBENCH_CONDITION_OFFSETS = [0, 649, 2422, 3078, 3735, 5047, 5638, 6623, 7279, 7879] as const;
export const ZAPBENCH_CONDITION_NAMES = [
  "gain",
  "dots",
  "flash",
  "taxis",
  "turning",
  "position",
  "open loop",
  "rotation",
  "dark",
] as const;
/** Taxis (index 3) is held out of training and reported apart. */
export const ZAPBENCH_HELD_OUT = [3] as const;
/** Conditions whose train splits are fitted and whose test splits are averaged (all but taxis). */
export const ZAPBENCH_TRAIN_CONDITIONS = [0, 1, 2, 4, 5, 6, 7, 8] as const;
/** Frames dropped at the start and at the end of every condition. */
export const ZAPBENCH_CONDITION_PADDING = 1;
export const ZAPBENCH_VAL_FRACTION = 0.1;
export const ZAPBENCH_TEST_FRACTION = 0.2;
/** The longest context any model may use; the held-out condition's windows start after it. */
export const ZAPBENCH_MAX_CONTEXT = 256;
export const ZAPBENCH_HORIZON = 32;
export const ZAPBENCH_CONTEXTS = [4, 256] as const;
/** Frames in the ZAPBench trace matrix (240930_traces: 7879 × 71721, float32, zarr v3). */
export const ZAPBENCH_FRAMES = 7879;
/** ΔF/F as ZAPBench computes it: baseline = 8th percentile in a ±400-frame window, result clipped. */
export const ZAPBENCH_DFF_PERCENTILE = 8;
export const ZAPBENCH_DFF_HALF_WINDOW = 400;
export const ZAPBENCH_DFF_CLIP = [-0.25, 1.5] as const;
