import { benchSync } from "./benchSync";

const result = await benchSync({ onProgress: (m) => process.stderr.write(`${m}\n`) });
console.log(JSON.stringify(result, null, 2));
