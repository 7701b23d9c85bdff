/**
 * The ZAPBench forecasting protocol for any condition table (SPEC.md Z1–Z5): conditions with frame
 * bounds, padding trimmed at each end, a 70/10/20 train/validation/test split inside every condition in time
 * order (integer truncation, test last), stride-1 windows of `context` input frames and `horizon` target
 * frames. Mirrors zapbench/data_utils.py (get_condition_bounds, adjust_condition_bounds_for_split,
 * get_num_windows).
 */
import {
  ZAPBENCH_CONDITION_NAMES,
  ZAPBENCH_CONDITION_OFFSETS,
  ZAPBENCH_CONDITION_PADDING,
  ZAPBENCH_HELD_OUT,
  ZAPBENCH_HORIZON,
  ZAPBENCH_MAX_CONTEXT,
  ZAPBENCH_TEST_FRACTION,
  ZAPBENCH_VAL_FRACTION,
} from "./zapbench";

/** One stimulus condition: frames [start, end) of the recording. */
export interface Condition {
  name: string;
  start: number;
  end: number;
  /** Held out of training; scored on its own over the "test_holdout" split. */
  heldOut: boolean;
}

export interface Protocol {
  conditions: readonly Condition[];
  /** Frames trimmed at each end of every condition. */
  padding: number;
  valFraction: number;
  testFraction: number;
  /** The longest context any model may use; held-out windows start this many frames into the condition. */
  maxContext: number;
  horizon: number;
}

export type Split = "train" | "val" | "test" | "test_holdout";

export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
}

export interface ProtocolOptions {
  padding?: number;
  valFraction?: number;
  testFraction?: number;
  maxContext?: number;
  horizon?: number;
}

