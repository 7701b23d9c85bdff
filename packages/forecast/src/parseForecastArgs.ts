/** Flags of `danio forecast` (SPEC.md R4), validated with errors that name the flag and what was expected. */
import { DEFAULT_MODELS, isModelName, MODEL_NAMES } from "./fitNamedModel";
import type { SynapseTypes } from "./parseEdgeTable";
import type { ForecastOptions } from "./runForecast";

export class ForecastArgsError extends Error {
  override readonly name = "ForecastArgsError";
}

export const forecastHelp = `danio forecast --activity FILE --connectome FILE --report DIR [options]

Fits forecasting models on activity traces, scores them exactly as ZAPBench does (MAE per step over
stride-1 test windows, mean over the training conditions, held-out condition apart), fits each
connectome-constrained model again on three control wiring diagrams (degree-preserving rewired, random of
equal density, self-connections only), and writes report.json, summary.md and SVG plots to DIR.

  --activity FILE       traces [frames, neurons]: a zarr v3 array directory (as ZAPBench), .npy, or .csv/.tsv
                        (first row = neuron names)
  --connectome FILE     wiring diagram as an edge CSV/TSV (pre,post,weight / source,target,count / …);
                        neuron names are matched to the activity's column names
  --conditions FILE     condition table (.json with offsets/names/heldOut, or .csv name,start,end,held_out);
                        default: the ZAPBench table (needs 7879 frames)
  --context 4|256       input frames per forecast (default 4)
  --models LIST         comma-separated, from: ${MODEL_NAMES.join(", ")}
                        (default ${DEFAULT_MODELS.join(",")})
  --report DIR          where to write the report
  --signs FILE          edge sign table (pre,post,predicted_polarity) for masked-ar-signed
  --synapse-types T     all (default), chemical or electrical
  --seed N              seed of the controls and the RNN (default 1)
  --workers N           worker threads for per-neuron fits (default 2)
  --val-windows N       validation windows per condition for hyperparameter selection (default 64)
  --help                this text`;

export type ParsedForecastArgs =
  | { help: true }
  | { help: false; options: Omit<ForecastOptions, "onProgress"> };

const VALUE_FLAGS = [
  "activity",
  "connectome",
  "conditions",
  "context",
  "models",
  "report",
  "signs",
  "synapse-types",
  "seed",
  "workers",
  "val-windows",
] as const;

function intFlag(
  flags: Map<string, string>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ForecastArgsError(`--${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

export function parseForecastArgs(argv: readonly string[]): ParsedForecastArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") return { help: true };
    if (!arg.startsWith("--"))
      throw new ForecastArgsError(`unexpected argument "${arg}" (see danio forecast --help)`);
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) {
      throw new ForecastArgsError(`unknown flag --${name} (see danio forecast --help)`);
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--"))
        throw new ForecastArgsError(`--${name}: expected a value`);
      i++;
    }
    if (flags.has(name)) throw new ForecastArgsError(`--${name}: given twice`);
    flags.set(name, value);
  }
  for (const required of ["activity", "connectome", "report"]) {
    if (!flags.get(required))
      throw new ForecastArgsError(`--${required}: required (see danio forecast --help)`);
  }
  const contextText = flags.get("context") ?? "4";
  if (contextText !== "4" && contextText !== "256") {
    throw new ForecastArgsError(`--context: expected 4 or 256 (the ZAPBench contexts), got "${contextText}"`);
  }
  const models = (flags.get("models") ?? DEFAULT_MODELS.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (models.length === 0) throw new ForecastArgsError("--models: expected at least one model");
  for (const m of models) {
    if (!isModelName(m))
      throw new ForecastArgsError(`--models: unknown model "${m}" (known: ${MODEL_NAMES.join(", ")})`);
  }
  if (new Set(models).size !== models.length)
    throw new ForecastArgsError("--models: a model is listed twice");
  const types = flags.get("synapse-types") ?? "all";
  if (types !== "all" && types !== "chemical" && types !== "electrical") {
    throw new ForecastArgsError(`--synapse-types: expected all, chemical or electrical, got "${types}"`);
  }
  const options: Omit<ForecastOptions, "onProgress"> = {
    activity: flags.get("activity") as string,
    connectome: flags.get("connectome") as string,
    context: contextText === "4" ? 4 : 256,
    models,
    reportDir: flags.get("report") as string,
    synapseTypes: types as SynapseTypes,
    seed: intFlag(flags, "seed", 1, 0, 2 ** 31 - 1),
    workers: intFlag(flags, "workers", 2, 1, 64),
    valWindows: intFlag(flags, "val-windows", 64, 1, 1_000_000),
  };
  const conditions = flags.get("conditions");
  if (conditions !== undefined) options.conditions = conditions;
  const signs = flags.get("signs");
  if (signs !== undefined) options.signs = signs;
  return { help: false, options };
}
