/** A one-line progress bar on stderr (a plain line per step when stderr is not a terminal). */
export function progressBar(width = 30): { update(fraction: number, message: string): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let lastLine = "";
  return {
    update(fraction, message) {
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * width);
      const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ${message}`;
      if (tty) process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
      else if (message !== lastLine.slice(width + 8)) process.stderr.write(`${line}\n`);
      lastLine = line;
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}
