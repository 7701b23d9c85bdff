/**
 * The forecasting report (SPEC.md R1–R3): MAE per step per condition per model as JSON, and its markdown
 * summary. Pure: builds objects and text; writeReport puts them on disk.
 */
import type { Protocol } from "./protocol";
import type { Score } from "./scoreForecaster";

export type ModelKind = "baseline" | "constrained" | "control" | "dense";
export type ControlKind = "rewired" | "random" | "self";

export interface ConditionResult {
  name: string;
  heldOut: boolean;
  split: string;
  bounds: [number, number];
  windows: number;
  /** MAE at steps 1..horizon. */
  mae: number[];
}

export interface ModelReport {
  name: string;
  kind: ModelKind;
  /** For a control: the constrained model it controls, and which control. */
  controlOf: string | null;
  control: ControlKind | null;
  hyperparameters: Record<string, number | string | boolean>;
  fitSeconds: number;
  valMae: number | null;
  conditions: ConditionResult[];
  /** Unweighted mean over the training conditions, per step. */
  trainMean: number[];
  /** Mean over the held-out conditions, per step (null when none). */
  heldOutMean: number[] | null;
  /** Means over steps of the two curves above. */
  trainMae: number;
  heldOutMae: number | null;
}

export interface ForecastReport {
  version: 1;
  activity: { file: string; frames: number; neurons: number };
  connectome: Record<string, unknown>;
  protocol: Protocol;
  context: number;
  horizon: number;
  models: ModelReport[];
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

export function createModelReport(
  name: string,
  kind: ModelKind,
  control: { of: string; kind: ControlKind } | null,
  hyperparameters: Record<string, number | string | boolean>,
  fitSeconds: number,
  valMae: number | null,
  score: Score,
): ModelReport {
  const trainMean = Array.from(score.trainMean);
  const heldOutMean = score.heldOutMean === null ? null : Array.from(score.heldOutMean);
  return {
    name,
    kind,
    controlOf: control?.of ?? null,
    control: control?.kind ?? null,
    hyperparameters,
    fitSeconds,
    valMae,
    conditions: score.conditions.map((c) => ({
      name: c.name,
      heldOut: c.heldOut,
      split: c.split,
      bounds: c.bounds,
      windows: c.windows,
      mae: Array.from(c.mae),
    })),
    trainMean,
    heldOutMean,
    trainMae: mean(trainMean),
    heldOutMae: heldOutMean === null ? null : mean(heldOutMean),
  };
}

const f5 = (v: number | null) => (v === null || !Number.isFinite(v) ? "—" : v.toFixed(5));

/** The markdown summary: models, constrained against controls, per-condition MAE, the data. */
export function renderMarkdownSummary(report: ForecastReport): string {
  const H = report.horizon;
  const held = report.protocol.conditions.filter((c) => c.heldOut).map((c) => c.name);
  const lines: string[] = [];
  lines.push("# Forecast report", "");
  lines.push(
    `Activity \`${report.activity.file}\`: ${report.activity.frames} frames × ${report.activity.neurons} neurons. ` +
      `Context ${report.context}, horizon ${H}. MAE per step = mean over neurons of |error|, averaged over a condition's ` +
      `stride-1 test windows; "train conditions" is the unweighted mean over the ${report.protocol.conditions.length - held.length} ` +
      `training conditions; held out: ${held.length > 0 ? held.join(", ") : "none"} (reported apart).`,
    "",
  );
  lines.push(
    `| model | kind | MAE train conditions (mean of ${H} steps) | step 1 | step ${H} | held out | validation MAE | fit s | hyperparameters |`,
  );
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const m of report.models) {
    const hp = Object.entries(m.hyperparameters)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ");
    lines.push(
      `| ${m.name} | ${m.kind} | ${f5(m.trainMae)} | ${f5(m.trainMean[0] ?? null)} | ${f5(m.trainMean[H - 1] ?? null)} | ${f5(m.heldOutMae)} | ${f5(m.valMae)} | ${m.fitSeconds.toFixed(2)} | ${hp} |`,
    );
  }
  const constrained = report.models.filter((m) => m.kind === "constrained");
  if (constrained.length > 0) {
    lines.push("", "## Connectome against its controls", "");
    lines.push("Difference = control MAE − constrained MAE (positive: the wiring diagram helps).", "");
    lines.push(
      "| model | wiring diagram | rewired (degree-preserving) | random (equal density) | self only |",
    );
    lines.push("| --- | --- | --- | --- | --- |");
    for (const m of constrained) {
      const cell = (kind: ControlKind) => {
        const c = report.models.find((x) => x.controlOf === m.name && x.control === kind);
        return c
          ? `${f5(c.trainMae)} (${c.trainMae - m.trainMae >= 0 ? "+" : ""}${(c.trainMae - m.trainMae).toFixed(5)})`
          : "—";
      };
      lines.push(
        `| ${m.name} | ${f5(m.trainMae)} | ${cell("rewired")} | ${cell("random")} | ${cell("self")} |`,
      );
    }
  }
  lines.push("", "## MAE per condition (mean over steps)", "");
  const names = report.protocol.conditions.map((c) => (c.heldOut ? `${c.name} (held out)` : c.name));
  lines.push(`| model | ${names.join(" | ")} |`);
  lines.push(`| --- | ${names.map(() => "---").join(" | ")} |`);
  for (const m of report.models) {
    lines.push(`| ${m.name} | ${m.conditions.map((c) => f5(mean(c.mae))).join(" | ")} |`);
  }
  lines.push("", "## Wiring diagram", "");
  const c = report.connectome;
  const unmatched = (c.unmatchedNeurons as string[] | undefined) ?? [];
  const unmatchedCols = (c.unmatchedColumns as string[] | undefined) ?? [];
  lines.push(
    `\`${String(c.file)}\`: ${String(c.neurons)} neurons, ${String(c.edges)} edges; ${String(c.matchedNeurons)} neurons matched ` +
      `to trace columns, ${String(c.keptEdges)} edges kept.`,
  );
  const list = (xs: string[]) =>
    xs.length > 40 ? `${xs.slice(0, 40).join(", ")}, … (${xs.length} in all)` : xs.join(", ");
  lines.push(
    "",
    `Neurons without a trace column (${unmatched.length}): ${unmatched.length > 0 ? list(unmatched) : "none"}.`,
  );
  lines.push(
    "",
    `Trace columns without a neuron (${unmatchedCols.length}): ${unmatchedCols.length > 0 ? list(unmatchedCols) : "none"}.`,
  );
  lines.push("");
  return lines.join("\n");
}
