import { sql } from "~/lib/sql.server";

/**
 * The identity disclosure rule of the job board: an employer may see a candidate's name and e-mail for a job only
 * when the candidate applied to that job (and has not withdrawn the application) or accepted a contact request for
 * it. Everywhere else the employer sees the pseudonymous profile. Decided per job: applying to one job discloses
 * nothing to the employer's other jobs. One query (employer pages call it once per listed candidate).
 */
export async function canSeeIdentity({ jobId, userId }: { jobId: string; userId: string }): Promise<boolean> {
  const [row] = await sql<{ disclosed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "JobApplication" WHERE "jobId" = $1 AND "userId" = $2 AND "status" = 'APPLIED')
         OR EXISTS (SELECT 1 FROM "ContactRequest" WHERE "jobId" = $1 AND "userId" = $2 AND "status" = 'ACCEPTED')
       AS "disclosed"`,
    [jobId, userId],
  );
  return row?.disclosed === true;
}
