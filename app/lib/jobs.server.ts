// The process's one job queue: one pg-boss client on the process's one connection pool (sql.server.ts). It knows no
// domain. Each module defines its jobs next to the code they run (defineJob: name, payload schema, handler, retry
// policy, and optionally a cron schedule or a feed); server/jobs.ts lists them and the server's primary process starts
// their workers (startJobWorkers). Any process may send or insert jobs. Documenso's jobs client is the model
// (docs/decisions/026-one-pool-one-job-queue.md).
import crypto from "node:crypto";
import PgBoss from "pg-boss";
import type { z } from "zod";
import { logger } from "./logger.server";
import { sqlPool } from "./sql.server";

export type JobContext = { id: string; retryCount: number; retryLimit: number };

export type JobDefinition<Data> = {
  /** The pg-boss queue's name (stable: jobs already queued carry it). */
  name: string;
  /** The payload's schema: a job whose data does not parse fails without running. */
  schema: z.ZodType<Data>;
  run(data: Data, job: JobContext): Promise<unknown>;
  /** Retry policy and queue kind (pg-boss's queue options); applied again at every start. */
  policy?: Partial<Omit<PgBoss.Queue, "name">>;
  /** Jobs fetched at once (default 1); a full batch fetches again at once, so a backlog drains without pauses. */
  batchSize?: number;
  /** Run a batch's jobs concurrently (network-bound work such as e-mail) rather than one after another. */
  concurrent?: boolean;
  /** How often an idle worker looks for jobs (default 2 s; minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /** A cron schedule (pg-boss's: one instance of a cluster sends each occurrence), optionally also once at start. */
  cron?: { expression: string; tz?: string; atStart?: boolean };
  /**
   * Rows that want a job, polled every `everyMs`: for work recorded in our own tables (an event, a pending export).
   * A row is offered at every poll until its work is done: give each a fixed id (stableJobId), and pg-boss keeps one
   * job per row until that job is archived (a "stately" queue's singletonKey alone still lets a second job wait
   * while the first runs).
   */
  feed?: { everyMs: number; pending(): Promise<Array<{ data: Data; id?: string; singletonKey?: string }>> };
  /** Called when a run fails (pg-boss then retries it within the policy); the default logs. */
  onError?(error: unknown, data: unknown, job: JobContext & { lastAttempt: boolean }): void | Promise<void>;
};