/** Builds a protocol from a condition table; ZAPBench's fractions, padding, max context and horizon by default. */
export function createProtocol(conditions: readonly Condition[], options: ProtocolOptions = {}): Protocol {
  const protocol: Protocol = {
    conditions: conditions.map((c) => ({ ...c })),
    padding: options.padding ?? ZAPBENCH_CONDITION_PADDING,
    valFraction: options.valFraction ?? ZAPBENCH_VAL_FRACTION,
    testFraction: options.testFraction ?? ZAPBENCH_TEST_FRACTION,
    maxContext: options.maxContext ?? ZAPBENCH_MAX_CONTEXT,
    horizon: options.horizon ?? ZAPBENCH_HORIZON,
  };
  if (protocol.conditions.length === 0) throw new ProtocolError("condition table: no conditions");
  const seen = new Set<string>();
  for (const [i, c] of protocol.conditions.entries()) {
    if (c.name.length === 0) throw new ProtocolError(`condition ${i}: empty name`);
    if (seen.has(c.name)) throw new ProtocolError(`condition ${i}: name "${c.name}" is used twice`);
    seen.add(c.name);
    if (!Number.isInteger(c.start) || !Number.isInteger(c.end) || c.start < 0 || c.end <= c.start) {
      throw new ProtocolError(
        `condition "${c.name}": frames [${c.start}, ${c.end}) are not integers with 0 <= start < end`,
      );
    }
  }
  if (!protocol.conditions.some((c) => !c.heldOut)) {
    throw new ProtocolError("condition table: every condition is held out; at least one must train");
  }
  const { padding, valFraction, testFraction, maxContext, horizon } = protocol;
  if (!Number.isInteger(padding) || padding < 0)
    throw new ProtocolError(`padding ${padding}: expected an integer >= 0`);
  if (!(valFraction >= 0 && testFraction > 0 && valFraction + testFraction < 1)) {
    throw new ProtocolError(
      `fractions val ${valFraction}, test ${testFraction}: expected val >= 0, test > 0, sum < 1`,
    );
  }
  if (!Number.isInteger(maxContext) || maxContext < 1)
    throw new ProtocolError(`maxContext ${maxContext}: expected >= 1`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new ProtocolError(`horizon ${horizon}: expected >= 1`);
  return protocol;
}

/** Turns ZAPBench-style offsets (condition i spans offsets[i]..offsets[i+1]) into a condition table. */
export function conditionsFromOffsets(
  offsets: readonly number[],
  names: readonly string[],
  heldOut: readonly number[],
): Condition[] {
  if (names.length !== offsets.length - 1) {
    throw new ProtocolError(
      `condition table: ${offsets.length} offsets need ${offsets.length - 1} names, got ${names.length}`,
    );
  }
  for (const h of heldOut) {
    if (!Number.isInteger(h) || h < 0 || h >= names.length) {
      throw new ProtocolError(
        `condition table: held-out index ${h} is not a condition index 0..${names.length - 1}`,
      );
    }
  }
  return names.map((name, i) => ({
    name,
    start: offsets[i] as number,
    end: offsets[i + 1] as number,
    heldOut: heldOut.includes(i),
  }));
}

/** The ZAPBench protocol (Z1): nine conditions, taxis held out, padding 1, 70/10/20, max context 256, horizon 32. */
export function createZapbenchProtocol(): Protocol {
  return createProtocol(
    conditionsFromOffsets(ZAPBENCH_CONDITION_OFFSETS, ZAPBENCH_CONDITION_NAMES, ZAPBENCH_HELD_OUT),
  );
}

/** [inclusive min, exclusive max) of condition `index` after trimming `padding` frames at each end (Z2). */
export function conditionBounds(protocol: Protocol, index: number): [number, number] {
  const c = protocol.conditions[index];
  if (c === undefined)
    throw new ProtocolError(`condition index ${index}: expected 0..${protocol.conditions.length - 1}`);
  return [c.start + protocol.padding, c.end - protocol.padding];
}

/** Frames the condition contributes to each split (Z3): test and validation by truncation, train the rest. */
export function splitSizes(protocol: Protocol, index: number): { train: number; val: number; test: number } {
  const [lo, hi] = conditionBounds(protocol, index);
  const total = hi - lo;
  const test = Math.trunc(total * protocol.testFraction);
  const val = Math.trunc(total * protocol.valFraction);
  return { train: total - test - val, val, test };
}

/**
 * [inclusive min, exclusive max) of a split of condition `index` for a model with `context` input frames
 * (Z3): validation and test bounds start `context` frames early so that their first window's targets are the
 * split's first frames; "test_holdout" spans the whole condition after `maxContext − context` frames.
 */
export function splitBounds(
  protocol: Protocol,
  index: number,
  split: Split,
  context: number,
): [number, number] {
  let [lo, hi] = conditionBounds(protocol, index);
  const { train, val } = splitSizes(protocol, index);
  if (split === "train") hi = lo + train;
  else if (split === "val") {
    hi = lo + train + val;
    lo += train - context;
  } else if (split === "test") lo += train + val - context;
  else lo += protocol.maxContext - context;
  const name = protocol.conditions[index]?.name;
  if (lo < 0 || lo >= hi) {
    throw new ProtocolError(
      `condition "${name}": ${split} split for context ${context} is [${lo}, ${hi}), expected 0 <= min < max`,
    );
  }
  return [lo, hi];
}

/** Stride-1 windows in [lo, hi): `hi − lo − horizon − context + 1` (Z4; zero when negative). */
export function numWindows(lo: number, hi: number, context: number, horizon: number): number {
  return Math.max(0, hi - lo - horizon - context + 1);
}

/** The split each condition is scored on: "test" for training conditions, "test_holdout" for held-out ones. */
export function scoringSplit(condition: Condition): Split {
  return condition.heldOut ? "test_holdout" : "test";
}

/**
 * Checks that a recording of `frames` frames holds every condition and that every scored split has at
 * least one window for `context` (and that context <= maxContext). Throws naming the condition.
 */
export function checkProtocolFits(protocol: Protocol, frames: number, context: number): void {
  if (context > protocol.maxContext) {
    throw new ProtocolError(
      `context ${context} exceeds the protocol's maximum context ${protocol.maxContext}`,
    );
  }
  for (const [i, c] of protocol.conditions.entries()) {
    if (c.end > frames) {
      throw new ProtocolError(
        `condition "${c.name}" ends at frame ${c.end} but the activity has ${frames} frames`,
      );
    }
    const [lo, hi] = splitBounds(protocol, i, scoringSplit(c), context);
    if (numWindows(lo, hi, context, protocol.horizon) < 1) {
      throw new ProtocolError(
        `condition "${c.name}": its ${scoringSplit(c)} split [${lo}, ${hi}) holds no window of ${context} + ${protocol.horizon} frames`,
      );
    }
  }
}
