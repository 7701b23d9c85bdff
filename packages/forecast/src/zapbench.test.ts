import { describe, expect, it } from "vitest";
import { ZAPBENCH_CONDITION_NAMES, ZAPBENCH_CONDITION_OFFSETS, ZAPBENCH_HELD_OUT } from "./zapbench";

describe("ZAPBench constants", () => {
  it("has one name per condition interval and holds out taxis", () => {
    expect(ZAPBENCH_CONDITION_NAMES.length).toBe(ZAPBENCH_CONDITION_OFFSETS.length - 1);
    expect(ZAPBENCH_CONDITION_NAMES[ZAPBENCH_HELD_OUT[0]]).toBe("taxis");
    for (let i = 1; i < ZAPBENCH_CONDITION_OFFSETS.length; i++) {
      expect(ZAPBENCH_CONDITION_OFFSETS[i]).toBeGreaterThan(ZAPBENCH_CONDITION_OFFSETS[i - 1] as number);
    }
  });
});