/** A job id (a UUID, as pg-boss wants) derived from a key: the same work always gets the same id. */
export function stableJobId(key: string) {
  const hex = crypto.createHash("sha256").update(key).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A job definition (typed by its schema). */
export function defineJob<Data>(definition: JobDefinition<Data>): JobDefinition<Data> {
  return definition;
}

// Jobs of every payload type in one list (the registry, the runner); each entry is typed where it is defined.
export type AnyJobDefinition = JobDefinition<any>;

let client: Promise<PgBoss> | undefined;
let clientOptions = { supervise: false, schedule: false };

/**
 * The primary process's queue runs pg-boss maintenance (expiring stuck jobs, archiving) and its cron scheduler; other
 * processes only send. Call before anything uses the queue; later calls do not change a started client.
 */
export function configureJobQueue(options: { supervise: boolean; schedule: boolean }) {
  clientOptions = options;
}

/** The started pg-boss client, on the shared pool (created on first use). */
export function jobQueue(): Promise<PgBoss> {
  client ??= (async () => {
    const db = { executeSql: (text: string, values: unknown[] = []) => sqlPool().query(text, values) };
    const boss = new PgBoss({ db, ...clientOptions });
    boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    client = undefined;
    throw error;
  });
  return client;
}

const queuesReady = new Map<string, Promise<void>>();

/**
 * Makes sure a job's queue exists (once per process): pg-boss drops a job sent to a queue that does not exist, so a
 * sender must not rely on the worker having started first (tests, a fresh database, an HTTP worker process).
 */
export function ensureQueue(definition: AnyJobDefinition): Promise<void> {
  let ready = queuesReady.get(definition.name);
  if (!ready) {
    ready = (async () => {
      const boss = await jobQueue();
      if (!(await boss.getQueue(definition.name))) await boss.createQueue(definition.name, { name: definition.name, ...definition.policy });
    })().catch((error: unknown) => {
      queuesReady.delete(definition.name);
      throw error;
    });
    queuesReady.set(definition.name, ready);
  }
  return ready;
}

/** Sends one job (its data checked against the schema first). */
export async function sendJob<Data>(definition: JobDefinition<Data>, data: Data, options: PgBoss.SendOptions = {}) {
  await ensureQueue(definition);
  return (await jobQueue()).send(definition.name, definition.schema.parse(data) as object, options);
}

/** Something that runs one SQL statement and says how many rows it wrote: a transaction's connection. */
export type StatementRunner = (text: string, values: unknown[]) => Promise<number>;

/**
 * Inserts jobs through the caller's transaction, so they exist exactly when it commits. Throws (rolling the
 * transaction back) when pg-boss wrote fewer rows than asked: a job for a missing queue is silently dropped.
 */
export async function insertJobsInTransaction<Data>(definition: JobDefinition<Data>, items: Data[], run: StatementRunner) {
  if (items.length === 0) return;
  await ensureQueue(definition);
  let inserted = 0;
  const db = {
    async executeSql(text: string, values: unknown[]) {
      inserted += await run(text, values.map((value) => (value === undefined ? null : value)));
      return { rows: [] };
    },
  };
  const boss = await jobQueue();
  // pg-boss inserts jobs from one JSON parameter: slices keep each statement's parameter a reasonable size.
  for (let i = 0; i < items.length; i += 1_000) {
    const slice = items.slice(i, i + 1_000).map((data) => ({ name: definition.name, data: definition.schema.parse(data) as object }));
    await boss.insert(slice, { db });
  }
  if (inserted !== items.length) throw new Error(`${definition.name}: ${items.length - inserted} jobs were not queued`);
}

export type JobWorkers = {
  /** Runs a job's feed now (it also runs every feed.everyMs); returns how many rows it offered. */
  feedNow(name: string): Promise<number>;
  /** Stops feeding, then the queue client, waiting (up to 10 s) for the jobs running now. */
  stop(): Promise<void>;
};

/** Starts the workers, feeds and schedules of `definitions` in this process. */
export async function startJobWorkers(definitions: AnyJobDefinition[]): Promise<JobWorkers> {
  const boss = await jobQueue();
  const timers: NodeJS.Timeout[] = [];
  const feeds = new Map<string, () => Promise<number>>();
  const polls = new Set<Promise<number>>();
  let stopped = false;

  for (const definition of definitions) {
    const { name } = definition;
    const queue = { name, ...definition.policy };
    await ensureQueue(definition);
    // createQueue keeps an existing queue as it was: apply the current policy too.
    await boss.updateQueue(name, queue);
    const retryLimit = (await boss.getQueue(name))?.retryLimit ?? 0;
    const batchSize = definition.batchSize ?? 1;

    const runOne = async (job: PgBoss.JobWithMetadata<unknown>) => {
      const context = { id: job.id, retryCount: job.retryCount, retryLimit };
      try {
        const parsed = definition.schema.safeParse(job.data);
        if (!parsed.success) throw new Error(`${name}: invalid job data: ${parsed.error.message}`);
        await definition.run(parsed.data, context);
      } catch (error) {
        const lastAttempt = job.retryCount >= retryLimit;
        try {
          if (definition.onError) await definition.onError(error, job.data, { ...context, lastAttempt });
          else logger.error({ err: error, job: name, jobId: job.id, lastAttempt }, "a job failed; pg-boss retries it within its policy");
        } finally {
          // Failed on its own: the rest of the batch completes (pg-boss completes only jobs still active).
          await boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }
    };
    let workerId = "";
    workerId = await boss.work<unknown>(
      name,
      { batchSize, pollingIntervalSeconds: definition.pollingIntervalSeconds ?? 2, includeMetadata: true },
      async (jobs) => {
        if (definition.concurrent) await Promise.all(jobs.map(runOne));
        else for (const job of jobs) await runOne(job);
        // pg-boss waits a polling interval after each batch: a full batch asks again at once.
        if (batchSize > 1 && jobs.length === batchSize) boss.notifyWorker(workerId);
      },
    );

    if (definition.cron) {
      await boss.schedule(name, definition.cron.expression, {}, { tz: definition.cron.tz ?? "UTC" });
      if (definition.cron.atStart) await boss.send(name, {});
    }

    const feed = definition.feed;
    if (feed) {
      // One poll at a time; a slow database skips ticks rather than piling them up.
      let polling: Promise<number> | undefined;
      const offer = async () => {
        const rows = await feed.pending();
        if (rows.length === 0 || stopped) return rows.length;
        await boss.insert(rows.map((row) => ({ name, data: definition.schema.parse(row.data) as object, id: row.id, singletonKey: row.singletonKey })));
        boss.notifyWorker(workerId);
        return rows.length;
      };
      const feedNow = () => {
        if (!polling) {
          const current = offer().finally(() => {
            polling = undefined;
            polls.delete(current);
          });
          polling = current;
          polls.add(current);
        }
        return polling;
      };
      feeds.set(name, feedNow);
      const tick = () => {
        if (!stopped) feedNow().catch((error: unknown) => logger.error({ err: error, job: name }, "a job feed failed"));
      };
      const timer = setInterval(tick, feed.everyMs);
      timer.unref();
      timers.push(timer);
      tick();
    }
  }

  return {
    async feedNow(name) {
      const feedNow = feeds.get(name);
      if (!feedNow) throw new Error(`no feed for job ${name}`);
      return feedNow();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...polls].map((poll) => poll.catch(() => 0)));
      await stopJobQueue();
    },
  };
}

/** Stops the queue client (after the workers): at shutdown. */
export async function stopJobQueue() {
  const current = client;
  client = undefined;
  queuesReady.clear();
  const boss = await current?.catch(() => undefined);
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}
