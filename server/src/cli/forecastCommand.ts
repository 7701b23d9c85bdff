import { ForecastArgsError, forecastHelp, parseForecastArgs, runForecast } from "@danio/forecast";
import { UsageError } from "./args";
import type { Command } from "./Command";
import { progressBar } from "./progressBar";

export const forecastCommand: Command = {
  name: "forecast",
  summary: "fit and score forecasting models (ZAPBench protocol) with a wiring diagram as constraint",
  help: forecastHelp,
  async run(argv) {
    let parsed: ReturnType<typeof parseForecastArgs>;
    try {
      parsed = parseForecastArgs(argv);
    } catch (err) {
      if (err instanceof ForecastArgsError) throw new UsageError(err.message);
      throw err;
    }
    if (parsed.help) {
      console.log(forecastHelp);
      return 0;
    }
    const bar = progressBar();
    const { files } = await runForecast({
      ...parsed.options,
      onProgress: (p) =>
        bar.update(p.fraction ?? 0, `${p.stage}${p.model ? ` ${p.model}` : ""}: ${p.message}`),
    });
    bar.done();
    console.log(JSON.stringify(files, null, 2));
    return 0;
  },
};
