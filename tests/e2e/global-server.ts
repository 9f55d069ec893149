import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import getPort from "get-port";
import type { TestProject } from "vitest/node";
import { createScratchDatabase } from "../setup/database-url";
import { startServerProcess, type ServerProcess } from "../setup/server-process";

export type E2eContext =
  | { skipReason: string }
  | {
      /** Where the browser goes: http://localhost:<port> (Chromium keeps Secure cookies on localhost, not on 127.0.0.1). */
      baseUrl: string;
      executablePath: string;
      database: "server" | "embedded";
    };

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

const READY_TIMEOUT_MS = 90_000;
const KILL_GRACE_MS = 10_000;

/** Chromium from CHROMIUM_PATH, /usr/bin/chromium, or the PATH; otherwise why none was found. */
export function findChromium(): { path: string } | { reason: string } {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return isExecutable(fromEnv) ? { path: fromEnv } : { reason: `CHROMIUM_PATH=${fromEnv} is not an executable file` };
  }
  if (isExecutable("/usr/bin/chromium")) return { path: "/usr/bin/chromium" };
  for (const name of ["chromium", "chromium-browser"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    const candidate = found.status === 0 ? found.stdout.trim() : "";
    if (candidate && isExecutable(candidate)) return { path: candidate };
  }
  return { reason: "no Chromium found (not at /usr/bin/chromium, no chromium or chromium-browser on the PATH)" };
}

function isExecutable(file: string) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Starts the production server (built app, server/index.ts) on a free port with a fresh database and the
 * demo accounts, for the browser tests. Without Chromium the tests are skipped (unless E2E_REQUIRED=1).
 */
export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if ("reason" in chromium) {
    if (process.env.E2E_REQUIRED === "1") throw new Error(`E2E_REQUIRED=1 but ${chromium.reason}`);
    project.provide("e2e", {
      skipReason: `${chromium.reason}: set CHROMIUM_PATH or \`apt-get install -y chromium\` (E2E_REQUIRED=1 makes this an error)`,
    });
    return;
  }
  const executablePath = chromium.path;

  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  if (!fs.existsSync(path.join(root, "build", "index.js"))) {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }

  // A fresh database: a new one on the given server, or a new embedded data folder.
  const serverUrl = process.env.DATABASE_URL;
  const cleanups: Array<() => Promise<void>> = [];
  let tempDir: string | undefined;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.DATABASE_URL;
  delete childEnv.APP_URL; // the Origin check must compare with the address the browser uses
  delete childEnv.EMBEDDED_DB_DIR;
  if (serverUrl) {
    const scratch = await createScratchDatabase({ serverUrl, prefix: "maharat_e2e" });
    childEnv.DATABASE_URL = scratch.url;
    cleanups.push(scratch.drop);
  } else {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "maharat-e2e-"));
    tempDir = dir;
    childEnv.EMBEDDED_DB_DIR = path.join(dir, "pglite");
    cleanups.push(() => fs.promises.rm(dir, { recursive: true, force: true }));
  }

  const port = await getPort({ host: "127.0.0.1" });
  // TRUST_PROXY: each test's browser page says it comes from its own address (helpers.ts logIn), as people do, so
  // the whole suite's log-ins do not share one address's budget (30 per 15 minutes).
  Object.assign(childEnv, { NODE_ENV: "production", SEED_DEMO: "true", LOG_LEVEL: "warn", TRUST_PROXY: "true" });
  // If vitest exits without teardown (Ctrl-C, crash), do not leave the data folder behind (the server process
  // helper kills its own process group). An e2e database on a real server cannot be dropped synchronously here; it
  // is named maharat_e2e_*.
  const removeTempDir = () => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
  process.once("exit", removeTempDir);
  const cleanupAll = async () => {
    process.off("exit", removeTempDir);
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  let server: ServerProcess;
  try {
    server = await startServerProcess({ port, env: childEnv, readyTimeoutMs: READY_TIMEOUT_MS });
  } catch (error) {
    await cleanupAll().catch(() => {});
    throw new Error(`The e2e server did not become ready: ${(error as Error).message}`);
  }
  const teardown = async () => {
    await server.stop(KILL_GRACE_MS);
    await cleanupAll();
  };

  project.provide("e2e", {
    baseUrl: `http://localhost:${port}`,
    executablePath,
    database: serverUrl ? "server" : "embedded",
  });
  return teardown;
}
