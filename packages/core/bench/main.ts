import { benchCore } from "./benchCore";

/** Prints the core benchmark's figures as one JSON object; progress goes to stderr. `--supervoxels N`. */
const i = process.argv.indexOf("--supervoxels");
const supervoxels = i > 0 ? Number(process.argv[i + 1]) : undefined;
const figures = await benchCore({
  ...(supervoxels === undefined ? {} : { supervoxels }),
  onProgress: (message) => process.stderr.write(`bench core: ${message}\n`),
});
process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
