import { UsageError } from "./args";
import type { Command } from "./Command";
import { benchCommand } from "./benchCommand";
import { demoCommand } from "./demoCommand";
import { exportCommand } from "./exportCommand";
import { forecastCommand } from "./forecastCommand";
import { generateCommand } from "./generateCommand";
import { importCommand } from "./importCommand";
import { serveCommand } from "./serveCommand";
import { usersCommand } from "./usersCommand";

const COMMANDS: Command[] = [
  demoCommand,
  serveCommand,
  generateCommand,
  importCommand,
  exportCommand,
  forecastCommand,
  usersCommand,
  benchCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "danio <command> [options]    (run from the repository root as: pnpm danio <command>)",
    "",
    "commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "danio <command> --help shows a command's options.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`danio: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`danio ${name}: ${err.message}`);
      return 2;
    }
    console.error(`danio ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
