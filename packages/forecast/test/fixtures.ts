/** Reads the numpy fixtures written by test/makeFixture.py. */
import { readFileSync } from "node:fs";
import { readNpy } from "@danio/formats";

export const FIXTURES = new URL("./fixtures/", import.meta.url);

export function fixturePath(name: string): string {
  return new URL(name, FIXTURES).pathname;
}

export function readFixtureNpy(name: string): { shape: number[]; data: Float32Array | Float64Array } {
  const a = readNpy(new Uint8Array(readFileSync(fixturePath(name))), name);
  return { shape: a.shape, data: a.data as Float32Array | Float64Array };
}

export interface ReferenceScore {
  conditions: { bounds: [number, number]; windows: number; mae: number[] }[];
  trainMean: number[];
  heldOutMean: number[] | null;
}

export interface Reference {
  maeWindow: number[];
  zapbenchSplits: Record<
    string,
    {
      condition: number;
      train: [number, number];
      val: [number, number];
      test: [number, number];
      test_holdout: [number, number];
      testWindows: number;
      holdoutWindows: number;
    }[]
  >;
  table: {
    offsets: number[];
    names: string[];
    heldOut: number[];
    padding: number;
    maxContext: number;
    horizon: number;
  };
  scores: Record<string, ReferenceScore>;
  dffHalfWindow: number;
}

export const reference = JSON.parse(readFileSync(fixturePath("reference.json"), "utf8")) as Reference;
