/**
 * The manifest of a materialization snapshot (SPEC.md X9): JSON with the dataset, the operation sequence
 * number frozen, the time (given by the caller — never read from the clock here), the software version, the
 * row count of each table, and per file its path, size and SHA-256. Keys are written in a fixed order, row
 * counts by table name and files by path, two-space indentation and a final newline, so equal inputs give
 * equal bytes.
 */
import { sha256Hex } from "./sha256";
import { TableError } from "./table";

export const SNAPSHOT_MANIFEST_FORMAT = "danio-materialization";
export const SNAPSHOT_MANIFEST_VERSION = 1;

export interface SnapshotFileInput {
  /** Path relative to the snapshot directory, "/"-separated. */
  path: string;
  /** The file's bytes (hashed here). */
  bytes: Uint8Array;
  /** The table the file holds (a key of rowCounts), if any. */
  table?: string;
  /** e.g. "csv", "csv-neuprint", "json", "parquet", "graphml", "csr". */
  format?: string;
}

export interface SnapshotManifestInput {
  dataset: string;
  /** Operation sequence number the snapshot freezes. */
  sequence: number;
  /** ISO 8601 UTC time, e.g. "2025-01-31T12:00:00Z" (passed in by the caller). */
  time: string;
  softwareVersion: string;
  /** Row count per table, e.g. { neurons: 120, synapses: 5400, edges: 800 }. */
  rowCounts: Readonly<Record<string, number>>;
  files: readonly SnapshotFileInput[];
}

export interface SnapshotFileEntry {
  path: string;
  table?: string;
  format?: string;
  bytes: number;
  sha256: string;
}

