// A cohort's dashboard from the database: its path, each learner's standing and the chart figures. A few set-based
// queries whatever the cohort's size (not one per learner), so a 1,000-learner cohort opens quickly.
import type { ExamAttempt, Lesson, LessonProgress } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { localized } from "~/modules/catalog/index.server";
import {
  type CohortCalendar,
  type LearnerFacts,
  type LearnerProgress,
  type LearnerStatus,
  type PathCourse,
  learnerProgress,
  passRates,
  progressDistribution,
  weeklyActivity,
} from "./progress";

export type CohortLearnerRow = {
  userId: string;
  name: string;
  email: string;
  studentId: string | null;
  enrolledAt: Date;
  invited: boolean;
  facts: LearnerFacts;
  progress: LearnerProgress;
  lastRemindedAt: Date | null;
};

/** The cohort's path (courses in order) with titles in `language` and the number of current lessons. */
export async function loadCohortPath({ cohortId, language }: { cohortId: string; language: string }): Promise<PathCourse[]> {
  const rows = await prisma.cohortCourse.findMany({ where: { cohortId }, orderBy: { position: "asc" }, select: { courseId: true } });
  const ids = rows.map((r) => r.courseId);
  if (ids.length === 0) return [];
  const [courses, lessonCounts] = await Promise.all([
    prisma.course.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    prisma.lesson.groupBy({ by: ["courseId"], where: { courseId: { in: ids }, archivedAt: null }, _count: { _all: true } }),
  ]);
  return ids.flatMap((id) => {
    const course = courses.find((c) => c.id === id);
    if (!course) return [];
    return [{ id, title: localized(course.title, language) || id, lessonsTotal: lessonCounts.find((l) => l.courseId === id)?._count._all ?? 0 }];
  });
}

// The grouping keys come from the Prisma schema; the aggregates (count, max, bool_or) are typed by hand.
type LessonRow = Pick<LessonProgress, "userId"> & Pick<Lesson, "courseId"> & { done: number; last: Date | null };
type AttemptRow = Pick<ExamAttempt, "userId" | "courseId"> & { attempts: number; passed: boolean; best: number | null; awaiting: boolean; last: Date | null };

/** Facts per learner (lessons, exams, credentials) for the given courses. */
export async function loadLearnerFacts({ userIds, courseIds }: { userIds: string[]; courseIds: string[] }) {
  const facts = new Map<string, LearnerFacts>(
    userIds.map((id) => [id, { lessonsDone: {}, exams: {}, credentials: [], lastActivityAt: null }]),
  );
  if (userIds.length === 0 || courseIds.length === 0) return facts;
  const [lessons, attempts, credentials] = await Promise.all([
    sql<LessonRow>(
      `SELECT lp."userId", l."courseId", count(*)::int AS "done", max(lp."completedAt") AS "last"
         FROM "LessonProgress" lp JOIN "Lesson" l ON l."id" = lp."lessonId"
        WHERE lp."userId" = ANY($1) AND l."courseId" = ANY($2) AND lp."completedAt" IS NOT NULL AND l."archivedAt" IS NULL
        GROUP BY lp."userId", l."courseId"`,
      [userIds, courseIds],
    ),
    sql<AttemptRow>(
      `SELECT "userId", "courseId", count(*)::int AS "attempts", coalesce(bool_or("isPassed"), false) AS "passed",
              max("percent") AS "best", bool_or("state" = 'AWAITING_REVIEW') AS "awaiting", max("submittedAt") AS "last"
         FROM "ExamAttempt"
        WHERE "userId" = ANY($1) AND "courseId" = ANY($2) AND "state" <> 'IN_PROGRESS'
        GROUP BY "userId", "courseId"`,
      [userIds, courseIds],
    ),
    prisma.issuedCredential.findMany({
      where: { userId: { in: userIds }, courseId: { in: courseIds }, revokedAt: null },
      select: { userId: true, courseId: true },
    }),
  ]);
  const later = (a: Date | null, b: Date | null) => (a && (!b || a > b) ? a : b);
  for (const row of lessons) {
    const f = facts.get(row.userId);
    if (!f) continue;
    f.lessonsDone[row.courseId] = row.done;
    f.lastActivityAt = later(row.last, f.lastActivityAt);
  }
  for (const row of attempts) {
    const f = facts.get(row.userId);
    if (!f) continue;
    f.exams[row.courseId] = { attempts: row.attempts, passed: row.passed, bestPercent: row.best, awaitingReview: row.awaiting };
    f.lastActivityAt = later(row.last, f.lastActivityAt);
  }
  for (const row of credentials) {
    if (row.userId && row.courseId) facts.get(row.userId)?.credentials.push(row.courseId);
  }
  return facts;
}

