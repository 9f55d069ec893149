// Verification off the caller's thread, with a hard time budget. A public verifier meets documents built to be
// expensive (JSON-LD expansion and canonicalisation are CPU-bound and cannot be interrupted on the thread that runs
// them), so verifyCredential runs in a worker thread: the caller's thread stays free for other requests, and a
// verification that outlives `timeoutMs` is ended by terminating the worker (a new one takes its place). Tasks run
// one at a time per worker, so a timeout ends only the task that caused it; at most `maxQueue` wait.
// The caller's resolvers stay on its thread; the worker asks for DID documents and status lists by message.
import { Worker } from "node:worker_threads";
import { isJsonObject } from "./types";
import { problem } from "./messages";
import type { VerificationResult, VerifyCredentialOptions } from "./verify";

type ResolverName = "resolveDidWeb" | "resolveController" | "loadStatusList";

/** Caller → worker. */
export type WorkerRequest =
  | { type: "verify"; task: number; credential: unknown; now?: Date; maxClockSkewSeconds?: number; resolvers: ResolverName[] }
  | { type: "answer"; call: number; value: unknown };
/** Worker → caller. */
export type WorkerReply =
  | { type: "result"; task: number; result: VerificationResult }
  | { type: "call"; task: number; call: number; resolver: ResolverName; arg: string };

export type VerifierPool = {
  verify: (options: VerifyCredentialOptions) => Promise<VerificationResult>;
  close: () => Promise<void>;
};

type Task = { id: number; options: VerifyCredentialOptions; resolve: (result: VerificationResult) => void };

const failed = (code: "verification_timeout" | "verification_busy" | "verification_failed", detail?: string): VerificationResult => ({
  verified: false,
  status: "invalid",
  errors: [problem(code, {}, detail)],
  warnings: [],
});

/** The revocation dates a status list knows for the indexes this credential points at (the worker cannot call a function). */
function revokedAtFor(credential: unknown, revokedAt: ((index: number) => Date | undefined) | undefined) {
  const out: Record<string, string> = {};
  if (!revokedAt || !isJsonObject(credential)) return out;
  const statuses = Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus];
  for (const status of statuses) {
    const index = isJsonObject(status) && typeof status.statusListIndex === "string" ? Number(status.statusListIndex) : NaN;
    const at = Number.isSafeInteger(index) ? revokedAt(index) : undefined;
    if (at) out[String(index)] = at.toISOString();
  }
  return out;
}

/**
 * A verifier running in one worker thread loaded from `workerFile` (credentials/verify-worker.ts, built to plain
 * JavaScript). `verify` never throws: a timeout, a full queue or a dead worker come back as problems.
 */
export function createVerifierPool({ workerFile, timeoutMs = 2_000, maxQueue = 64 }: { workerFile: string | URL; timeoutMs?: number; maxQueue?: number }): VerifierPool {
  let worker: Worker | null = null;
  let current: (Task & { timer: NodeJS.Timeout }) | null = null;
  const queue: Task[] = [];
  let nextTask = 0;
  let closed = false;

  const finish = (result: VerificationResult) => {
    if (!current) return;
    clearTimeout(current.timer);
    current.resolve(result);
    current = null;
    runNext();
  };

  const answer = async (message: Extract<WorkerReply, { type: "call" }>) => {
    const task = current;
    if (!task || task.id !== message.task) return;
    const { options } = task;
    let value: unknown = null;
    try {
      if (message.resolver === "loadStatusList") {
        const list = await options.loadStatusList?.(message.arg);
        value = list ? { credential: list.credential, revokedAt: revokedAtFor(options.credential, list.revokedAt) } : null;
      } else {
        value = (await options[message.resolver]?.(message.arg)) ?? null;
      }
    } catch {
      value = null;
    }
    if (current === task) worker?.postMessage({ type: "answer", call: message.call, value } satisfies WorkerRequest);
  };

  const start = () => {
    const created = new Worker(workerFile);
    created.unref();
    created.on("message", (message: WorkerReply) => {
      if (message.type === "call") void answer(message);
      else if (current && message.task === current.id) finish(message.result);
    });
    created.on("error", (error) => {
      if (worker === created) worker = null;
      finish(failed("verification_failed", error.message));
    });
    created.on("exit", () => {
      if (worker === created) worker = null;
    });
    return created;
  };

  const runNext = () => {
    if (current || closed) return;
    const task = queue.shift();
    if (!task) return;
    worker ??= start();
    const timer = setTimeout(() => {
      // The only way to stop a CPU-bound verification: end the worker; the next task starts a fresh one.
      const stuck = worker;
      worker = null;
      void stuck?.terminate();
      finish(failed("verification_timeout", `verification exceeded ${timeoutMs} ms`));
    }, timeoutMs);
    current = { ...task, timer };
    const { credential, now, maxClockSkewSeconds } = task.options;
    const resolvers = (["resolveDidWeb", "resolveController", "loadStatusList"] as const).filter((name) => task.options[name]);
    try {
      worker.postMessage({ type: "verify", task: task.id, credential, now, maxClockSkewSeconds, resolvers } satisfies WorkerRequest);
    } catch (error) {
      // Not cloneable (a function, a symbol): not a JSON document.
      finish(failed("verification_failed", error instanceof Error ? error.message : String(error)));
    }
  };

  return {
    verify(options) {
      if (closed) return Promise.resolve(failed("verification_failed", "the verifier pool is closed"));
      if (queue.length >= maxQueue) return Promise.resolve(failed("verification_busy"));
      return new Promise((resolve) => {
        queue.push({ id: nextTask++, options, resolve });
        runNext();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.resolve(failed("verification_failed", "the verifier pool is closed"));
      if (current) finish(failed("verification_failed", "the verifier pool is closed"));
      await worker?.terminate();
      worker = null;
    },
  };
}
