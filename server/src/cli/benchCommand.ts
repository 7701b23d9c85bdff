import { checkKnownFlags, parseArgs, UsageError } from "./args";
import type { Command } from "./Command";

type Bench = (onProgress: (message: string) => void) => Promise<unknown>;

/** Benchmark areas; each module is loaded only when its area runs. */
const AREAS: Record<string, { about: string; run: Bench }> = {
  core: {
    about:
      "proofreading engine on 1,000,000 supervoxels: build, memory, merge/split latency, root lookup, replay",
    run: async (onProgress) => (await import("@danio/core/bench")).benchCore({ onProgress }),
  },
  dataset: {
    about: "demo dataset generation time, meshing triangles per second, bytes on disk per layer",
    run: async (onProgress) => (await import("@danio/dataset/bench")).benchDataset({ onProgress }),
  },
  forecast: {
    about: "masked vs dense autoregression fit time; the connectome-vs-controls experiment on simulated data",
    run: async (onProgress) => (await import("@danio/forecast/bench")).benchForecast({ onProgress }),
  },
  export: {
    about: "materialize 10M synapses on 1M supervoxels: seconds, peak memory, and DuckDB's same group-by",
    run: async (onProgress) => (await import("../../bench/benchExport")).benchExport({ onProgress }),
  },
  render: {
    about:
      "the viewer in headless Chromium: draw calls, triangles, frame time at 10 and 100 neurons; edit → other view",
    run: async (onProgress) => (await import("../../bench/benchRender")).benchRender({ onProgress }),
  },
  sync: {
    about:
      "edit → visible in N clients (p50/p99), operations per second, memory per client, awareness per move",
    run: async (onProgress) => (await import("../../bench/benchSync")).benchSync({ onProgress }),
  },
};

export const benchCommand: Command = {
  name: "bench",
  summary: "run a benchmark and print its figures",
  help: `danio bench <area> [--json]

Runs one benchmark (progress on stderr) and prints its figures; --json prints one JSON object only.
Areas:
${Object.entries(AREAS)
  .map(([name, a]) => `  ${name.padEnd(9)} ${a.about}`)
  .join("\n")}`,
  async run(argv) {
    const args = parseArgs(argv, ["json"]);
    checkKnownFlags(args, ["json"], "bench");
    const area = args.positional[0];
    const bench = area === undefined ? undefined : AREAS[area];
    if (!bench)
      throw new UsageError(
        `expected an area (${Object.keys(AREAS).join(", ")}), got ${JSON.stringify(area ?? "")}`,
      );
    const t0 = performance.now();
    const figures = await bench.run((m) => process.stderr.write(`bench ${area}: ${m}\n`));
    if (args.flags.has("json")) console.log(JSON.stringify(figures));
    else {
      console.log(JSON.stringify(figures, null, 2));
      console.log(`bench ${area}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    return 0;
  },
};
