import { ImportArgsError, importHelp, importNeuroproof, parseImportArgs } from "@danio/dataset";
import { UsageError } from "./args";
import type { Command } from "./Command";
import { progressBar } from "./progressBar";

export const importCommand: Command = {
  name: "import",
  summary: "build a dataset from real data (today: the NeuroProof FIB-SEM sample format)",
  help: importHelp,
  async run(argv) {
    let parsed: ReturnType<typeof parseImportArgs>;
    try {
      parsed = parseImportArgs(argv);
    } catch (err) {
      if (err instanceof ImportArgsError) throw new UsageError(err.message);
      throw err;
    }
    if (parsed.kind === "help") {
      console.log(importHelp);
      return 0;
    }
    const bar = progressBar();
    const summary = await importNeuroproof({
      ...parsed.options,
      onProgress: (p) => bar.update(p.fraction, p.message),
    });
    bar.done();
    console.log(JSON.stringify(summary, null, 2));
    return 0;
  },
};
