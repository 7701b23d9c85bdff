import { describe, expect, it } from "vitest";
import { ImportArgsError, importHelp, parseImportArgs } from "./importArgs";

describe("parseImportArgs", () => {
  it("[NP9] reads danio import neuroproof SRC --out DIR and its options", () => {
    expect(parseImportArgs(["neuroproof", "data/np", "--out", "np"])).toEqual({
      kind: "neuroproof",
      options: { src: "data/np", out: "np" },
    });
    expect(
      parseImportArgs([
        "neuroproof",
        "--out=np",
        "data/np",
        "--voxel-size",
        "10,10,10",
        "--name",
        "np1",
        "--force",
      ]),
    ).toEqual({
      kind: "neuroproof",
      options: { src: "data/np", out: "np", voxelSize: [10, 10, 10], name: "np1", overwrite: true },
    });
    expect(parseImportArgs(["neuroproof", "--help"])).toEqual({ kind: "help" });
    expect(importHelp).toMatch(/danio import neuroproof SRC --out DIR/);
  });

  it("[NP9] names the argument and what it expects on error", () => {
    const bad = (argv: string[], msg: RegExp) => {
      expect(() => parseImportArgs(argv)).toThrow(ImportArgsError);
      expect(() => parseImportArgs(argv)).toThrow(msg);
    };
    bad([], /a format is required/);
    bad(["cremi", "x", "--out", "y"], /unknown format "cremi" \(expected one of: neuroproof\)/);
    bad(["neuroproof", "--out", "y"], /SRC is required/);
    bad(["neuroproof", "x"], /--out DIR is required/);
    bad(["neuroproof", "x", "--out"], /--out needs a value/);
    bad(
      ["neuroproof", "x", "--out", "y", "--voxel-size", "8,8"],
      /--voxel-size expects three positive numbers/,
    );
    bad(["neuroproof", "x", "--out", "y", "--seed", "1"], /unknown option "--seed"/);
    bad(["neuroproof", "x", "z", "--out", "y"], /unexpected argument "z"/);
    bad(["neuroproof", "x", "--out", "y", "--out", "z"], /--out is given twice/);
  });
});
