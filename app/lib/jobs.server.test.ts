import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { defineJob, insertJobsInTransaction, type JobWorkers, sendJob, startJobWorkers } from "./jobs.server";

let workers: JobWorkers | undefined;
afterEach(async () => {
  await workers?.stop();
  workers = undefined;
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const jobRows = (name: string) => sql<{ state: string; data: unknown }>(`SELECT state, data FROM pgboss.job WHERE name = $1 ORDER BY created_on`, [name]);

describe("the job queue", () => {
  it("runs a job's handler with its parsed data, and fails a job whose data does not match the schema without running it", async () => {
    const ran: string[] = [];
    const errors: Array<{ data: unknown; lastAttempt: boolean }> = [];
    const job = defineJob<{ word: string }>({
      name: "test-echo",
      schema: z.object({ word: z.string().min(2) }),
      run: async ({ word }) => void ran.push(word),
      policy: { retryLimit: 0 },
      pollingIntervalSeconds: 0.5,
      onError: (_error, data, { lastAttempt }) => void errors.push({ data, lastAttempt }),
    });
    workers = await startJobWorkers([job]);
    await sendJob(job, { word: "salam" });
    await expect(sendJob(job, { word: "x" })).rejects.toThrow();
    // A payload written by something else (an older version of the code) is checked when the job runs.
    const { jobQueue } = await import("./jobs.server");
    await (await jobQueue()).send(job.name, { word: 42 });
    await waitFor(() => ran.length === 1 && errors.length === 1);
    expect(ran).toEqual(["salam"]);
    expect(errors).toEqual([{ data: { word: 42 }, lastAttempt: true }]);
    await waitFor(async () => (await jobRows(job.name)).every((row) => row.state === "completed" || row.state === "failed"));
    expect((await jobRows(job.name)).map((row) => row.state).sort()).toEqual(["completed", "failed"]);
  });

  it("runs a scheduled job once at start, and offers a feed's rows once however often it polls", async () => {
    let scheduledRuns = 0;
    const fed: string[] = [];
    // A fixed job id per row (as the credential job derives one from its event): pg-boss keeps one job per id.
    const rowJobId = crypto.randomUUID();
    const scheduled = defineJob<Record<string, never>>({
      name: "test-scheduled",
      schema: z.object({}).strict(),
      run: async () => void (scheduledRuns += 1),
      policy: { policy: "singleton" },
      pollingIntervalSeconds: 0.5,
      cron: { expression: "17 3 * * *", atStart: true },
    });
    const fedJob = defineJob<{ id: string }>({
      name: "test-fed",
      schema: z.object({ id: z.string() }),
      run: async ({ id }) => void fed.push(id),
      pollingIntervalSeconds: 0.5,
      feed: { everyMs: 100, pending: async () => (fed.includes("row-1") ? [] : [{ data: { id: "row-1" }, id: rowJobId }]) },
    });
    workers = await startJobWorkers([scheduled, fedJob]);
    await workers.feedNow(fedJob.name);
    await workers.feedNow(fedJob.name);
    await waitFor(() => scheduledRuns === 1 && fed.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(fed).toEqual(["row-1"]);
    expect(scheduledRuns).toBe(1);
    const [schedule] = await sql<{ cron: string }>(`SELECT cron FROM pgboss.schedule WHERE name = $1`, [scheduled.name]);
    expect(schedule.cron).toBe("17 3 * * *");
  });

  it("inserts jobs with the caller's transaction: none exist when it rolls back", async () => {
    const job = defineJob<{ n: number }>({ name: "test-transactional", schema: z.object({ n: z.number() }), run: async () => {} });
    await expect(
      prisma.$transaction(async (tx) => {
        await insertJobsInTransaction(job, [{ n: 1 }, { n: 2 }], (text, values) => tx.$executeRawUnsafe(text, ...values));
        throw new Error("the enrolment failed");
      }),
    ).rejects.toThrow("the enrolment failed");
    expect(await jobRows(job.name)).toEqual([]);
    await prisma.$transaction(async (tx) => {
      await insertJobsInTransaction(job, [{ n: 1 }, { n: 2 }], (text, values) => tx.$executeRawUnsafe(text, ...values));
    });
    // One statement inserts both: the same creation time, so no order between them.
    expect((await jobRows(job.name)).map((row) => row.data)).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }]));
    expect(await jobRows(job.name)).toHaveLength(2);
  });
});
