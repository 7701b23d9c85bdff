import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NpyFormatError, readNpy, writeNpy } from "./npy";

function hasNumpy(): boolean {
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("NPY", () => {
  it("round-trips a float32 matrix", () => {
    const data = Float32Array.from({ length: 12 }, (_, i) => i * 0.5 - 2);
    const back = readNpy(writeNpy({ dtype: "<f4", shape: [3, 4], data }));
    expect(back.shape).toEqual([3, 4]);
    expect(back.dtype).toBe("<f4");
    expect(Array.from(back.data as Float32Array)).toEqual(Array.from(data));
  });

  it("writes a 64-byte aligned header, as numpy does", () => {
    const bytes = writeNpy({ dtype: "<f8", shape: [5], data: new Float64Array(5) });
    const headerLen = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLen) % 64).toBe(0);
  });

  it.runIf(hasNumpy())("reads what numpy writes and numpy reads what it writes", () => {
    const dir = mkdtempSync(join(tmpdir(), "danio-npy-"));
    execFileSync("python3", [
      "-c",
      `import numpy as np; np.save("${dir}/a.npy", np.arange(6, dtype="<i4").reshape(2,3) * 7)`,
    ]);
    const a = readNpy(readFileSync(join(dir, "a.npy")));
    expect(a.shape).toEqual([2, 3]);
    expect(Array.from(a.data as Int32Array)).toEqual([0, 7, 14, 21, 28, 35]);
    writeFileSync(
      join(dir, "b.npy"),
      writeNpy({ dtype: "<f8", shape: [2, 2], data: Float64Array.of(1, 2, 3, 4.5) }),
    );
    const out = execFileSync("python3", ["-c", `import numpy as np; print(np.load("${dir}/b.npy").sum())`]);
    expect(out.toString().trim()).toBe("10.5");
  });

  it("names the file and the problem for bad input", () => {
    expect(() => readNpy(new Uint8Array([1, 2, 3]), "traces.npy")).toThrow(/traces\.npy: not an NPY file/);
    const good = writeNpy({ dtype: "<f4", shape: [100], data: new Float32Array(100) });
    expect(() => readNpy(good.subarray(0, good.length - 8), "t.npy")).toThrow(NpyFormatError);
    expect(() => readNpy(good.subarray(0, good.length - 8), "t.npy")).toThrow(/t\.npy: truncated/);
  });
});
