/** Resolves on SIGINT or SIGTERM (Ctrl-C), so a server command can close cleanly. */
export function waitForSignal(): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
