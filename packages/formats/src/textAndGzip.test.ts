import { describe, expect, it } from "vitest";
import { readArrayLE, toBytesLE } from "./byteOrder";
import { gunzipIfNeeded, gzipDeterministic, isGzip } from "./gzip";
import { decodeUtf8, encodeUtf8 } from "./utf8";

describe("utf-8, gzip and byte order helpers", () => {
  it("[U1] encodes and decodes UTF-8 exactly as Node's Buffer does", () => {
    const text = "µm — Zebrafish 🐟 ∑ ascii";
    const bytes = encodeUtf8(text);
    expect(Array.from(bytes)).toEqual(Array.from(Buffer.from(text, "utf8")));
    expect(decodeUtf8(bytes)).toBe(text);
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe("A");
    expect(decodeUtf8(Uint8Array.of(0x41, 0xff, 0x42))).toBe("A\ufffdB");
    const long = `${"x".repeat(20_000)}é`;
    expect(decodeUtf8(encodeUtf8(long))).toBe(long);
  });

  it("[GZ1] gzips deterministically (no timestamp) and gunzips only gzip data", () => {
    const data = encodeUtf8("hello hello hello hello");
    const a = gzipDeterministic(data);
    expect(isGzip(a)).toBe(true);
    expect([a[4], a[5], a[6], a[7]]).toEqual([0, 0, 0, 0]);
    expect(Array.from(gzipDeterministic(data))).toEqual(Array.from(a));
    expect(gunzipIfNeeded(a)).toEqual(data);
    expect(gunzipIfNeeded(data)).toBe(data);
    expect(() => gunzipIfNeeded(Uint8Array.of(0x1f, 0x8b, 1, 2, 3), "x.gz")).toThrow(
      /x\.gz: corrupt gzip data/,
    );
  });

  it("[BO1] reads and writes little-endian arrays at unaligned offsets", () => {
    const bytes = new Uint8Array(1 + 8);
    bytes.set(toBytesLE(Float64Array.of(1.5)), 1);
    expect(readArrayLE(bytes, 1, 1, Float64Array)[0]).toBe(1.5);
    expect(Array.from(toBytesLE(Uint16Array.of(0x0102)))).toEqual([2, 1]);
  });
});
