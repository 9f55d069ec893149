import { afterEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { createUser } from "../../../tests/factories";
import { type JobWorkers, jobQueue, startJobWorkers } from "~/lib/jobs.server";
import { type IssueJobData, ISSUE_CREDENTIAL_QUEUE, ISSUE_QUEUE_OPTIONS, issueCredentialJob, jobIdForEvent } from "./jobs.server";
import { issueCredentialForEvent } from "./issuer.server";
import { forgetIssuerKeys, getIssuerKey } from "./keys.server";
import { TEST_KEY_SECRET, createCertificationEvent, createCertifiedLearner, useCredentialTestEnv } from "./test-fixtures";
import { verifyIssuedCredential } from "./verify.server";

useCredentialTestEnv();

let worker: JobWorkers | undefined;
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  vi.stubEnv("CREDENTIALS_KEY_SECRET", TEST_KEY_SECRET);
  forgetIssuerKeys();
});

/** The job as the server runs it, with faster polling and the test's overrides. */
function start(overrides: Partial<Pick<typeof issueCredentialJob, "run" | "policy" | "onError">> = {}) {
  const feed = issueCredentialJob.feed;
  if (!feed) throw new Error("the credential job is fed by a poll");
  return startJobWorkers([
    {
      ...issueCredentialJob,
      ...overrides,
      policy: { ...issueCredentialJob.policy, ...overrides.policy },
      pollingIntervalSeconds: 0.5,
      feed: { ...feed, everyMs: 200 },
    },
  ]);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const allProcessed = async () => (await prisma.certificationEvent.count({ where: { processedAt: null } })) === 0;

describe("credential worker", () => {
  it("configures the queue with retries and backoff", async () => {
    expect(ISSUE_QUEUE_OPTIONS.retryLimit).toBeGreaterThanOrEqual(3);
    expect(ISSUE_QUEUE_OPTIONS.retryBackoff).toBe(true);
    worker = await start();
    const queue = await (await jobQueue()).getQueue(ISSUE_CREDENTIAL_QUEUE);
    expect(queue).toMatchObject({ name: ISSUE_CREDENTIAL_QUEUE, policy: "stately", retryLimit: ISSUE_QUEUE_OPTIONS.retryLimit, retryDelay: ISSUE_QUEUE_OPTIONS.retryDelay, retryBackoff: true });
  });

  it("issues one credential per learner and course for the events the poll finds, and marks every event processed", async () => {
    const { user, event } = await createCertifiedLearner();
    await createCertificationEvent({ userId: user.id, percent: 91 });
    const other = await createUser();
    await createCertificationEvent({ userId: other.id });

    worker = await start();
    await waitFor(allProcessed);
    const credentials = await prisma.issuedCredential.findMany({ select: { userId: true, courseId: true, json: true } });
    expect(credentials.map((c) => c.userId).sort()).toEqual([user.id, other.id].sort());
    for (const credential of credentials) expect((await verifyIssuedCredential(credential.json)).verified).toBe(true);
    // The event of the first pass or the second: one of them is recorded, both are processed.
    const first = await prisma.issuedCredential.findFirstOrThrow({ where: { userId: user.id }, select: { certificationEventId: true } });
    expect(first.certificationEventId).toBeTruthy();
    expect(event.processedAt).toBeNull();
  });

  it("offers an event to the queue once, however often the poll sees it", async () => {
    const { event } = await createCertifiedLearner();
    // A worker whose jobs never finish quickly: the poll keeps seeing the event unprocessed.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    worker = await start({
      run: async (data) => {
        calls += 1;
        await gate;
        return issueCredentialForEvent(data);
      },
    });
    await worker.feedNow(ISSUE_CREDENTIAL_QUEUE);
    await worker.feedNow(ISSUE_CREDENTIAL_QUEUE);
    await new Promise((resolve) => setTimeout(resolve, 800));
    const rows = await sql<{ count: string }>(`SELECT count(*)::text AS count FROM pgboss.job WHERE name = $1 AND singleton_key = $2`, [ISSUE_CREDENTIAL_QUEUE, event.id]);
    expect(rows[0].count).toBe("1");
    expect((await (await jobQueue()).getJobById(ISSUE_CREDENTIAL_QUEUE, jobIdForEvent(event.id)))?.singletonKey).toBe(event.id);
    release();
    await waitFor(allProcessed);
    expect(calls).toBe(1);
    expect(await prisma.issuedCredential.count()).toBe(1);
  });

  it("retries a job that failed because the key could not be unlocked", async () => {
    await getIssuerKey(); // the key set exists, encrypted with TEST_KEY_SECRET
    const { user } = await createCertifiedLearner();
    forgetIssuerKeys();
    vi.stubEnv("CREDENTIALS_KEY_SECRET", "a wrong secret, long enough to pass the env check");
    const failures: Array<{ code: unknown; data: IssueJobData }> = [];
    worker = await start({
      policy: { retryDelay: 1, retryBackoff: false },
      onError: (error, data) => {
        failures.push({ code: error instanceof Error && "code" in error ? error.code : undefined, data: data as IssueJobData });
        // The operator fixes the secret; pg-boss retries after retryDelay.
        vi.stubEnv("CREDENTIALS_KEY_SECRET", TEST_KEY_SECRET);
      },
    });
    await waitFor(allProcessed);
    expect(failures).toEqual([{ code: "wrong_secret", data: { eventId: expect.any(String) } }]);
    const credential = await prisma.issuedCredential.findFirstOrThrow({ where: { userId: user.id }, select: { json: true } });
    expect((await verifyIssuedCredential(credential.json)).verified).toBe(true);
  });
});
