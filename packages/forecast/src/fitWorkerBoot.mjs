// Worker-thread bootstrap: loads the TypeScript worker through tsx's API, so that worker threads run the
// same source under vitest, under `tsx` and under plain node (SPEC.md F8).
const { tsImport } = await import("tsx/esm/api");
await tsImport("./fitWorker.ts", import.meta.url);
