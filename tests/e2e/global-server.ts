import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import getPort from "get-port";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { withDatabase } from "../setup/database-url";

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

/** Keeps the last lines of the server's output, to show them when it fails to start. */
function tail(limit = 200) {
  const lines: string[] = [];
  return {
    push(chunk: Buffer | string, stream: string) {
      for (const line of String(chunk).split("\n")) {
        if (!line.trim()) continue;
        lines.push(`[${stream}] ${line}`);
        if (lines.length > limit) lines.shift();
      }
    },
    text: () => lines.join("\n"),
  };
}

/**
 * Starts the production server (built app, `tsx server/index.ts`) on a free port with a fresh database and the
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
    const name = `maharat_e2e_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    childEnv.DATABASE_URL = withDatabase(serverUrl, name);
    cleanups.push(async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    });
  } else {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "maharat-e2e-"));
    tempDir = dir;
    childEnv.EMBEDDED_DB_DIR = path.join(dir, "pglite");
    cleanups.push(() => fs.promises.rm(dir, { recursive: true, force: true }));
  }

  const port = await getPort({ host: "127.0.0.1" });
  Object.assign(childEnv, {
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
  });

  const output = tail();
  // Its own process group, so that a forced stop also reaches the node process tsx starts.
  const child: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["server/index.ts"], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (c: Buffer) => output.push(c, "stdout"));
  child.stderr?.on("data", (c: Buffer) => output.push(c, "stderr"));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let exitInfo: string | undefined;
  child.once("exit", (code, signal) => {
    exitInfo = `exit code ${code}, signal ${signal}`;
  });
  child.once("error", (error) => {
    exitInfo ??= `could not run tsx: ${error.message}`;
  });

  // If vitest exits without teardown (Ctrl-C, crash), do not leave the server or its data folder behind. (An e2e
  // database on a real server cannot be dropped synchronously here; it is named maharat_e2e_*.)
  const killOnExit = () => {
    killGroup(child, "SIGKILL");
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
  process.once("exit", killOnExit);

  const stopServer = async () => {
    process.off("exit", killOnExit);
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // tsx passes it on; the server closes its database and exits
      const timer = setTimeout(() => killGroup(child, "SIGKILL"), KILL_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    // tsx has exited; make sure nothing of the group lingers.
    killGroup(child, "SIGKILL");
  };
  const teardown = async () => {
    await stopServer();
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, () => exitInfo);
  } catch (error) {
    await teardown().catch(() => {});
    throw new Error(
      `The e2e server did not become ready: ${(error as Error).message}\n--- server output ---\n${output.text()}`,
    );
  }

  project.provide("e2e", {
    baseUrl: `http://localhost:${port}`,
    executablePath,
    database: serverUrl ? "server" : "embedded",
  });
  return teardown;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(url: string, exitInfo: () => string | undefined) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    const exited = exitInfo();
    if (exited) throw new Error(`the server process ended (${exited})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last})`);
}
