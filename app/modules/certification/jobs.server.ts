// The credential worker: a pg-boss (PostgreSQL-backed) queue "issue-credential" fed by a short poll of unprocessed
// CertificationEvents. The exam submit request only writes the event; issuing (≈ 10–20 ms of signing) happens here,
// in the server's primary process, with retries.
import crypto from "node:crypto";
import PgBoss from "pg-boss";
import { prisma } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { issueCredentialForEvent } from "./issuer.server";
import { getIssuerKey } from "./keys.server";

export const ISSUE_CREDENTIAL_QUEUE = "issue-credential";

/**
 * Retry policy: 8 retries with exponential backoff from 5 s (about 20 minutes in all), a job stuck active for 2
 * minutes is failed and retried. "stately" keeps at most one queued, one retrying and one active job per event.
 */
export const ISSUE_QUEUE_OPTIONS = {
  policy: "stately",
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  expireInSeconds: 120,
} satisfies Omit<PgBoss.Queue, "name">;

export type IssueJobData = { eventId: string };

export type CredentialWorker = {
  boss: PgBoss;
  /** Enqueues unprocessed events now (the poll does this every pollIntervalMs); returns how many were looked at. */
  enqueuePendingEvents(): Promise<number>;
  stop(): Promise<void>;
};

export type StartCredentialWorkerOptions = {
  databaseUrl: string;
  /** How often unprocessed events are looked for (default 2 s). */
  pollIntervalMs?: number;
  /** How often the pg-boss worker fetches when it was not woken (default 2 s; minimum 0.5 s). */
  fetchIntervalSeconds?: number;
  /** Overrides of the queue's retry policy (tests). */
  queue?: Partial<Omit<PgBoss.Queue, "name">>;
  /** The job's work; default issueCredentialForEvent. */
  handle?: (data: IssueJobData) => Promise<unknown>;
  /** Called when a job fails (it is then retried by pg-boss); the default logs. */
  onJobError?: (error: unknown, data: IssueJobData) => void;
  /** pg-boss maintenance (archiving, expiring stuck jobs); on by default. */
  supervise?: boolean;
  /** pg-boss's cron scheduler (boss.schedule); on by default. */
  schedule?: boolean;
};

/**
 * One job per event: the job id is derived from the event id, so the poll may offer an event many times and pg-boss
 * keeps only the first (ON CONFLICT DO NOTHING) until that job is archived (12 h after it finished). An event whose
 * job failed all its retries is thus offered again after that, with a fresh retry budget.
 */
export function jobIdForEvent(eventId: string) {
  const hex = crypto.createHash("sha256").update(`issue-credential:${eventId}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const POLL_BATCH = 200;
const JOB_BATCH = 10;

/** Starts pg-boss (its own pool of 3: never 1, see FACTS on PGlite), the queue, the worker and the poll. */
export async function startCredentialWorker(options: StartCredentialWorkerOptions): Promise<CredentialWorker> {
  const { databaseUrl, pollIntervalMs = 2_000, fetchIntervalSeconds = 2, handle = ({ eventId }) => issueCredentialForEvent({ eventId }) } = options;
  const onJobError =
    options.onJobError ??
    ((error: unknown, data: IssueJobData) => logger.error({ err: error, eventId: data.eventId }, "issuing a credential failed; pg-boss will retry"));

  // Creates the key set on first start and checks the secret opens it. A failure is logged, not fatal: the site
  // still serves, and issuing retries until an operator fixes the secret.
  await getIssuerKey().catch((error: unknown) => logger.error({ err: error }, "the issuer key cannot be unlocked: credentials will not be issued until this is fixed"));

  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 3,
    application_name: "maharat-credentials",
    // The server's one cron scheduler (the daily privacy retention job, privacy/worker.server.ts) runs here.
    schedule: options.schedule ?? true,
    supervise: options.supervise ?? true,
  });
  boss.on("error", (error) => logger.error({ err: error }, "pg-boss error"));
  await boss.start();
  const queue = { ...ISSUE_QUEUE_OPTIONS, ...options.queue };
  await boss.createQueue(ISSUE_CREDENTIAL_QUEUE, { name: ISSUE_CREDENTIAL_QUEUE, ...queue });
  // createQueue keeps an existing queue as it was: apply the current policy too.
  await boss.updateQueue(ISSUE_CREDENTIAL_QUEUE, { name: ISSUE_CREDENTIAL_QUEUE, ...queue });

  // Jobs are fetched in batches and handled one after another. A failing job is failed on its own (pg-boss then
  // retries it); the rest of the batch completes. pg-boss's worker waits a polling interval after each batch, so a
  // full batch wakes it at once: a backlog (a whole class passing) drains without 2 s pauses.
  let workerId = "";
  workerId = await boss.work<IssueJobData>(
    ISSUE_CREDENTIAL_QUEUE,
    { batchSize: JOB_BATCH, pollingIntervalSeconds: fetchIntervalSeconds },
    async (jobs) => {
      for (const job of jobs) {
        try {
          await handle(job.data);
        } catch (error) {
          onJobError(error, job.data);
          await boss.fail(ISSUE_CREDENTIAL_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (jobs.length === JOB_BATCH) boss.notifyWorker(workerId);
    },
  );

  let stopped = false;
  let polling: Promise<number> | undefined;
  async function enqueue(): Promise<number> {
    const events = await prisma.certificationEvent.findMany({
      where: { processedAt: null },
      orderBy: { createdAt: "asc" },
      take: POLL_BATCH,
      select: { id: true },
    });
    if (events.length === 0 || stopped) return events.length;
    await boss.insert(
      events.map((event) => ({ id: jobIdForEvent(event.id), name: ISSUE_CREDENTIAL_QUEUE, data: { eventId: event.id }, singletonKey: event.id })),
    );
    boss.notifyWorker(workerId);
    return events.length;
  }
  // One poll at a time; a slow database skips ticks rather than piling them up.
  function enqueuePendingEvents() {
    polling ??= enqueue().finally(() => {
      polling = undefined;
    });
    return polling;
  }
  const tick = () => {
    if (stopped) return;
    enqueuePendingEvents().catch((error: unknown) => logger.error({ err: error }, "credential poll failed"));
  };
  const timer = setInterval(tick, pollIntervalMs);
  timer.unref();
  tick();

  return {
    boss,
    enqueuePendingEvents,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await polling?.catch(() => {});
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
