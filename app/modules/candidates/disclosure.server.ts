import type { JobApplication } from "~/generated/prisma/client";
import { sql } from "~/lib/sql.server";

/**
 * The identity disclosure rule of the job board: an employer may see a candidate's name and e-mail for a job only
 * when the candidate applied to that job (and has not withdrawn the application) or accepted a contact request for
 * it. Everywhere else the employer sees the pseudonymous profile. Decided per job: applying to one job discloses
 * nothing to the employer's other jobs.
 */
export async function canSeeIdentity({ jobId, userId }: { jobId: string; userId: string }): Promise<boolean> {
  return (await disclosedIdentities({ jobId, userIds: [userId] })).has(userId);
}

/** The same rule for a whole list (an employer's ranked candidates) in one query: who of `userIds` is disclosed. */
export async function disclosedIdentities({ jobId, userIds }: { jobId: string; userIds: readonly string[] }): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  // JobApplication."userId" UNION ContactRequest."userId": the same column type on both sides.
  const rows = await sql<Pick<JobApplication, "userId">>(
    `SELECT "userId" FROM "JobApplication" WHERE "jobId" = $1 AND "userId" = ANY($2) AND "status" = 'APPLIED'
     UNION
     SELECT "userId" FROM "ContactRequest" WHERE "jobId" = $1 AND "userId" = ANY($2) AND "status" = 'ACCEPTED'`,
    [jobId, [...userIds]],
  );
  return new Set(rows.map((r) => r.userId));
}
