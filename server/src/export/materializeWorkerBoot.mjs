// Worker-thread bootstrap: loads the TypeScript worker through tsx's API, so that worker threads run the
// same source under vitest, under `tsx` and under plain node (as packages/forecast's fitWorkerBoot.mjs).
const { tsImport } = await import("tsx/esm/api");
await tsImport("./materializeWorker.ts", import.meta.url);
