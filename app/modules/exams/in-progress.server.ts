import { sql } from "~/lib/sql.server";

/**
 * Whether the learner has an exam attempt running now (started, not submitted, before its deadline). Study mode's
 * tutor and AI practice refuse while one runs (exam integrity:
 * docs/decisions/021-study-mode-retrieval-model-integrity.md).
 */
export async function hasExamInProgress(userId: string): Promise<boolean> {
  const rows = await sql<{ one: number }>(
    `SELECT 1 AS "one" FROM "ExamAttempt" WHERE "userId" = $1 AND "state" = 'IN_PROGRESS' AND "deadlineAt" > now() LIMIT 1`,
    [userId],
  );
  return rows.length > 0;
}
