/**
 * The models `danio forecast --models` knows (SPEC.md F3–F9) and how each is fitted. Connectome-constrained
 * models take a wiring diagram; runForecast fits them again on each control diagram (SPEC.md C5).
 */
import type { FitInput, FittedModel } from "./fitInput";
import { fitMaskedAr } from "./fitMaskedAr";
import { fitMaskedRnn } from "./fitMaskedRnn";
import { fitSharedLinear } from "./fitSharedLinear";
import type { ModelKind } from "./forecastReport";
import { createLastValueForecaster, createMeanForecaster } from "./naiveForecasters";
import { completeDiagram, type WiringDiagram } from "./wiringDiagram";

export const MODEL_NAMES = [
  "mean",
  "last",
  "linear",
  "ridge-ar",
  "masked-ar",
  "masked-ar-signed",
  "masked-ar-scaled",
  "masked-rnn",
  "dense-ar",
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export const DEFAULT_MODELS: readonly ModelName[] = ["mean", "last", "linear", "ridge-ar", "masked-ar"];

/** The largest activity the dense model is fitted on (its per-neuron Gram matrices grow with N²). */
export const DENSE_MAX_NEURONS = 2000;

export function modelKind(name: ModelName): ModelKind {
  if (name === "dense-ar") return "dense";
  return name.startsWith("masked-") ? "constrained" : "baseline";
}

export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** Fits `name`; `diagram` is the (aligned) wiring diagram or one of its controls, for constrained models. */
export async function fitNamedModel(
  name: ModelName,
  input: FitInput,
  diagram: WiringDiagram,
): Promise<FittedModel> {
  const { context } = input;
  const H = input.protocol.horizon;
  switch (name) {
    case "mean":
      return { forecaster: createMeanForecaster(context, H), hyperparameters: {}, valMae: null };
    case "last":
      return { forecaster: createLastValueForecaster(context, H), hyperparameters: {}, valMae: null };
    case "linear":
      return fitSharedLinear(input);
    case "ridge-ar":
      return fitMaskedAr(input, null, { label: name });
    case "masked-ar":
      return fitMaskedAr(input, diagram, { label: name });
    case "masked-ar-signed":
      return fitMaskedAr(input, diagram, { label: name, signed: true });
    case "masked-ar-scaled":
      return fitMaskedAr(input, diagram, { label: name, scaleByCount: true });
    case "masked-rnn":
      return fitMaskedRnn(input, diagram, { label: name });
    case "dense-ar": {
      const N = input.series.neurons;
      if (N > DENSE_MAX_NEURONS) {
        throw new Error(`dense-ar: ${N} neurons; the dense model is fitted on at most ${DENSE_MAX_NEURONS}`);
      }
      return fitMaskedAr(input, completeDiagram(input.series.names), { label: name });
    }
  }
}
