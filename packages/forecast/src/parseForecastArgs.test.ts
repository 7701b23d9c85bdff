import { describe, expect, it } from "vitest";
import { ForecastArgsError, forecastHelp, parseForecastArgs } from "./parseForecastArgs";

describe("danio forecast flags", () => {
  const base = ["--activity", "a.zarr", "--connectome", "e.csv", "--report", "out"];

  it("[R4] reads the flags with their defaults", () => {
    const r = parseForecastArgs([
      ...base,
      "--context=256",
      "--models",
      "mean,masked-ar",
      "--conditions",
      "c.json",
    ]);
    expect(r).toEqual({
      help: false,
      options: {
        activity: "a.zarr",
        connectome: "e.csv",
        conditions: "c.json",
        context: 256,
        models: ["mean", "masked-ar"],
        reportDir: "out",
        synapseTypes: "all",
        seed: 1,
        workers: 2,
        valWindows: 64,
      },
    });
    const d = parseForecastArgs(base);
    expect(d.help === false && d.options.context).toBe(4);
    expect(d.help === false && d.options.models).toEqual(["mean", "last", "linear", "ridge-ar", "masked-ar"]);
    expect(parseForecastArgs(["--help"])).toEqual({ help: true });
    expect(forecastHelp).toContain("--context 4|256");
  });

  it("[R4] names the flag and what was expected", () => {
    const bad = (argv: string[], message: RegExp) => {
      expect(() => parseForecastArgs(argv)).toThrow(ForecastArgsError);
      expect(() => parseForecastArgs(argv)).toThrow(message);
    };
    bad(["--activity", "a"], /--connectome: required/);
    bad([...base, "--context", "8"], /--context: expected 4 or 256 \(the ZAPBench contexts\), got "8"/);
    bad([...base, "--models", "mean,magic"], /--models: unknown model "magic"/);
    bad([...base, "--bogus", "1"], /unknown flag --bogus/);
    bad([...base, "--workers", "0"], /--workers: expected an integer from 1 to 64, got "0"/);
    bad([...base, "--report"], /--report: expected a value/);
    bad([...base, "--synapse-types", "gap"], /--synapse-types: expected all, chemical or electrical/);
    bad([...base, "stray"], /unexpected argument "stray"/);
  });
});
