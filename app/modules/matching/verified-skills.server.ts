// The verified half of CandidateSkill: one row per (candidate, skill) proven by a valid credential, with the highest
// tier that proves it and that credential's id. Valid = issued to the learner for a course, not revoked, not past
// its validUntil. Skills come from the course (CourseSkill), the tier from Course.tier. Declared rows
// (verified=false) belong to the candidate pages and are never touched here.
//
// Every refresh is one SQL statement (so one transaction): it deletes the verified rows that no valid credential
// supports any more and writes the new or changed ones, leaving unchanged rows alone. The matching index
// (MatchingCandidate, see the migration "matching_index") follows through the table's triggers in the same
// transaction, so a revoked credential stops counting in the very next ranking.
//
// Who calls what:
//  - issuing a credential: refreshVerifiedSkills(userId) once it is stored (certification/issuer.server.ts);
//  - revoking: refreshVerifiedSkillsOfCredential(client, …) inside the revocation's own transaction, so the
//    revocation and its effect on matching commit together;
//  - opting in to the job board: refreshVerifiedSkills(userId) (candidates/profile.server.ts);
//  - expiry: the ranking refreshes candidates whose verifiedUntil has passed before it reads them
//    (refreshExpiredVerifiedSkills), and refreshAllVerifiedSkills() is the full sweep (repair, or a periodic job).
import type pg from "pg";
import type { IssuedCredential, MatchingCandidate } from "~/generated/prisma/client";
import { sql, sqlPool } from "~/lib/sql.server";

type Scope = "users" | "all";

function refreshSql(scope: Scope) {
  // $1 = now; $2 = the candidates (scope "users").
  const credentialScope = scope === "users" ? `AND ic."userId" = ANY($2::text[])` : "";
  const rowScope = scope === "users" ? `AND k."userId" = ANY($2::text[])` : "";
  return `
    WITH valid AS (
      SELECT ic."userId", cs."skillId", c."tier", ic."id", ic."issuedAt", matching_valid_until(ic."json") AS "until"
      FROM "IssuedCredential" ic
      JOIN "Course" c ON c."id" = ic."courseId"
      JOIN "CourseSkill" cs ON cs."courseId" = c."id"
      WHERE ic."revokedAt" IS NULL AND ic."userId" IS NOT NULL ${credentialScope}
    ), best AS (
      -- Per skill: the highest tier; at equal tiers the credential that lasts longest, then the newest.
      SELECT DISTINCT ON (v."userId", v."skillId") v."userId", v."skillId", v."tier", v."id"
      FROM valid v
      WHERE v."until" IS NULL OR v."until" > $1::timestamp
      ORDER BY v."userId", v."skillId", v."tier" DESC, v."until" DESC NULLS FIRST, v."issuedAt" DESC, v."id"
    ), removed AS (
      DELETE FROM "CandidateSkill" k
      WHERE k."verified" ${rowScope}
        AND NOT EXISTS (SELECT 1 FROM best b WHERE b."userId" = k."userId" AND b."skillId" = k."skillId")
      RETURNING k."userId"
    ), written AS (
      INSERT INTO "CandidateSkill" ("userId", "skillId", "verified", "tier", "credentialId")
      SELECT b."userId", b."skillId", true, b."tier", b."id" FROM best b
      ON CONFLICT ("userId", "skillId", "verified") DO UPDATE
        SET "tier" = EXCLUDED."tier", "credentialId" = EXCLUDED."credentialId"
        WHERE ("CandidateSkill"."tier", "CandidateSkill"."credentialId") IS DISTINCT FROM (EXCLUDED."tier", EXCLUDED."credentialId")
      RETURNING "userId"
    )
    SELECT (SELECT count(*) FROM removed)::int AS "removed", (SELECT count(*) FROM written)::int AS "written"`;
}

const REFRESH_USERS_SQL = refreshSql("users");
const REFRESH_ALL_SQL = refreshSql("all");

export type RefreshResult = { removed: number; written: number };

type Queryable = Pick<pg.PoolClient, "query">;

async function runRefresh(db: Queryable, scope: Scope, now: Date, userIds: readonly string[] = []): Promise<RefreshResult> {
  const values: unknown[] = scope === "users" ? [now.toISOString(), [...userIds]] : [now.toISOString()];
  const { rows } = await db.query<RefreshResult>(scope === "users" ? REFRESH_USERS_SQL : REFRESH_ALL_SQL, values);
  return rows[0] ?? { removed: 0, written: 0 };
}

/** Recomputes one learner's verified skills from their valid credentials (one transaction). */
export async function refreshVerifiedSkills(userId: string, { now = new Date() }: { now?: Date } = {}): Promise<RefreshResult> {
  return runRefresh(sqlPool(), "users", now, [userId]);
}

/** The same for several learners at once (one transaction). */
export async function refreshVerifiedSkillsOfUsers({ userIds, now = new Date() }: { userIds: readonly string[]; now?: Date }) {
  if (userIds.length === 0) return { removed: 0, written: 0 };
  return runRefresh(sqlPool(), "users", now, userIds);
}

/**
 * For the revocation path: refreshes the skills of the credential's learner on the caller's transaction `client`,
 * so the credential stops counting in the same commit as its revocation. Does nothing for a credential without a
 * learner (issued through the API).
 */
export async function refreshVerifiedSkillsOfCredential(
  client: Queryable,
  { credentialId, now = new Date() }: { credentialId: string; now?: Date },
): Promise<RefreshResult> {
  const { rows } = await client.query<Pick<IssuedCredential, "userId">>(`SELECT "userId" FROM "IssuedCredential" WHERE "id" = $1`, [credentialId]);
  const userId = rows[0]?.userId;
  if (!userId) return { removed: 0, written: 0 };
  return runRefresh(client, "users", now, [userId]);
}

/** Every learner at once (one transaction): the sweep for expired credentials, or a repair. */
export async function refreshAllVerifiedSkills({ now = new Date() }: { now?: Date } = {}): Promise<RefreshResult> {
  return runRefresh(sqlPool(), "all", now);
}

/**
 * Refreshes listed candidates whose earliest credential behind a verified skill has expired (MatchingCandidate
 * .verifiedUntil, kept by the triggers). The ranking calls this first, so an expired credential stops counting at
 * once rather than at the next sweep. One indexed query when nothing has expired (the usual case).
 */
export async function refreshExpiredVerifiedSkills({ now = new Date() }: { now?: Date } = {}) {
  const expired = await sql<Pick<MatchingCandidate, "userId">>(
    `SELECT "userId" FROM "MatchingCandidate" WHERE "verifiedUntil" <= $1::timestamp ORDER BY "verifiedUntil" LIMIT 1000`,
    [now.toISOString()],
  );
  if (expired.length === 0) return { removed: 0, written: 0 };
  return refreshVerifiedSkillsOfUsers({ userIds: expired.map((e) => e.userId), now });
}
