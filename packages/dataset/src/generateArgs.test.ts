import { describe, expect, it } from "vitest";
import { generateHelp, parseGenerateArgs } from "./generateArgs";

describe("danio generate arguments", () => {
  it("[G1] parses every option, in both --flag value and --flag=value forms", () => {
    expect(
      parseGenerateArgs([
        "--out",
        "demo",
        "--seed=7",
        "--neurons",
        "40",
        "--size",
        "128, 96,64",
        "--merge-error-rate",
        "0.05",
        "--split-error-rate=0",
        "--force",
      ]),
    ).toEqual({
      kind: "generate",
      options: {
        out: "demo",
        seed: 7,
        neurons: 40,
        size: [128, 96, 64],
        mergeErrorRate: 0.05,
        splitErrorRate: 0,
        overwrite: true,
      },
    });
    expect(parseGenerateArgs(["--out", "d"])).toEqual({ kind: "generate", options: { out: "d" } });
    expect(parseGenerateArgs(["--out", "d", "--help"])).toEqual({ kind: "help" });
    expect(generateHelp).toMatch(/--merge-error-rate R/);
  });

  it("[G1] names the option and what it expects when an argument is wrong", () => {
    expect(() => parseGenerateArgs([])).toThrow(/--out DIR is required/);
    expect(() => parseGenerateArgs(["--out"])).toThrow(/--out needs a value/);
    expect(() => parseGenerateArgs(["--out", "d", "--neurons", "many"])).toThrow(
      /--neurons expects an integer ≥ 1, got "many"/,
    );
    expect(() => parseGenerateArgs(["--out", "d", "--neurons", "0"])).toThrow(
      /--neurons expects an integer ≥ 1, got "0"/,
    );
    expect(() => parseGenerateArgs(["--out", "d", "--seed", "-1"])).toThrow(
      /--seed needs a value|--seed expects/,
    );
    expect(() => parseGenerateArgs(["--out", "d", "--size", "64,64"])).toThrow(
      /--size expects X,Y,Z such as 256,256,128, got "64,64"/,
    );
    expect(() => parseGenerateArgs(["--out", "d", "--size", "64,8,64"])).toThrow(
      /--size expects an integer ≥ 16, got "8"/,
    );
    expect(() => parseGenerateArgs(["--out", "d", "--merge-error-rate", "1.5"])).toThrow(
      /--merge-error-rate expects a rate from 0 to 1, got "1.5"/,
    );
    expect(() => parseGenerateArgs(["--out", "d", "--colour", "red"])).toThrow(/unknown option "--colour"/);
    expect(() => parseGenerateArgs(["--out", "d", "extra"])).toThrow(/unexpected argument "extra"/);
    expect(() => parseGenerateArgs(["--out", "d", "--out", "e"])).toThrow(/--out is given twice/);
  });
});
