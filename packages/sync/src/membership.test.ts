import { describe, expect, it } from "vitest";
import { decodeMembership, encodeMembership, MembershipFormatError } from "./membership";

describe("membership wire format", () => {
  it("[P10] round-trips ids above 2^63 and names a truncated or foreign payload", () => {
    const m = {
      seq: 7,
      supervoxels: BigUint64Array.of(1n, 5n, 18446744073709551615n),
      roots: BigUint64Array.of(1000000000000000001n, 1000000000000000001n, 9n),
    };
    const bytes = encodeMembership(m);
    expect(bytes.byteLength).toBe(16 + 48);
    const back = decodeMembership(bytes);
    expect(back.seq).toBe(7);
    expect(Array.from(back.supervoxels)).toEqual(Array.from(m.supervoxels));
    expect(Array.from(back.roots)).toEqual(Array.from(m.roots));
    expect(() => decodeMembership(bytes.subarray(0, 40), "m.bin")).toThrow(
      /m\.bin: 3 supervoxels need 64 bytes, got 40/,
    );
    expect(() => decodeMembership(new Uint8Array(16))).toThrow(MembershipFormatError);
  });
});
