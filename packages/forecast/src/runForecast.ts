/**
 * Everything `danio forecast` does (SPEC.md R1–R4): load the activity, the condition table and the wiring
 * diagram, map the diagram onto the trace columns, fit every requested model on the training splits (hyper-
 * parameters on validation), fit each connectome-constrained model again on its three controls, score all
 * of them on the test windows exactly as ZAPBench does, and write the report directory.
 */
import { readFile } from "node:fs/promises";
import { alignDiagram } from "./alignDiagram";
import { createFitInput } from "./fitInput";
import { fitNamedModel, isModelName, MODEL_NAMES, type ModelName, modelKind } from "./fitNamedModel";
import { type ControlKind, createModelReport, type ForecastReport, type ModelReport } from "./forecastReport";
import { loadActivity } from "./loadActivity";
import { loadConnectome } from "./loadConnectome";
import { parseConditionTable } from "./parseConditionTable";
import type { SynapseTypes } from "./parseEdgeTable";
import {
  checkProtocolFits,
  createProtocol,
  createZapbenchProtocol,
  type Protocol,
  ProtocolError,
} from "./protocol";
import { randomEqualDensity, selfOnly } from "./randomEqualDensity";
import { rewireDegreePreserving } from "./rewireDegreePreserving";
import { scoreForecaster } from "./scoreForecaster";
import { countCrossEdges, type WiringDiagram } from "./wiringDiagram";
import { type ReportFiles, writeReport } from "./writeReport";
import { ZAPBENCH_FRAMES } from "./zapbench";

export interface ForecastProgress {
  stage: "load" | "fit" | "score" | "write" | "done";
  model?: string;
  message: string;
  /** Progress of the current stage or model in [0, 1], when known. */
  fraction?: number;
}

export interface ForecastOptions {
  activity: string;
  connectome: string;
  conditions?: string;
  /** Sign table joined onto the diagram's edges (for masked-ar-signed). */
  signs?: string;
  context: 4 | 256;
  models: string[];
  reportDir: string;
  synapseTypes?: SynapseTypes;
  seed?: number;
  workers?: number;
  /** Validation windows per condition for hyperparameter selection (default 64). */
  valWindows?: number;
  onProgress?: (event: ForecastProgress) => void;
}

export interface ForecastResult {
  report: ForecastReport;
  files: ReportFiles;
}

async function loadProtocol(path: string | undefined, frames: number): Promise<Protocol> {
  if (path === undefined) {
    if (frames !== ZAPBENCH_FRAMES) {
      throw new ProtocolError(
        `the activity has ${frames} frames; the ZAPBench condition table needs ${ZAPBENCH_FRAMES}. Pass --conditions FILE`,
      );
    }
    return createZapbenchProtocol();
  }
  const text = await readFile(path, "utf8").catch(() => {
    throw new ProtocolError(`${path}: cannot read the condition table`);
  });
  const table = parseConditionTable(text, path);
  return createProtocol(table.conditions, table.options);
}

