// A learner's next step in each course, for the dashboard and the course page: once every lesson is done, the main
// action is the exam (or the attempt in progress), then its result while it awaits a grader (a failed attempt leads back to the exam page,
// which says when the next attempt opens), then the credential once issued. One plain-SQL round trip for all the courses asked.
import type { Course, ExamAttempt, IssuedCredential } from "~/generated/prisma/client";
import { sql } from "~/lib/sql.server";
import { localized } from "~/modules/catalog/index.server";

export type NextStep =
  | { kind: "exam"; href: string }
  | { kind: "continue_exam"; href: string }
  | { kind: "awaiting_review"; href: string }
  | { kind: "credential"; href: string }
  | { kind: "certified"; href: string };

// The attempt's columns are null when the learner has none (LEFT JOIN); hasExam and certified are computed.
type Row = {
  courseId: Course["id"];
  hasExam: boolean;
  attemptId: ExamAttempt["id"] | null;
  state: ExamAttempt["state"] | null;
  isPassed: ExamAttempt["isPassed"];
  certified: boolean;
  credentialId: IssuedCredential["id"] | null;
};

/** The step after the lessons, per course id (courses without an exam have none). */
export async function examNextSteps({ userId, courseIds }: { userId: string; courseIds: readonly string[] }): Promise<Map<string, NextStep>> {
  if (courseIds.length === 0) return new Map();
  const rows = await sql<Row>(
    `SELECT c."id" AS "courseId",
            EXISTS (SELECT 1 FROM "ExamVersion" v WHERE v."courseId" = c."id" AND v."archivedAt" IS NULL) AS "hasExam",
            a."id" AS "attemptId", a."state", a."isPassed",
            EXISTS (SELECT 1 FROM "Certification" x WHERE x."userId" = $1 AND x."courseId" = c."id") AS "certified",
            (SELECT ic."id" FROM "IssuedCredential" ic WHERE ic."userId" = $1 AND ic."courseId" = c."id" AND ic."revokedAt" IS NULL) AS "credentialId"
     FROM "Course" c
     LEFT JOIN LATERAL (
       SELECT e."id", e."state", e."isPassed" FROM "ExamAttempt" e
       WHERE e."userId" = $1 AND e."courseId" = c."id" ORDER BY e."startedAt" DESC LIMIT 1
     ) a ON true
     WHERE c."id" = ANY($2::text[])`,
    [userId, courseIds],
  );
  const steps = new Map<string, NextStep>();
  for (const row of rows) {
    const exam = `/courses/${row.courseId}/exam`;
    if (row.credentialId) steps.set(row.courseId, { kind: "credential", href: `/credentials/${row.credentialId}` });
    else if (row.certified) steps.set(row.courseId, { kind: "certified", href: "/credentials" });
    else if (!row.hasExam) continue;
    else if (row.state === "IN_PROGRESS" && row.attemptId) steps.set(row.courseId, { kind: "continue_exam", href: `/exams/${row.attemptId}` });
    else if ((row.state === "AWAITING_REVIEW" || row.state === "SUBMITTED") && row.attemptId) steps.set(row.courseId, { kind: "awaiting_review", href: `/exams/${row.attemptId}/result` });
    else steps.set(row.courseId, { kind: "exam", href: exam });
  }
  return steps;
}

/**
 * The learner's submitted attempts a grader has not finished reviewing, newest first, with the course's title in
 * the reader's language: the credentials page says a certificate may be on its way rather than "none yet".
 */
export async function attemptsAwaitingReview({ userId, language }: { userId: string; language: string }) {
  const rows = await sql<{ attemptId: ExamAttempt["id"] } & Pick<ExamAttempt, "courseId" | "submittedAt"> & Pick<Course, "title">>(
    `SELECT a."id" AS "attemptId", a."courseId", c."title", a."submittedAt"
     FROM "ExamAttempt" a JOIN "Course" c ON c."id" = a."courseId"
     WHERE a."userId" = $1 AND a."state" = 'AWAITING_REVIEW' ORDER BY a."submittedAt" DESC`,
    [userId],
  );
  return rows.map((r) => ({ attemptId: r.attemptId, courseId: r.courseId, title: localized(r.title, language) || r.courseId, submittedAt: r.submittedAt }));
}
