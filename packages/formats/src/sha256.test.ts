import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../test/seededRandom";
import { sha256, sha256Hex } from "./sha256";

const nodeSha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("SHA-256", () => {
  it("[X8] matches the FIPS 180-4 examples", () => {
    const enc = new TextEncoder();
    expect(sha256Hex(new Uint8Array(0))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(sha256Hex(enc.encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex(enc.encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(sha256(enc.encode("abc")).length).toBe(32);
  });

  it("[X8] agrees with node:crypto at every length around the block and padding boundaries, and on 3 MB", () => {
    const rand = seededRandom(41);
    const data = new Uint8Array(300);
    for (let i = 0; i < data.length; i++) data[i] = Math.floor(rand() * 256);
    for (let n = 0; n <= 300; n++)
      expect(sha256Hex(data.subarray(0, n)), `length ${n}`).toBe(nodeSha(data.subarray(0, n)));
    const big = new Uint8Array(3 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    expect(sha256Hex(big)).toBe(nodeSha(big));
    // A view into a larger buffer hashes only its own bytes.
    expect(sha256Hex(big.subarray(5, 1005))).toBe(nodeSha(big.subarray(5, 1005)));
  });
});
