// The credential job: a queue "issue-credential" (app/lib/jobs.server.ts) fed by a short poll of unprocessed
// CertificationEvents. The exam submit request only writes the event; issuing (≈ 10–20 ms of signing) happens in the
// server's primary process, with retries.
import type PgBoss from "pg-boss";
import { z } from "zod";
import { prisma } from "~/lib/db.server";
import { defineJob, stableJobId } from "~/lib/jobs.server";
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

/**
 * One job per event: the job id is derived from the event id, so the poll may offer an event many times and pg-boss
 * keeps only the first (ON CONFLICT DO NOTHING) until that job is archived (12 h after it finished). An event whose
 * job failed all its retries is thus offered again after that, with a fresh retry budget.
 */
export function jobIdForEvent(eventId: string) {
  return stableJobId(`issue-credential:${eventId}`);
}

const POLL_BATCH = 200;

/**
 * "issue-credential": fed every 2 s with the unprocessed CertificationEvents (one job per event, see jobIdForEvent),
 * fetched ten at a time and issued one after another.
 */
export const issueCredentialJob = defineJob<IssueJobData>({
  name: ISSUE_CREDENTIAL_QUEUE,
  schema: z.object({ eventId: z.string().min(1) }),
  run: ({ eventId }) => issueCredentialForEvent({ eventId }),
  policy: ISSUE_QUEUE_OPTIONS,
  batchSize: 10,
  feed: {
    everyMs: 2_000,
    async pending() {
      const events = await prisma.certificationEvent.findMany({
        where: { processedAt: null },
        orderBy: { createdAt: "asc" },
        take: POLL_BATCH,
        select: { id: true },
      });
      return events.map((event) => ({ id: jobIdForEvent(event.id), data: { eventId: event.id }, singletonKey: event.id }));
    },
  },
  onError(error, data) {
    logger.error({ err: error, eventId: (data as Partial<IssueJobData>).eventId }, "issuing a credential failed; pg-boss will retry");
  },
});

/**
 * Creates the key set on first start and checks the secret opens it. A failure is logged, not fatal: the site still
 * serves, and issuing retries until an operator fixes the secret.
 */
export async function checkIssuerKey() {
  await getIssuerKey().catch((error: unknown) => logger.error({ err: error }, "the issuer key cannot be unlocked: credentials will not be issued until this is fixed"));
}