export async function runForecast(options: ForecastOptions): Promise<ForecastResult> {
  const emit = options.onProgress ?? (() => {});
  for (const m of options.models) {
    if (!isModelName(m)) throw new Error(`--models: unknown model "${m}" (known: ${MODEL_NAMES.join(", ")})`);
  }
  const models = options.models as ModelName[];
  const seed = options.seed ?? 1;
  emit({ stage: "load", message: `reading activity ${options.activity}` });
  const series = await loadActivity(options.activity);
  emit({ stage: "load", message: `activity: ${series.frames} frames × ${series.neurons} neurons` });
  const protocol = await loadProtocol(options.conditions, series.frames);
  checkProtocolFits(protocol, series.frames, options.context);
  emit({ stage: "load", message: `reading wiring diagram ${options.connectome}` });
  const connectome = await loadConnectome(options.connectome, {
    ...(options.signs === undefined ? {} : { signs: options.signs }),
    types: options.synapseTypes ?? "all",
  });
  const aligned = alignDiagram(connectome.diagram, series.names);
  emit({
    stage: "load",
    message:
      `wiring diagram: ${connectome.diagram.names.length} neurons, ${connectome.diagram.pre.length} edges; ` +
      `${aligned.matchedNeurons} matched to trace columns, ${aligned.unmatchedNeurons.length} unmatched neurons, ` +
      `${aligned.unmatchedColumns.length} columns without a neuron, ${aligned.keptEdges} edges kept`,
  });
  if (models.some((m) => modelKind(m) === "constrained") && countCrossEdges(aligned.diagram) === 0) {
    throw new Error(
      `${options.connectome}: no edge joins two trace columns; check that neuron names match the activity's column names`,
    );
  }
  if (models.includes("masked-ar-signed") && !aligned.diagram.sign.some((s) => s !== 0)) {
    throw new Error(
      "masked-ar-signed: no edge between trace columns has a sign; give an edge table with a sign column or --signs FILE",
    );
  }
  const input = createFitInput(series, protocol, options.context, {
    workers: options.workers ?? 2,
    seed,
    maxValWindows: options.valWindows ?? 64,
  });
  const results: ModelReport[] = [];
  const fitAndScore = async (
    label: string,
    name: ModelName,
    diagram: WiringDiagram,
    control: { of: string; kind: ControlKind } | null,
    extra: Record<string, number | string | boolean> = {},
  ) => {
    input.onProgress = (message, fraction) =>
      emit({ stage: "fit", model: label, message, ...(fraction === undefined ? {} : { fraction }) });
    emit({ stage: "fit", model: label, message: `fitting ${label}`, fraction: 0 });
    const t0 = performance.now();
    const fitted = await fitNamedModel(name, input, diagram);
    const seconds = (performance.now() - t0) / 1000;
    emit({ stage: "score", model: label, message: `scoring ${label} on the test windows` });
    const score = scoreForecaster(fitted.forecaster, series, protocol, {
      onCondition: (done, total) =>
        emit({
          stage: "score",
          model: label,
          message: `${label}: scored ${done}/${total} conditions`,
          fraction: done / total,
        }),
    });
    const kind = control === null ? modelKind(name) : "control";
    results.push(
      createModelReport(
        label,
        kind,
        control,
        { ...fitted.hyperparameters, ...extra },
        seconds,
        fitted.valMae,
        score,
      ),
    );
  };
  for (const name of models) {
    await fitAndScore(name, name, aligned.diagram, null);
    if (modelKind(name) !== "constrained") continue;
    const rewired = rewireDegreePreserving(aligned.diagram, { seed });
    await fitAndScore(
      `${name}:rewired`,
      name,
      rewired.diagram,
      { of: name, kind: "rewired" },
      {
        swapsAccepted: rewired.accepted,
        seed,
      },
    );
    await fitAndScore(
      `${name}:random`,
      name,
      randomEqualDensity(aligned.diagram, seed + 1),
      { of: name, kind: "random" },
      {
        seed: seed + 1,
      },
    );
    await fitAndScore(`${name}:self`, name, selfOnly(aligned.diagram), { of: name, kind: "self" });
  }
  const report: ForecastReport = {
    version: 1,
    activity: { file: options.activity, frames: series.frames, neurons: series.neurons },
    connectome: {
      file: options.connectome,
      signs: options.signs ?? null,
      neurons: connectome.diagram.names.length,
      edges: connectome.diagram.pre.length,
      table: connectome.stats,
      signedFromTable: connectome.signedFromTable,
      matchedNeurons: aligned.matchedNeurons,
      unmatchedNeurons: aligned.unmatchedNeurons,
      unmatchedColumns: aligned.unmatchedColumns,
      keptEdges: aligned.keptEdges,
      droppedEdges: aligned.droppedEdges,
      crossEdgesOnColumns: countCrossEdges(aligned.diagram),
    },
    protocol,
    context: options.context,
    horizon: protocol.horizon,
    models: results,
  };
  emit({ stage: "write", message: `writing ${options.reportDir}` });
  const files = await writeReport(options.reportDir, report);
  emit({ stage: "done", message: `report written to ${files.markdown}` });
  return { report, files };
}
