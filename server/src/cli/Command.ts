/** One `danio <command>`: its help text and what it runs. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
}