/** Every learner of the cohort with their standing, in name order. */
export async function loadCohortLearners({
  cohort,
  path,
  now = new Date(),
}: {
  cohort: { id: string } & CohortCalendar;
  path: PathCourse[];
  now?: Date;
}): Promise<CohortLearnerRow[]> {
  const [members, reminders] = await Promise.all([
    prisma.cohortMember.findMany({
      where: { cohortId: cohort.id, role: "LEARNER" },
      select: { userId: true, studentId: true, enrolledAt: true, user: { select: { name: true, email: true, invitedAt: true } } },
    }),
    prisma.cohortReminder.groupBy({ by: ["userId"], where: { cohortId: cohort.id }, _max: { sentAt: true } }),
  ]);
  const facts = await loadLearnerFacts({ userIds: members.map((m) => m.userId), courseIds: path.map((c) => c.id) });
  const collator = new Intl.Collator(undefined, { sensitivity: "base" });
  return members
    .map((m) => {
      const f = facts.get(m.userId) ?? { lessonsDone: {}, exams: {}, credentials: [], lastActivityAt: null };
      return {
        userId: m.userId,
        name: m.user.name,
        email: m.user.email,
        studentId: m.studentId,
        enrolledAt: m.enrolledAt,
        invited: m.user.invitedAt !== null,
        facts: f,
        progress: learnerProgress({ path, facts: f, cohort, enrolledAt: m.enrolledAt, now, invited: m.user.invitedAt !== null }),
        lastRemindedAt: reminders.find((r) => r.userId === m.userId)?._max.sentAt ?? null,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}

export type LearnerFilter = { status?: LearnerStatus; q?: string };

export function filterLearners(rows: CohortLearnerRow[], filter: LearnerFilter) {
  const q = filter.q?.trim().toLocaleLowerCase();
  return rows.filter(
    (r) =>
      (!filter.status || r.progress.status === filter.status) &&
      (!q || r.name.toLocaleLowerCase().includes(q) || r.email.includes(q) || (r.studentId ?? "").toLocaleLowerCase().includes(q)),
  );
}

type WeekRow = { week: Date; count: number };

/** The dashboard's charts: progress distribution, pass rate per exam, weekly activity (12 weeks). */
export async function loadCohortCharts({ rows, path, now = new Date() }: { rows: CohortLearnerRow[]; path: PathCourse[]; now?: Date }) {
  const userIds = rows.map((r) => r.userId);
  const courseIds = path.map((c) => c.id);
  const since = new Date(now.getTime() - 12 * 7 * 86_400_000);
  const [lessons, attempts] =
    userIds.length === 0 || courseIds.length === 0
      ? [[], []]
      : await Promise.all([
          sql<WeekRow>(
            `SELECT date_trunc('week', lp."completedAt") AS "week", count(*)::int AS "count"
               FROM "LessonProgress" lp JOIN "Lesson" l ON l."id" = lp."lessonId"
              WHERE lp."userId" = ANY($1) AND l."courseId" = ANY($2) AND lp."completedAt" >= $3
              GROUP BY 1`,
            [userIds, courseIds, since.toISOString()],
          ),
          sql<WeekRow>(
            `SELECT date_trunc('week', "submittedAt") AS "week", count(*)::int AS "count"
               FROM "ExamAttempt"
              WHERE "userId" = ANY($1) AND "courseId" = ANY($2) AND "submittedAt" >= $3
              GROUP BY 1`,
            [userIds, courseIds, since.toISOString()],
          ),
        ]);
  return {
    distribution: progressDistribution(rows.map((r) => r.progress.percent)),
    passRates: passRates(path, rows),
    activity: weeklyActivity({ lessons, attempts, now }),
  };
}
