/**
 * Command-line arguments of `danio import` (the CLI in server/ calls these): `parseImportArgs` turns the
 * arguments after `import` into importer options with clear errors, `importHelp` is the usage text.
 * Today one format: `danio import neuroproof SRC --out DIR`.
 */
import type { Vec3 } from "@danio/formats";
import { type ImportNeuroproofOptions, NEUROPROOF_DEFAULT_VOXEL_SIZE } from "./importNeuroproof";

export const importHelp = `Usage: danio import neuroproof SRC --out DIR [options]

Imports NeuroProof's FIB-SEM sample (janelia-flyem/NeuroProof integration_tests: samp1_labels.h5,
samp1_labels_processed.h5, samp1_graph_processed.json, samp1_synapses.json in SRC/inputs or SRC) as a
Danio dataset: the supervoxel segmentation, the supervoxel graph with NeuroProof's agglomeration as
affinities, per-supervoxel meshes, the synapses, and an image drawn from the label boundaries.

Options:
  --out DIR            the dataset directory to create (required)
  --name NAME          the dataset's name (default neuroproof-samp1)
  --voxel-size X,Y,Z   nanometres per voxel (default ${NEUROPROOF_DEFAULT_VOXEL_SIZE.join(",")}; the sample records none)
  --force              replace DIR if it exists
  -h, --help           show this text
`;

export class ImportArgsError extends Error {
  override readonly name = "ImportArgsError";
}

export type ImportArgs = { kind: "help" } | { kind: "neuroproof"; options: ImportNeuroproofOptions };

const FORMATS = ["neuroproof"] as const;
const VALUE_FLAGS = ["--out", "--name", "--voxel-size"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Parses the arguments after `import`, e.g. ["neuroproof", "../shared/data/neuroproof-samp1", "--out", "np"]. */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const values = new Map<ValueFlag, string>();
  const positional: string[] = [];
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "-h" || arg === "--help") return { kind: "help" };
    if (arg === "--force") {
      force = true;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new ImportArgsError(`unknown option ${JSON.stringify(flag)} (see danio import --help)`);
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2))
        throw new ImportArgsError(`${flag} needs a value`);
      value = next;
      i++;
    }
    if (values.has(flag as ValueFlag)) throw new ImportArgsError(`${flag} is given twice`);
    values.set(flag as ValueFlag, value);
  }
  const [format, src, ...rest] = positional;
  if (format === undefined) {
    throw new ImportArgsError(`a format is required: danio import ${FORMATS.join("|")} SRC --out DIR`);
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ImportArgsError(
      `unknown format ${JSON.stringify(format)} (expected one of: ${FORMATS.join(", ")})`,
    );
  }
  if (src === undefined || src === "") {
    throw new ImportArgsError("SRC is required: the NeuroProof sample folder (see danio import --help)");
  }
  if (rest.length > 0) throw new ImportArgsError(`unexpected argument ${JSON.stringify(rest[0])}`);
  const out = values.get("--out");
  if (out === undefined || out === "")
    throw new ImportArgsError("--out DIR is required (see danio import --help)");
  const options: ImportNeuroproofOptions = { src, out };
  const name = values.get("--name");
  if (name !== undefined) {
    if (name.trim() === "") throw new ImportArgsError("--name expects a non-empty name");
    options.name = name;
  }
  const vs = values.get("--voxel-size");
  if (vs !== undefined) {
    const parts = vs.split(",").map((p) => Number(p.trim()));
    if (parts.length !== 3 || !parts.every((p) => Number.isFinite(p) && p > 0)) {
      throw new ImportArgsError(
        `--voxel-size expects three positive numbers X,Y,Z in nm, got ${JSON.stringify(vs)}`,
      );
    }
    options.voxelSize = parts as Vec3;
  }
  if (force) options.overwrite = true;
  return { kind: "neuroproof", options };
}
