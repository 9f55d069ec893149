import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The production server (server/index.ts on the built app) as a child process, for the tests and benchmarks that
// need a real one: the end-to-end journeys, the crash test (SIGKILL) and the exam benchmark.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export type ServerProcess = {
  origin: string;
  pid: number | undefined;
  /** The last lines of its output (stdout and stderr), for error messages. */
  output: () => string;
  /** How many error or fatal log lines it wrote. */
  errorLines: () => number;
  /** Set once the process has ended. */
  exitInfo: () => string | undefined;
  /** SIGTERM (the server closes its pools and embedded database), SIGKILL for the whole group after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
  /** SIGKILL for the whole process group at once: a crash, no shutdown hook runs. */
  kill: () => Promise<void>;
};

/** Keeps the last lines of a process's output and counts pino error/fatal lines. */
function tail(limit = 200) {
  const lines: string[] = [];
  let errors = 0;
  return {
    push(chunk: Buffer | string, stream: string) {
      for (const line of String(chunk).split("\n")) {
        if (!line.trim()) continue;
        if (/"level":(50|60)/.test(line)) errors++;
        lines.push(`[${stream}] ${line}`);
        if (lines.length > limit) lines.shift();
      }
    },
    text: () => lines.join("\n"),
    errors: () => errors,
  };
}

/**
 * Starts `node [nodeArgs] --import tsx server/index.ts` in its own process group (so its HTTP workers are stopped
 * with it) with exactly `env` (plus HOST and PORT), and waits until /healthz answers 200.
 */
export async function startServerProcess({
  port,
  env,
  nodeArgs = [],
  readyTimeoutMs = 90_000,
}: {
  port: number;
  env: NodeJS.ProcessEnv;
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}): Promise<ServerProcess> {
  const output = tail();
  // The issuer keys of a test server live in a temporary folder, never in the repository's .data/keys.
  const keyDir = env.CREDENTIALS_KEY_FILE ? null : fs.mkdtempSync(path.join(os.tmpdir(), "maharat-keys-"));
  const keyEnv = keyDir ? { CREDENTIALS_KEY_FILE: path.join(keyDir, "issuer-keys.json"), CREDENTIALS_KEY_SECRET: env.CREDENTIALS_KEY_SECRET ?? "test-only-secret-0123456789abcdef0123456789" } : {};
  const removeKeys = () => {
    if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
  };
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: { ...env, ...keyEnv, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (c: Buffer) => output.push(c, "stdout"));
  child.stderr?.on("data", (c: Buffer) => output.push(c, "stderr"));
  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, signal) => {
    exitInfo = `exit code ${code}, signal ${signal}`;
  });
  child.once("error", (error) => {
    exitInfo ??= `could not start: ${error.message}`;
  });
  const isRunning = () => child.exitCode === null && child.signalCode === null && exitInfo === undefined;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // If the test runner exits without cleaning up, do not leave a server behind.
  const killOnExit = () => {
    killGroup("SIGKILL");
    removeKeys();
  };
  process.once("exit", killOnExit);

  const server: ServerProcess = {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid,
    output: output.text,
    errorLines: output.errors,
    exitInfo: () => exitInfo,
    async stop(graceMs = 10_000) {
      process.off("exit", killOnExit);
      if (isRunning()) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => killGroup("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      killGroup("SIGKILL"); // workers that outlived the primary, if any
      removeKeys();
    },
    async kill() {
      process.off("exit", killOnExit);
      if (isRunning()) {
        killGroup("SIGKILL");
        await exited;
      }
      killGroup("SIGKILL");
      removeKeys();
    },
  };

  const deadline = Date.now() + readyTimeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error(`the server process ended (${exitInfo})\n--- server output ---\n${output.text()}`);
    try {
      const response = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return server;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.kill();
  throw new Error(`/healthz did not answer 200 within ${readyTimeoutMs / 1000} s (last: ${last})\n--- server output ---\n${output.text()}`);
}
