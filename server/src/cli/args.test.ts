import { describe, expect, it } from "vitest";
import { checkKnownFlags, intFlag, parseArgs, UsageError } from "./args";

describe("CLI argument parsing", () => {
  it("reads --name value, --name=value, booleans and positionals", () => {
    const a = parseArgs(["import", "--out", "d", "--port=9", "--json", "src"], ["json"]);
    expect(a.positional).toEqual(["import", "src"]);
    expect(a.flags.get("out")).toBe("d");
    expect(a.flags.get("json")).toBe(true);
    expect(intFlag(a, "port", 1, 0, 65535)).toBe(9);
  });

  it("names the flag and what was expected", () => {
    expect(() => parseArgs(["--out"])).toThrow(/--out: expected a value/);
    expect(() => intFlag(parseArgs(["--port", "x"]), "port", 1, 0, 65535)).toThrow(
      /--port: expected an integer from 0 to 65535, got "x"/,
    );
    expect(() => checkKnownFlags(parseArgs(["--bogus", "1"]), ["port"], "demo")).toThrow(UsageError);
  });
});
