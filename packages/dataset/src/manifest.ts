/**
 * The dataset manifest `danio.json` (SPEC.md D2–D5): a versioned schema validated at load. A missing or
 * mistyped field is an error naming the field's path; a manifest of another version is refused with the
 * version found and the version this code reads.
 */
import { z } from "zod";
import { MANIFEST_VERSION } from "./layout";

const positiveVec3 = z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]);
const intVec3 = z.tuple([z.number().int(), z.number().int(), z.number().int()]);
/** A path inside the dataset directory: relative, "/"-separated, no ".." and no empty parts. */
const relPath = z
  .string()
  .min(1)
  .refine(
    (p) =>
      !p.startsWith("/") &&
      !p.includes("\\") &&
      p.split("/").every((s) => s !== "" && s !== ".." && s !== "."),
    {
      message: "must be a relative path inside the dataset directory",
    },
  );
const count = z.number().int().nonnegative();

const precomputedLayer = z.object({
  path: relPath,
  format: z.literal("neuroglancer-precomputed"),
});

export const manifestSchema = z.object({
  format: z.literal("danio-dataset"),
  version: z.literal(MANIFEST_VERSION),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Nanometres per voxel. */
  voxelSize: positiveVec3,
  /** Voxel bounds [min, max) in the global frame. */
  bounds: z.object({ min: intVec3, max: intVec3 }),
  layers: z.object({
    image: precomputedLayer.extend({ dataType: z.enum(["uint8", "uint16", "float32"]) }),
    segmentation: precomputedLayer.extend({ dataType: z.enum(["uint32", "uint64"]) }),
    meshes: z.object({
      /** Neuroglancer legacy meshes of the finest LOD (the segmentation info's "mesh" directory). */
      legacyPath: relPath,
      /** Danio multi-LOD fragments: index (id → byte ranges) and data. */
      index: relPath,
      data: relPath,
      lodCount: z.number().int().min(1).max(16),
      /** Maximum geometric error of each LOD, in voxels. */
      lodErrors: z.array(z.number().nonnegative()).min(1),
    }),
    skeletons: precomputedLayer.optional(),
  }),
  graph: z.object({
    path: relPath,
    supervoxelCount: count,
    edgeCount: count,
    /** The automated agglomeration: edges with affinity ≥ this are merged. */
    agglomerationThreshold: z.number().min(0).max(1),
  }),
  synapses: z.object({ path: relPath, count }),
  groundTruth: z.object({ path: relPath, neuronCount: count, connectomeEdgeCount: count }).optional(),
  proofreading: z.object({
    /** Merges whose two points are farther apart than this (nm) are refused. */
    maxMergeDistance: z.number().positive(),
  }),
  /** How a generated dataset was made (absent for imported ones). */
  generator: z
    .object({
      name: z.string(),
      version: z.number().int(),
      seed: z.number().int().nonnegative(),
      neurons: z.number().int().positive(),
      size: intVec3,
      mergeErrorRate: z.number().min(0).max(1),
      splitErrorRate: z.number().min(0).max(1),
    })
    .optional(),
});

export type DatasetManifest = z.infer<typeof manifestSchema>;

export class ManifestError extends Error {
  override readonly name = "ManifestError";
}

function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/**
 * Validates a parsed manifest. `name` (the file) starts every error message, e.g.
 * `demo/danio.json: field "layers.segmentation.path": expected string, received undefined`.
 */
export function parseManifest(json: unknown, name = "danio.json"): DatasetManifest {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ManifestError(`${name}: the manifest must be a JSON object`);
  }
  const version = (json as { version?: unknown }).version;
  if (version === undefined)
    throw new ManifestError(
      `${name}: field "version": required (this Danio reads version ${MANIFEST_VERSION})`,
    );
  if (version !== MANIFEST_VERSION) {
    throw new ManifestError(
      `${name}: manifest version ${JSON.stringify(version)} is not supported; this Danio reads version ${MANIFEST_VERSION} (regenerate or re-import the dataset)`,
    );
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = describePath(issue.path);
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : "";
    throw new ManifestError(`${name}: field "${field}": ${issue.message}${more}`);
  }
  const m = result.data;
  for (let d = 0; d < 3; d++) {
    if (m.bounds.max[d]! <= m.bounds.min[d]!) {
      throw new ManifestError(
        `${name}: field "bounds": max ${JSON.stringify(m.bounds.max)} must exceed min ${JSON.stringify(m.bounds.min)} on every axis`,
      );
    }
  }
  if (m.layers.meshes.lodErrors.length !== m.layers.meshes.lodCount) {
    throw new ManifestError(
      `${name}: field "layers.meshes.lodErrors": needs ${m.layers.meshes.lodCount} entries (lodCount)`,
    );
  }
  return m;
}

/** Parses manifest text (JSON). */
export function parseManifestText(text: string, name = "danio.json"): DatasetManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`${name}: not valid JSON (${(e as Error).message})`);
  }
  return parseManifest(json, name);
}

/** Writes a manifest as stable, pretty JSON (validated first, so a writer cannot produce an unreadable one). */
export function formatManifest(m: DatasetManifest): string {
  parseManifest(m, "danio.json (being written)");
  return `${JSON.stringify(m, null, 2)}\n`;
}
