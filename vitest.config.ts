import { defineConfig } from "vitest/config";

// With no DATABASE_URL the tests share one in-memory embedded PostgreSQL, so files run one after another;
// against a real server each file gets its own database cloned from a migrated template and files run in parallel.
const embedded = !process.env.DATABASE_URL;

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    projects: [
      {
        // credentials/ is a framework-free library: its tests need no database and no server.
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["credentials/**/*.test.ts"],
          setupFiles: ["tests/setup/console.ts"],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["app/**/*.test.{ts,tsx}", "server/**/*.test.ts", "prisma/**/*.test.ts", "tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-database.ts"],
          setupFiles: ["tests/setup/console.ts", "tests/setup/database.ts"],
          fileParallelism: !embedded,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.e2e.test.ts"],
          globalSetup: ["tests/e2e/global-server.ts"],
          setupFiles: ["tests/setup/console.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
