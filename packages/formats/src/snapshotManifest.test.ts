import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  parseSnapshotManifest,
  type SnapshotManifestInput,
  verifySnapshotFile,
  writeSnapshotManifest,
} from "./snapshotManifest";
import { decodeUtf8 } from "./utf8";

const enc = new TextEncoder();

function input(): SnapshotManifestInput {
  return {
    dataset: "demo",
    sequence: 1234,
    time: "2025-01-31T12:00:00Z",
    softwareVersion: "0.1.0",
    rowCounts: { synapses: 5, neurons: 2, edges: 3 },
    files: [
      { path: "edges.parquet", bytes: Uint8Array.of(1, 2, 3), table: "edges", format: "parquet" },
      { path: "csv/edges.csv", bytes: enc.encode("pre,post,count\n"), table: "edges", format: "csv" },
      { path: "connectome.csr", bytes: new Uint8Array(0), format: "csr" },
    ],
  };
}

describe("snapshot manifest", () => {
  it("[X9] lists dataset, sequence, time, software, row counts and a sha256 per file in a fixed order", () => {
    const bytes = writeSnapshotManifest(input());
    const text = decodeUtf8(bytes);
    expect(text.endsWith("}\n")).toBe(true);
    const m = JSON.parse(text);
    expect(Object.keys(m)).toEqual([
      "format",
      "formatVersion",
      "dataset",
      "sequence",
      "time",
      "software",
      "rowCounts",
      "files",
    ]);
    expect(m.format).toBe("danio-materialization");
    expect(m.software).toEqual({ name: "danio", version: "0.1.0" });
    expect(Object.keys(m.rowCounts)).toEqual(["edges", "neurons", "synapses"]);
    expect(m.files.map((f: { path: string }) => f.path)).toEqual([
      "connectome.csr",
      "csv/edges.csv",
      "edges.parquet",
    ]);
    expect(m.files[1]).toEqual({
      path: "csv/edges.csv",
      table: "edges",
      format: "csv",
      bytes: 15,
      sha256: createHash("sha256").update("pre,post,count\n").digest("hex"),
    });
    expect(m.files[0]).toEqual({
      path: "connectome.csr",
      format: "csr",
      bytes: 0,
      sha256: createHash("sha256").digest("hex"),
    });
    expect(parseSnapshotManifest(bytes)).toEqual(m);
  });

  it("[X11] gives the same bytes for the same snapshot whatever the order of files and tables", () => {
    const shuffled = input();
    shuffled.files = [...shuffled.files].reverse();
    shuffled.rowCounts = { edges: 3, synapses: 5, neurons: 2 };
    expect(
      Buffer.from(writeSnapshotManifest(shuffled)).equals(Buffer.from(writeSnapshotManifest(input()))),
    ).toBe(true);
  });

  it("[X9] verifies downloaded files by size and hash", () => {
    const m = parseSnapshotManifest(writeSnapshotManifest(input()));
    expect(() => verifySnapshotFile(m, "edges.parquet", Uint8Array.of(1, 2, 3))).not.toThrow();
    expect(() => verifySnapshotFile(m, "edges.parquet", Uint8Array.of(1, 2, 4))).toThrow(
      'snapshot file "edges.parquet": sha256 ',
    );
    expect(() => verifySnapshotFile(m, "edges.parquet", Uint8Array.of(1, 2))).toThrow(
      "2 bytes, the manifest says 3",
    );
    expect(() => verifySnapshotFile(m, "nope.csv", Uint8Array.of())).toThrow(
      'snapshot demo@1234: no file "nope.csv"',
    );
  });

  it("[X9] refuses bad times, sequences, paths, tables and foreign manifests, naming the field", () => {
    const bad = (patch: Partial<SnapshotManifestInput>) => () =>
      writeSnapshotManifest({ ...input(), ...patch }, "m.json");
    expect(bad({ time: "2025-01-31 12:00" })).toThrow(
      'm.json: time "2025-01-31 12:00" is not an ISO 8601 UTC time',
    );
    expect(bad({ time: "2025-13-45T12:00:00Z" })).toThrow("is not an ISO 8601 UTC time");
    expect(bad({ sequence: -1 })).toThrow("sequence must be a non-negative integer, got -1");
    expect(bad({ sequence: 1.5 })).toThrow("sequence must be a non-negative integer");
    expect(bad({ dataset: "" })).toThrow("dataset must be a non-empty string");
    expect(bad({ softwareVersion: "" })).toThrow("software version must be a non-empty string");
    expect(bad({ rowCounts: { edges: -3 } })).toThrow('rowCounts["edges"] must be a non-negative integer');
    expect(bad({ files: [{ path: "../x", bytes: new Uint8Array(0) }] })).toThrow(
      'path "../x" must be relative',
    );
    expect(bad({ files: [{ path: "/abs", bytes: new Uint8Array(0) }] })).toThrow("must be relative");
    expect(
      bad({
        files: [
          { path: "a", bytes: new Uint8Array(0) },
          { path: "a", bytes: new Uint8Array(1) },
        ],
      }),
    ).toThrow('file path "a" appears twice');
    expect(bad({ files: [{ path: "a", bytes: new Uint8Array(0), table: "synapse" }] })).toThrow(
      'file "a" names table "synapse", which has no row count',
    );
    expect(() => parseSnapshotManifest(enc.encode("{"))).toThrow("snapshot manifest: not JSON");
    expect(() => parseSnapshotManifest(enc.encode('{"format":"other"}'))).toThrow(
      'format is "other", expected "danio-materialization"',
    );
    const text = decodeUtf8(writeSnapshotManifest(input())).replace(
      '"formatVersion": 1',
      '"formatVersion": 2',
    );
    expect(() => parseSnapshotManifest(enc.encode(text))).toThrow(
      "formatVersion 2 is not supported (expected 1)",
    );
    const badHash = decodeUtf8(writeSnapshotManifest(input())).replace(
      /"sha256": "[0-9a-f]{64}"/,
      '"sha256": "XYZ"',
    );
    expect(() => parseSnapshotManifest(enc.encode(badHash))).toThrow(
      'file "connectome.csr" sha256 must be 64 lowercase hex digits',
    );
  });
});
