import { defineConfig } from "@playwright/test";

const PORT = 5191;

/** End-to-end tests in Debian's Chromium (never a downloaded browser), against `danio demo`. */
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./results/e2e-artifacts",
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "./results/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1024, height: 700 },
    launchOptions: {
      executablePath: process.env.DANIO_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--enable-unsafe-swiftshader",
      ],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  webServer: {
    // A fresh store each run (the generated demo dataset is kept under tests/results/e2e-demo).
    command: `rm -rf tests/results/e2e-demo/danio.db* tests/results/e2e-demo/snapshots && pnpm -s danio demo --port ${PORT} --dir tests/results/e2e-demo`,
    cwd: "..",
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
