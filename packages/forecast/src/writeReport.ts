/** Writes a report directory (SPEC.md R1–R3): report.json, summary.md and the SVG plots. */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ForecastReport, renderMarkdownSummary } from "./forecastReport";
import { type PlotSeries, renderLinePlot } from "./renderLinePlot";

export interface ReportFiles {
  json: string;
  markdown: string;
  plots: string[];
}

export async function writeReport(dir: string, report: ForecastReport): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true });
  const files: ReportFiles = { json: join(dir, "report.json"), markdown: join(dir, "summary.md"), plots: [] };
  await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(files.markdown, renderMarkdownSummary(report));
  const plot = async (name: string, title: string, series: PlotSeries[]) => {
    const path = join(dir, name);
    await writeFile(path, renderLinePlot({ title, xLabel: "forecast step", yLabel: "MAE", series }));
    files.plots.push(path);
  };
  const main = report.models.filter((m) => m.kind !== "control");
  await plot(
    "mae_by_step.svg",
    `MAE against horizon, mean over training conditions (context ${report.context})`,
    main.map((m) => ({ name: m.name, values: m.trainMean })),
  );
  const held = main.filter((m) => m.heldOutMean !== null);
  if (held.length > 0) {
    await plot(
      "mae_by_step_held_out.svg",
      "MAE against horizon, held-out condition",
      held.map((m) => ({ name: m.name, values: m.heldOutMean as number[] })),
    );
  }
  for (const m of report.models.filter((x) => x.kind === "constrained")) {
    const controls = report.models.filter((x) => x.controlOf === m.name);
    await plot(`controls_${m.name.replace(/[^\w-]+/g, "_")}.svg`, `${m.name} against its controls`, [
      { name: `${m.name} (wiring diagram)`, values: m.trainMean },
      ...controls.map((c) => ({ name: `${c.control}`, values: c.trainMean, dashed: true })),
    ]);
  }
  return files;
}
