/**
 * Command-line arguments of `danio generate` (the CLI in server/ calls these): `parseGenerateArgs`
 * turns argv into GenerateOptions with clear errors, `generateHelp` is the usage text.
 */
import type { Vec3 } from "@danio/formats";
import { GENERATE_DEFAULTS, type GenerateOptions } from "./generateDataset";

export const generateHelp = `Usage: danio generate --out DIR [options]

Writes a deterministic synthetic brain: branching neurons, supervoxels, a supervoxel graph whose
automated agglomeration makes false merges and false splits, synapses, an EM-like image, per-supervoxel
meshes and the ground truth.

Options:
  --out DIR                 the dataset directory to create (required)
  --seed N                  random seed, a non-negative integer (default ${GENERATE_DEFAULTS.seed})
  --neurons N               number of neurons (default ${GENERATE_DEFAULTS.neurons})
  --size X,Y,Z              volume size in voxels (default ${GENERATE_DEFAULTS.size.join(",")})
  --merge-error-rate R      fraction of touching neuron pairs the agglomeration merges (default ${GENERATE_DEFAULTS.mergeErrorRate})
  --split-error-rate R      fraction of same-neuron supervoxel edges it cuts (default ${GENERATE_DEFAULTS.splitErrorRate})
  --force                   replace DIR if it exists
  -h, --help                show this text
`;

export class GenerateArgsError extends Error {
  override readonly name = "GenerateArgsError";
}

export type GenerateArgs = { kind: "help" } | { kind: "generate"; options: GenerateOptions };

const VALUE_FLAGS = [
  "--out",
  "--seed",
  "--neurons",
  "--size",
  "--merge-error-rate",
  "--split-error-rate",
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function integer(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min) {
    throw new GenerateArgsError(`${flag} expects an integer ≥ ${min}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function rate(flag: string, text: string): number {
  const r = Number(text);
  if (text.trim() === "" || !Number.isFinite(r) || r < 0 || r > 1) {
    throw new GenerateArgsError(`${flag} expects a rate from 0 to 1, got ${JSON.stringify(text)}`);
  }
  return r;
}

/** Parses the arguments after `generate`, e.g. ["--out", "demo", "--size=128,128,64"]. */
export function parseGenerateArgs(argv: readonly string[]): GenerateArgs {
  const values = new Map<ValueFlag, string>();
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") return { kind: "help" };
    if (arg === "--force") {
      force = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new GenerateArgsError(
        arg.startsWith("-")
          ? `unknown option ${JSON.stringify(flag)} (see danio generate --help)`
          : `unexpected argument ${JSON.stringify(arg)} (see danio generate --help)`,
      );
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2))
        throw new GenerateArgsError(`${flag} needs a value`);
      value = next;
      i++;
    }
    if (values.has(flag as ValueFlag)) throw new GenerateArgsError(`${flag} is given twice`);
    values.set(flag as ValueFlag, value);
  }
  const out = values.get("--out");
  if (out === undefined || out === "")
    throw new GenerateArgsError("--out DIR is required (see danio generate --help)");
  const options: GenerateOptions = { out };
  const seed = values.get("--seed");
  if (seed !== undefined) options.seed = integer("--seed", seed, 0);
  const neurons = values.get("--neurons");
  if (neurons !== undefined) options.neurons = integer("--neurons", neurons, 1);
  const size = values.get("--size");
  if (size !== undefined) {
    const parts = size.split(",");
    if (parts.length !== 3)
      throw new GenerateArgsError(`--size expects X,Y,Z such as 256,256,128, got ${JSON.stringify(size)}`);
    options.size = parts.map((p) => integer("--size", p.trim(), 16)) as Vec3;
  }
  const merge = values.get("--merge-error-rate");
  if (merge !== undefined) options.mergeErrorRate = rate("--merge-error-rate", merge);
  const split = values.get("--split-error-rate");
  if (split !== undefined) options.splitErrorRate = rate("--split-error-rate", split);
  if (force) options.overwrite = true;
  return { kind: "generate", options };
}
