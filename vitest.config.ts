import { defineConfig } from "vitest/config";

const pkg = (name: string, root: string) => ({
  test: {
    name,
    root,
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
    environment: "node" as const,
    // Generous: tests assert behaviour, never speed, and the gate shares 2 cores with everything else.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      pkg("core", "packages/core"),
      pkg("formats", "packages/formats"),
      pkg("dataset", "packages/dataset"),
      pkg("sync", "packages/sync"),
      pkg("forecast", "packages/forecast"),
      pkg("server", "server"),
      pkg("viewer", "apps/viewer"),
      {
        test: {
          name: "integration",
          root: "tests",
          include: ["integration/**/*.test.ts", "tooling/**/*.test.ts"],
          environment: "node" as const,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
