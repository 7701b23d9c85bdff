/** `pnpm --filter @danio/dataset bench`: runs the dataset benchmark and prints its JSON (progress on stderr). */
import { benchDataset } from "./benchDataset";

const result = await benchDataset({ onProgress: (msg) => process.stderr.write(`${msg}\n`) });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
