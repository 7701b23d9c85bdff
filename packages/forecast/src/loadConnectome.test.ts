import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnectomeCsr, writeConnectomeCsr } from "@danio/formats";
import { describe, expect, it } from "vitest";
import { loadConnectome } from "./loadConnectome";

describe("loadConnectome", () => {
  it("[W5] reads a snapshot's connectome CSR: neurons named by root id, counts as weights", async () => {
    const ids = BigUint64Array.of(1000000000000000001n, 1000000000000000002n, 1000000000000000007n);
    const csr = createConnectomeCsr(
      {
        pre: BigUint64Array.of(ids[0]!, ids[0]!, ids[2]!),
        post: BigUint64Array.of(ids[1]!, ids[2]!, ids[1]!),
        weight: Uint32Array.of(3, 1, 5),
      },
      { nodeIds: ids, rows: "post" },
    );
    const path = join(mkdtempSync(join(tmpdir(), "danio-csr-")), "connectome.csr");
    writeFileSync(path, writeConnectomeCsr(csr));
    const { diagram, stats } = await loadConnectome(path);
    expect(stats.format).toBe("csr");
    expect(diagram.names).toEqual(Array.from(ids, String));
    // Inputs of neuron 2 (index 1): from 1 (×3) and 7 (×5).
    const into = (post: number) =>
      Array.from({ length: diagram.inPtr[post + 1]! - diagram.inPtr[post]! }, (_, k) => {
        const e = diagram.inPtr[post]! + k;
        return [diagram.names[diagram.pre[e]!], diagram.count[e]];
      });
    expect(into(1)).toEqual([
      ["1000000000000000001", 3],
      ["1000000000000000007", 5],
    ]);
    expect(into(2)).toEqual([["1000000000000000001", 1]]);
  });

  it("[W2] still reads an edge CSV, and names a file it cannot read", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "danio-csv-")), "edges.csv");
    writeFileSync(path, "pre,post,count\na,b,2\nb,c,1\n");
    expect((await loadConnectome(path)).diagram.names.length).toBe(3);
    await expect(loadConnectome(`${path}.missing`)).rejects.toThrow(
      /edges\.csv\.missing: cannot read the connectome file/,
    );
  });
});
