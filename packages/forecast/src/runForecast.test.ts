import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedDataNote, sharedPath, skipSharedData } from "../test/sharedData";
import { createRandomDiagram } from "./createRandomDiagram";
import type { ForecastReport } from "./forecastReport";
import { parseEdgeTable } from "./parseEdgeTable";
import { numWindows, splitBounds } from "./protocol";
import { type ForecastProgress, runForecast } from "./runForecast";
import type { Series } from "./series";
import { simulateActivity } from "./simulateActivity";
import { edgesOf, type WiringDiagram } from "./wiringDiagram";

function writeActivityCsv(path: string, s: Series, names: readonly string[]): void {
  const lines = [`frame,${names.join(",")}`];
  for (let t = 0; t < s.frames; t++) {
    lines.push(
      `${t},${Array.from(s.data.subarray(t * s.neurons, (t + 1) * s.neurons), (v) => v.toPrecision(7)).join(",")}`,
    );
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
}

function writeEdgeCsv(path: string, d: WiringDiagram, extra: string[] = []): void {
  const e = edgesOf(d);
  const rows = Array.from(e.pre, (a, k) => `${d.names[a]},${d.names[e.post[k] as number]},${e.count[k]}`);
  writeFileSync(path, `pre,post,weight\n${[...rows, ...extra].join("\n")}\n`);
}

const conditions = [
  { name: "sine", frames: 400 },
  { name: "pulses", frames: 400 },
  { name: "noise", frames: 400, heldOut: true },
];

describe("runForecast", () => {
  it("[R1][R2][R3][C5][Z5] writes the report: every model, its controls, MAE per step per condition, plots", async () => {
    const dir = mkdtempSync(join(tmpdir(), "danio-forecast-run-"));
    const diagram = createRandomDiagram({ neurons: 24, meanInputs: 4, seed: 2 });
    const sim = simulateActivity({ diagram, seed: 2, conditions });
    // One trace column without a neuron; one neuron without a column.
    const names = [...diagram.names.slice(0, 23), "orphan_column"];
    writeActivityCsv(join(dir, "activity.csv"), sim.series, names);
    writeEdgeCsv(join(dir, "edges.csv"), diagram);
    writeFileSync(
      join(dir, "conditions.json"),
      JSON.stringify({ offsets: [0, 400, 800, 1200], names: ["sine", "pulses", "noise"], heldOut: [2] }),
    );
    const events: ForecastProgress[] = [];
    const { report, files } = await runForecast({
      activity: join(dir, "activity.csv"),
      connectome: join(dir, "edges.csv"),
      conditions: join(dir, "conditions.json"),
      context: 4,
      models: ["mean", "last", "linear", "ridge-ar", "masked-ar"],
      reportDir: join(dir, "report"),
      workers: 1,
      valWindows: 8,
      onProgress: (e) => events.push(e),
    });
    expect(report.models.map((m) => m.name)).toEqual([
      "mean",
      "last",
      "linear",
      "ridge-ar",
      "masked-ar",
      "masked-ar:rewired",
      "masked-ar:random",
      "masked-ar:self",
    ]);
    expect(report.models.find((m) => m.name === "masked-ar:rewired")).toMatchObject({
      kind: "control",
      controlOf: "masked-ar",
      control: "rewired",
    });
    const json = JSON.parse(readFileSync(files.json, "utf8")) as ForecastReport;
    expect(json.models).toHaveLength(8);
    for (const m of json.models) {
      expect(m.conditions.map((c) => c.name)).toEqual(["sine", "pulses", "noise"]);
      for (const c of m.conditions) {
        expect(c.mae).toHaveLength(32);
        expect(c.mae.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      }
      expect(m.trainMean).toHaveLength(32);
      expect(m.heldOutMean).toHaveLength(32);
      for (let h = 0; h < 32; h++) {
        expect(m.trainMean[h]).toBeCloseTo(
          ((m.conditions[0]?.mae[h] as number) + (m.conditions[1]?.mae[h] as number)) / 2,
          12,
        );
        expect(m.heldOutMean?.[h]).toBeCloseTo(m.conditions[2]?.mae[h] as number, 12);
      }
    }
    const [lo, hi] = splitBounds(report.protocol, 0, "test", 4);
    expect(json.models[0]?.conditions[0]?.windows).toBe(numWindows(lo, hi, 4, 32));
    expect(json.models[0]?.conditions[2]?.split).toBe("test_holdout");
    expect(json.connectome.unmatchedNeurons).toEqual(["n23"]);
    expect(json.connectome.unmatchedColumns).toEqual(["orphan_column"]);
    const md = readFileSync(files.markdown, "utf8");
    expect(md).toContain("| masked-ar | constrained |");
    expect(md).toContain("## Connectome against its controls");
    expect(md).toContain("Neurons without a trace column (1): n23.");
    expect(files.plots.map((p) => p.split("/").pop())).toEqual([
      "mae_by_step.svg",
      "mae_by_step_held_out.svg",
      "controls_masked-ar.svg",
    ]);
    const svg = readFileSync(files.plots[2] as string, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(4);
    expect(new Set(events.map((e) => e.stage))).toEqual(new Set(["load", "fit", "score", "write", "done"]));
    expect(events.some((e) => e.model === "masked-ar:random" && e.stage === "fit")).toBe(true);
  }, 60_000);

  it("[Z5][R4] refuses what it cannot run, naming the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "danio-forecast-run-"));
    writeFileSync(join(dir, "a.csv"), "x,y\n1,2\n3,4\n");
    writeFileSync(join(dir, "e.csv"), "pre,post\nx,y\n");
    const base = {
      activity: join(dir, "a.csv"),
      connectome: join(dir, "e.csv"),
      context: 4 as const,
      reportDir: join(dir, "r"),
    };
    await expect(runForecast({ ...base, models: ["mean"] })).rejects.toThrow(
      /2 frames; the ZAPBench condition table needs 7879. Pass --conditions FILE/,
    );
    await expect(runForecast({ ...base, models: ["oracle"] })).rejects.toThrow(/unknown model "oracle"/);
  });
});

describe(`runForecast on a real wiring diagram${sharedDataNote}`, () => {
  it.skipIf(skipSharedData)(
    "[W3][W4][F7] Varshney 2011 connectome with Fenyves 2020 signs, activity simulated on it",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "danio-forecast-real-"));
      const edges = sharedPath("forecasting-celegans-connectome", "varshney2011_edgelist.csv");
      const diagram = parseEdgeTable(readFileSync(edges, "utf8"), edges).diagram;
      const sim = simulateActivity({ diagram, seed: 4, conditions });
      writeActivityCsv(join(dir, "activity.csv"), sim.series, diagram.names);
      writeFileSync(
        join(dir, "conditions.csv"),
        "name,start,end,held_out\nsine,0,400,no\npulses,400,800,no\nnoise,800,1200,yes\n",
      );
      const { report } = await runForecast({
        activity: join(dir, "activity.csv"),
        connectome: edges,
        signs: sharedPath("forecasting-celegans-connectome", "fenyves2020_chemical_sign_prediction.csv"),
        conditions: join(dir, "conditions.csv"),
        context: 4,
        models: ["last", "masked-ar-signed"],
        reportDir: join(dir, "report"),
        workers: 1,
        valWindows: 8,
      });
      expect(report.connectome.matchedNeurons).toBe(diagram.names.length);
      expect(report.connectome.unmatchedNeurons).toEqual([]);
      expect(report.connectome.signedFromTable as number).toBeGreaterThan(1000);
      expect(report.models.map((m) => m.name)).toEqual([
        "last",
        "masked-ar-signed",
        "masked-ar-signed:rewired",
        "masked-ar-signed:random",
        "masked-ar-signed:self",
      ]);
      expect(report.models[1]?.hyperparameters.signed).toBe(true);
    },
    60_000,
  );
});
