import { describe, expect, it } from "vitest";
import { seededRandom } from "../test/seededRandom";
import { formatCell, formatFloat32, formatFloat64 } from "./formatCell";

describe("cell text", () => {
  it("[X2] writes floats as the shortest decimal that reads back to the same value", () => {
    expect(formatFloat64(0.1)).toBe("0.1");
    expect(formatFloat64(-0)).toBe("-0");
    expect(formatFloat64(1e21)).toBe("1e+21");
    expect(formatFloat64(5e-324)).toBe("5e-324");
    expect(formatFloat32(Math.fround(0.1))).toBe("0.1");
    expect(formatFloat32(Math.fround(1 / 3))).toBe("0.33333334");
    expect(formatFloat32(Math.fround(16777217))).toBe("16777216");
    expect(formatFloat32(Math.fround(68788475385610240))).toBe("68788475000000000");
    expect(formatFloat32(3.4028234663852886e38)).toBe("3.4028235e+38");
    expect(formatFloat32(1.401298464324817e-45)).toBe("1e-45");
    expect(formatFloat32(-0)).toBe("-0");
  });

  it("[X2] round-trips 20,000 random float32 and float64 values, and no shorter decimal would", () => {
    const rand = seededRandom(2);
    const bits = new Uint32Array(1);
    const f32 = new Float32Array(bits.buffer);
    for (let i = 0; i < 10_000; i++) {
      bits[0] = Math.floor(rand() * 4294967296);
      const x = f32[0]!;
      if (!Number.isFinite(x)) continue;
      const s = formatFloat32(x);
      expect(Object.is(Math.fround(Number(s)), x), `${x} → ${s}`).toBe(true);
      const digits = s
        .replace(/^-/, "")
        .replace(/e.*$/, "")
        .replace(".", "")
        .replace(/^0+/, "")
        .replace(/0+$/, "").length;
      if (digits > 1) {
        const shorter = Number(x.toPrecision(digits - 1));
        expect(Math.fround(shorter) === x, `${x} has a ${digits - 1}-digit form`).toBe(false);
      }
      const y = (rand() - 0.5) * 10 ** Math.floor(rand() * 600 - 300);
      expect(Object.is(Number(formatFloat64(y)), y)).toBe(true);
    }
  });

  it("[X2] writes integers in decimal (uint64 exactly) and booleans as true/false", () => {
    const big = { name: "id", type: "uint64", values: BigUint64Array.of((1n << 64n) - 1n) } as const;
    expect(formatCell(big, 0)).toBe("18446744073709551615");
    expect(formatCell({ name: "d", type: "int64", values: BigInt64Array.of(-(1n << 63n)) }, 0)).toBe(
      "-9223372036854775808",
    );
    expect(formatCell({ name: "b", type: "bool", values: Uint8Array.of(1, 0) }, 1)).toBe("false");
    expect(formatCell({ name: "u", type: "uint32", values: Uint32Array.of(4294967295) }, 0)).toBe(
      "4294967295",
    );
  });
});
