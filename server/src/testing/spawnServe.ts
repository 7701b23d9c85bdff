import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Runs a `danio` command that serves (serve, demo) in its own Node process and resolves with the URL it
 * prints, for tests and benchmarks that need a real server process (kill -9, memory of the server alone).
 */
export function spawnServe(
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn("node", [...nodeFlags, "--import", "tsx", "server/src/cli/main.ts", ...args], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(
      () => fail(new Error(`danio ${args[0]} did not start in 300 s:\n${out.slice(-2000)}`)),
      300_000,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Danio (?:server|demo): (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ url: m[1]!, child });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`danio ${args[0]} exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}
