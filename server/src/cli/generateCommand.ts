import { generateDataset, generateHelp, parseGenerateArgs } from "@danio/dataset";
import { UsageError } from "./args";
import type { Command } from "./Command";
import { progressBar } from "./progressBar";

export const generateCommand: Command = {
  name: "generate",
  summary: "write a synthetic dataset (neurons, supervoxels, synapses, EM image, ground truth)",
  help: generateHelp,
  async run(argv) {
    let parsed: ReturnType<typeof parseGenerateArgs>;
    try {
      parsed = parseGenerateArgs(argv);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    if (parsed.kind === "help") {
      console.log(generateHelp);
      return 0;
    }
    const bar = progressBar();
    const summary = await generateDataset(parsed.options, (p) => bar.update(p.fraction, p.message));
    bar.done();
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  },
};
