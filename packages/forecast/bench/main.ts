/** Prints the forecast benchmark as JSON: `pnpm --filter @danio/forecast bench [-- --quick]`. */
import { benchForecast } from "./benchForecast";

const quick = process.argv.includes("--quick");
const result = await benchForecast({ quick, onProgress: (msg) => process.stderr.write(`${msg}\n`) });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