export interface SnapshotManifest {
  format: typeof SNAPSHOT_MANIFEST_FORMAT;
  formatVersion: number;
  dataset: string;
  sequence: number;
  time: string;
  software: { name: "danio"; version: string };
  rowCounts: Record<string, number>;
  files: SnapshotFileEntry[];
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const SHA_HEX = /^[0-9a-f]{64}$/;

function fail(name: string, msg: string): never {
  throw new TableError(`${name}: ${msg}`);
}

function checkPath(path: unknown, where: string, name: string): string {
  if (typeof path !== "string" || path === "") fail(name, `${where} path must be a non-empty string`);
  if (
    path.startsWith("/") ||
    path.includes("\\") ||
    path.split("/").some((p) => p === "" || p === "." || p === "..")
  ) {
    fail(name, `${where} path "${path}" must be relative, "/"-separated, without empty, "." or ".." parts`);
  }
  return path;
}

function checkCount(v: unknown, where: string, name: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    fail(name, `${where} must be a non-negative integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

function checkHeader(m: Omit<SnapshotManifest, "files" | "format" | "formatVersion">, name: string): void {
  if (typeof m.dataset !== "string" || m.dataset === "") fail(name, "dataset must be a non-empty string");
  checkCount(m.sequence, "sequence", name);
  if (typeof m.time !== "string" || !ISO_UTC.test(m.time) || Number.isNaN(Date.parse(m.time))) {
    fail(name, `time ${JSON.stringify(m.time)} is not an ISO 8601 UTC time such as "2025-01-31T12:00:00Z"`);
  }
  if (typeof m.software?.version !== "string" || m.software.version === "") {
    fail(name, "software version must be a non-empty string");
  }
  if (typeof m.rowCounts !== "object" || m.rowCounts === null) fail(name, "rowCounts must be an object");
  for (const [table, count] of Object.entries(m.rowCounts)) checkCount(count, `rowCounts["${table}"]`, name);
}

function checkFiles(
  files: readonly SnapshotFileEntry[],
  rowCounts: Record<string, number>,
  name: string,
): void {
  const seen = new Set<string>();
  files.forEach((f, i) => {
    const path = checkPath(f.path, `file ${i}`, name);
    if (seen.has(path)) fail(name, `file path "${path}" appears twice`);
    seen.add(path);
    if (f.table !== undefined && !Object.hasOwn(rowCounts, f.table)) {
      fail(name, `file "${path}" names table "${f.table}", which has no row count`);
    }
    if (f.format !== undefined && (typeof f.format !== "string" || f.format === "")) {
      fail(name, `file "${path}" format must be a non-empty string`);
    }
    checkCount(f.bytes, `file "${path}" bytes`, name);
    if (typeof f.sha256 !== "string" || !SHA_HEX.test(f.sha256)) {
      fail(name, `file "${path}" sha256 must be 64 lowercase hex digits`);
    }
  });
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the manifest object: hashes every file, sorts row counts and files, validates everything. */
export function createSnapshotManifest(
  input: SnapshotManifestInput,
  name = "snapshot manifest",
): SnapshotManifest {
  const rowCounts: Record<string, number> = {};
  for (const table of Object.keys(input.rowCounts).sort(byKey)) rowCounts[table] = input.rowCounts[table]!;
  const files: SnapshotFileEntry[] = input.files
    .map((f, i) => {
      if (!(f.bytes instanceof Uint8Array)) fail(name, `file ${i} ("${f.path}") bytes must be a Uint8Array`);
      const entry: SnapshotFileEntry = {
        path: f.path,
        ...(f.table !== undefined ? { table: f.table } : {}),
        ...(f.format !== undefined ? { format: f.format } : {}),
        bytes: f.bytes.length,
        sha256: sha256Hex(f.bytes),
      };
      return entry;
    })
    .sort((a, b) => byKey(a.path, b.path));
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_MANIFEST_FORMAT,
    formatVersion: SNAPSHOT_MANIFEST_VERSION,
    dataset: input.dataset,
    sequence: input.sequence,
    time: input.time,
    software: { name: "danio", version: input.softwareVersion },
    rowCounts,
    files,
  };
  checkHeader(manifest, name);
  checkFiles(files, rowCounts, name);
  return manifest;
}

/** The manifest as UTF-8 JSON bytes (X9). */
export function writeSnapshotManifest(input: SnapshotManifestInput, name = "snapshot manifest"): Uint8Array {
  const manifest = createSnapshotManifest(input, name);
  return new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads and checks a manifest written by writeSnapshotManifest; throws TableError naming the bad field. */
export function parseSnapshotManifest(bytes: Uint8Array, name = "snapshot manifest"): SnapshotManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    fail(name, `not JSON (${(e as Error).message})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fail(name, "expected a JSON object");
  const m = value as SnapshotManifest;
  if (m.format !== SNAPSHOT_MANIFEST_FORMAT) {
    fail(name, `format is ${JSON.stringify(m.format)}, expected "${SNAPSHOT_MANIFEST_FORMAT}"`);
  }
  if (m.formatVersion !== SNAPSHOT_MANIFEST_VERSION) {
    fail(
      name,
      `formatVersion ${JSON.stringify(m.formatVersion)} is not supported (expected ${SNAPSHOT_MANIFEST_VERSION})`,
    );
  }
  checkHeader(m, name);
  if (!Array.isArray(m.files)) fail(name, "files must be an array");
  checkFiles(m.files, m.rowCounts, name);
  return m;
}

/** Throws TableError unless `bytes` are the file the manifest lists at `path` (size and SHA-256). */
export function verifySnapshotFile(manifest: SnapshotManifest, path: string, bytes: Uint8Array): void {
  const entry = manifest.files.find((f) => f.path === path);
  if (entry === undefined)
    throw new TableError(
      `snapshot ${manifest.dataset}@${manifest.sequence}: no file "${path}" in the manifest`,
    );
  if (bytes.length !== entry.bytes) {
    throw new TableError(`snapshot file "${path}": ${bytes.length} bytes, the manifest says ${entry.bytes}`);
  }
  const hash = sha256Hex(bytes);
  if (hash !== entry.sha256)
    throw new TableError(`snapshot file "${path}": sha256 ${hash}, the manifest says ${entry.sha256}`);
}
