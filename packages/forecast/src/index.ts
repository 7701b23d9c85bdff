// Protocol and metric.
export {
  ZAPBENCH_CONDITION_NAMES,
  ZAPBENCH_CONDITION_OFFSETS,
  ZAPBENCH_CONDITION_PADDING,
  ZAPBENCH_CONTEXTS,
  ZAPBENCH_DFF_CLIP,
  ZAPBENCH_DFF_HALF_WINDOW,
  ZAPBENCH_DFF_PERCENTILE,
  ZAPBENCH_FRAMES,
  ZAPBENCH_HELD_OUT,
  ZAPBENCH_HORIZON,
  ZAPBENCH_MAX_CONTEXT,
  ZAPBENCH_TEST_FRACTION,
  ZAPBENCH_TRAIN_CONDITIONS,
  ZAPBENCH_VAL_FRACTION,
} from "./zapbench";
export type { Condition, Protocol, ProtocolOptions, Split } from "./protocol";
export {
  checkProtocolFits,
  conditionBounds,
  conditionsFromOffsets,
  createProtocol,
  createZapbenchProtocol,
  numWindows,
  ProtocolError,
  scoringSplit,
  splitBounds,
  splitSizes,
} from "./protocol";
export type { ConditionTable } from "./parseConditionTable";
export { parseConditionTable } from "./parseConditionTable";
export { maePerStep } from "./maePerStep";
export type { ConditionScore, Score, ScoreOptions } from "./scoreForecaster";
export { meanCurve, overallMae, scoreForecaster } from "./scoreForecaster";
// Data.
export type { Series } from "./series";
export { createSeries, createSeriesFrom } from "./series";
export { loadActivity, loadNpyActivity, loadZarrActivity } from "./loadActivity";
export { ActivityFormatError, parseActivityCsv } from "./parseActivityCsv";
export { createFileStore } from "./createFileStore";
export type { EdgeList, WiringDiagram } from "./wiringDiagram";
export {
  completeDiagram,
  countCrossEdges,
  createWiringDiagram,
  crossInputs,
  degrees,
  edgesOf,
} from "./wiringDiagram";
export type { EdgeTable, EdgeTableStats, SynapseTypes } from "./parseEdgeTable";
export { EdgeTableError, parseEdgeTable, parseSign } from "./parseEdgeTable";
export type { SignTable } from "./applySignTable";
export { applySignTable, parseSignTable } from "./applySignTable";
export type { ConnectomeLoad } from "./loadConnectome";
export { loadConnectome } from "./loadConnectome";
export type { Alignment } from "./alignDiagram";
export { alignDiagram } from "./alignDiagram";
export { neuronKey } from "./neuronKey";
// Models.
export type { Forecaster } from "./forecaster";
export type { FitInput, FitInputOptions, FittedModel } from "./fitInput";
export { createFitInput } from "./fitInput";
export { createLastValueForecaster, createMeanForecaster } from "./naiveForecasters";
export type { SharedLinearOptions } from "./fitSharedLinear";
export { createSharedLinearForecaster, fitSharedLinear } from "./fitSharedLinear";
export type { ArModel } from "./createArForecaster";
export { createArForecaster } from "./createArForecaster";
export type { MaskedArFit, MaskedArOptions } from "./fitMaskedAr";
export { createArJob, defaultLags, fitMaskedAr } from "./fitMaskedAr";
export type { ArJob } from "./fitArNeurons";
export { fitPerNeuron } from "./fitPerNeuron";
export type { DenseArFit } from "./fitDenseAr";
export { fitDenseAr } from "./fitDenseAr";
export type { RnnShape } from "./maskedRnn";
export { createRnnForecaster, rnnBackward, rnnForward } from "./maskedRnn";
export type { MaskedRnnFit, MaskedRnnOptions } from "./fitMaskedRnn";
export { fitMaskedRnn } from "./fitMaskedRnn";
export type { ModelName } from "./fitNamedModel";
export { DEFAULT_MODELS, fitNamedModel, MODEL_NAMES } from "./fitNamedModel";
// Controls.
export type { RewireOptions, RewireResult } from "./rewireDegreePreserving";
export { rewireDegreePreserving } from "./rewireDegreePreserving";
export { randomEqualDensity, selfOnly } from "./randomEqualDensity";
// Simulator.
export type { Rng } from "./createRng";
export { createRng } from "./createRng";
export type { RandomDiagramOptions } from "./createRandomDiagram";
export { createRandomDiagram } from "./createRandomDiagram";
export type { DffParameters, DffScratch } from "./deltaFOverF";
export { createDffScratch, deltaFOverF, ZAPBENCH_DFF } from "./deltaFOverF";
export type { SimulatedCondition, Simulation, SimulationOptions } from "./simulateActivity";
export { DEFAULT_SIMULATED_CONDITIONS, simulateActivity } from "./simulateActivity";
// Report and command.
export type { ConditionResult, ControlKind, ForecastReport, ModelKind, ModelReport } from "./forecastReport";
export { renderMarkdownSummary } from "./forecastReport";
export type { LinePlot, PlotSeries } from "./renderLinePlot";
export { renderLinePlot } from "./renderLinePlot";
export type { ReportFiles } from "./writeReport";
export { writeReport } from "./writeReport";
export type { ForecastOptions, ForecastProgress, ForecastResult } from "./runForecast";
export { runForecast } from "./runForecast";
export type { ParsedForecastArgs } from "./parseForecastArgs";
export { ForecastArgsError, forecastHelp, parseForecastArgs } from "./parseForecastArgs";
