/** A command-line usage error: the message names the flag and what was expected. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** Parses `--name value`, `--name=value` and bare `--flag`; `booleans` lists the flags that take no value. */
export function parseArgs(argv: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) flags.set(name, arg.slice(eq + 1));
    else if (booleans.includes(name)) flags.set(name, true);
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name}: expected a value`);
      flags.set(name, value);
      i++;
    }
  }
  return { flags, positional };
}

/** Reads an integer flag within [min, max], or the default. */
export function intFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const n = typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Refuses flags the command does not know, naming them. */
export function checkKnownFlags(args: ParsedArgs, known: readonly string[], command: string): void {
  for (const name of args.flags.keys()) {
    if (!known.includes(name)) throw new UsageError(`unknown flag --${name} (see danio ${command} --help)`);
  }
}
