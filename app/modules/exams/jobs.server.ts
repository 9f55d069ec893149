// The exam sweep as a scheduled job (app/lib/jobs.server.ts): exams close at their deadline even if the learner never
// comes back, and the grading assistant (AI or local) suggests marks for answers awaiting human review. Every minute
// and once at start, so whatever a crash of the previous run left half done is finished then. Claims are conditional
// updates, and pg-boss's scheduler sends each minute's job once for a whole cluster, so nothing is done twice.
import { z } from "zod";
import { defineJob } from "~/lib/jobs.server";
import { sweepOverdueAttempts } from "./attempts.server";
import { suggestPendingReviews } from "./review.server";

export const examSweepJob = defineJob<Record<string, never>>({
  name: "exam-sweep",
  schema: z.object({}).strict(),
  async run() {
    await sweepOverdueAttempts();
    await suggestPendingReviews();
  },
  policy: { policy: "singleton", retryLimit: 0, expireInSeconds: 300 },
  cron: { expression: "* * * * *", atStart: true },
});
