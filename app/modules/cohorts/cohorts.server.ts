// Running a centre's cohorts: create and edit them (path, dates, exam windows), move or remove learners, remind
// those who are behind. Callers have passed the access guards (access.server.ts); every write here is still
// scoped to the cohort's centre in its `where`.
import { AppError, isUniqueViolation } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";
import { logger } from "~/lib/logger.server";
import { notify } from "~/modules/notifications/index.server";
import { prisma } from "~/lib/db.server";

export class CohortError extends AppError<"name_taken" | "name_too_short" | "unknown_course" | "not_found" | "same_cohort" | "no_learners" | "window_order"> {
  declare readonly status: 400 | 404 | 409;
  constructor(code: CohortError["code"], status: 400 | 404 | 409 = 400) {
    super(code, status);
  }
}

/** Courses that may be put on a path: current ones, by id. */
async function requireCourses(courseIds: readonly string[]) {
  const unique = [...new Set(courseIds)];
  const found = await prisma.course.count({ where: { id: { in: unique }, archivedAt: null } });
  if (found !== unique.length) throw new CohortError("unknown_course");
  return unique;
}

/** Runs a write whose only unique key a user controls is the cohort's name within its centre. */
async function refusingTakenName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new CohortError("name_taken", 409);
    throw error;
  }
}

export async function createCohort({
  centreId,
  name,
  startsOn,
  endsOn,
  behindFrom = null,
  courseIds,
}: {
  centreId: string;
  name: string;
  startsOn: Date | null;
  endsOn: Date | null;
  behindFrom?: Date | null;
  courseIds: string[];
}) {
  const path = await requireCourses(courseIds);
  return refusingTakenName(() =>
    prisma.cohort.create({
      data: {
        organisationId: centreId,
        name,
        startsOn,
        endsOn,
        behindFrom,
        courses: { create: path.map((courseId, position) => ({ courseId, position })) },
      },
      select: { id: true },
    }),
  );
}

/** Renames, re-dates and re-paths a cohort; learners already in it are enrolled in courses added to the path. */
export async function updateCohort({
  centreId,
  cohortId,
  name,
  startsOn,
  endsOn,
  behindFrom = null,
  courseIds,
}: {
  centreId: string;
  cohortId: string;
  name: string;
  startsOn: Date | null;
  endsOn: Date | null;
  behindFrom?: Date | null;
  courseIds: string[];
}) {
  const path = await requireCourses(courseIds);
  await refusingTakenName(() =>
    prisma.$transaction(async (tx) => {
      const updated = await tx.cohort.updateMany({ where: { id: cohortId, organisationId: centreId }, data: { name, startsOn, endsOn, behindFrom } });
      if (updated.count !== 1) throw new CohortError("not_found", 404);
      await tx.cohortCourse.deleteMany({ where: { cohortId } });
      await tx.cohortCourse.createMany({ data: path.map((courseId, position) => ({ cohortId, courseId, position })) });
      const learners = await tx.cohortMember.findMany({ where: { cohortId, role: "LEARNER" }, select: { userId: true } });
      await tx.enrolment.createMany({
        data: learners.flatMap(({ userId }) => path.map((courseId) => ({ userId, courseId }))),
        skipDuplicates: true,
      });
    }),
  );
}

/** Sets (or clears, with two nulls) the cohort's window for one exam of its path. */
export async function setExamWindow({
  cohortId,
  courseId,
  opensAt,
  closesAt,
}: {
  cohortId: string;
  courseId: string;
  opensAt: Date | null;
  closesAt: Date | null;
}) {
  if (opensAt && closesAt && opensAt >= closesAt) throw new CohortError("window_order");
  const onPath = await prisma.cohortCourse.count({ where: { cohortId, courseId } });
  if (onPath !== 1) throw new CohortError("unknown_course");
  if (!opensAt && !closesAt) {
    await prisma.cohortExamWindow.deleteMany({ where: { cohortId, courseId } });
    return;
  }
  await prisma.cohortExamWindow.upsert({
    where: { cohortId_courseId: { cohortId, courseId } },
    create: { cohortId, courseId, opensAt, closesAt },
    update: { opensAt, closesAt },
  });
}

/** Takes learners out of the cohort. Their accounts, progress, attempts and credentials stay theirs. */
export async function removeLearners({ cohortId, userIds, actorId }: { cohortId: string; userIds: string[]; actorId: string }) {
  if (userIds.length === 0) throw new CohortError("no_learners");
  const removed = await prisma.cohortMember.deleteMany({ where: { cohortId, role: "LEARNER", userId: { in: userIds } } });
  logger.info({ cohortId, actorId, removed: removed.count }, "learners removed from a cohort");
  return { removed: removed.count };
}

/**
 * Moves learners to another cohort of the same centre, keeping their student id; they are enrolled in the target's
 * courses. Learners already in the target just leave the source.
 */
export async function moveLearners({
  centreId,
  fromCohortId,
  toCohortId,
  userIds,
  actorId,
}: {
  centreId: string;
  fromCohortId: string;
  toCohortId: string;
  userIds: string[];
  actorId: string;
}) {
  if (userIds.length === 0) throw new CohortError("no_learners");
  if (fromCohortId === toCohortId) throw new CohortError("same_cohort");
  const target = await prisma.cohort.findFirst({ where: { id: toCohortId, organisationId: centreId, archivedAt: null }, select: { id: true } });
  if (!target) throw new CohortError("not_found", 404);
  const moved = await prisma.$transaction(async (tx) => {
    const members = await tx.cohortMember.findMany({
      where: { cohortId: fromCohortId, role: "LEARNER", userId: { in: userIds } },
      select: { userId: true, studentId: true },
    });
    await tx.cohortMember.createMany({
      data: members.map((m) => ({ cohortId: toCohortId, userId: m.userId, role: "LEARNER" as const, studentId: m.studentId })),
      skipDuplicates: true,
    });
    await tx.cohortMember.deleteMany({ where: { cohortId: fromCohortId, role: "LEARNER", userId: { in: members.map((m) => m.userId) } } });
    const path = await tx.cohortCourse.findMany({ where: { cohortId: toCohortId }, select: { courseId: true } });
    await tx.enrolment.createMany({
      data: members.flatMap((m) => path.map(({ courseId }) => ({ userId: m.userId, courseId }))),
      skipDuplicates: true,
    });
    return members.length;
  });
  logger.info({ fromCohortId, toCohortId, actorId, moved }, "learners moved between cohorts");
  return { moved };
}

/** A learner is not reminded twice within this time (a double click, two staff members). */
export const REMINDER_COOLDOWN_MS = 24 * 3600 * 1000;

/**
 * E-mails each chosen learner of the cohort a reminder in their language, with a link to their courses, and keeps a
 * record. Learners reminded in the last 24 hours are skipped.
 */
export async function sendReminders({
  cohortId,
  userIds,
  actorId,
  origin,
  now = new Date(),
}: {
  cohortId: string;
  userIds: string[];
  actorId: string;
  origin: string;
  now?: Date;
}) {
  if (userIds.length === 0) throw new CohortError("no_learners");
  const [cohort, members, recent] = await Promise.all([
    prisma.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { name: true, endsOn: true, organisation: { select: { name: true } } } }),
    prisma.cohortMember.findMany({
      where: { cohortId, role: "LEARNER", userId: { in: userIds } },
      select: { user: { select: { id: true, name: true, email: true, locale: true } } },
    }),
    prisma.cohortReminder.findMany({
      where: { cohortId, userId: { in: userIds }, sentAt: { gt: new Date(now.getTime() - REMINDER_COOLDOWN_MS) } },
      select: { userId: true },
    }),
  ]);
  const skip = new Set(recent.map((r) => r.userId));
  const due = members.map((m) => m.user).filter((u) => !skip.has(u.id));
  for (const user of due) {
    const t = await getFixedT(user.locale);
    await notify({
      userId: user.id,
      kind: "cohort_reminder",
      values: { cohort: cohort.name, centre: cohort.organisation.name },
      href: "/learn",
      email: {
        to: user.email,
        subject: t("email.reminder.subject", { cohort: cohort.name }),
        text: t("email.reminder.body", { name: user.name, cohort: cohort.name, centre: cohort.organisation.name, link: `${origin}/learn` }),
      },
    });
  }
  await prisma.cohortReminder.createMany({ data: due.map((u) => ({ cohortId, userId: u.id, sentById: actorId, sentAt: now })) });
  logger.info({ cohortId, actorId, sent: due.length, skipped: members.length - due.length }, "cohort reminders sent");
  return { sent: due.length, skipped: members.length - due.length };
}

/** The centre's cohorts (newest first) with head counts; instructors who are not centre admins see their own only. */
export async function listCentreCohorts({ centreId, instructorId }: { centreId: string; instructorId?: string }) {
  const cohorts = await prisma.cohort.findMany({
    where: {
      organisationId: centreId,
      ...(instructorId ? { members: { some: { userId: instructorId, role: "INSTRUCTOR" } } } : {}),
    },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { startsOn: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      startsOn: true,
      endsOn: true,
      archivedAt: true,
      members: { select: { role: true } },
      courses: { orderBy: { position: "asc" }, select: { courseId: true } },
    },
  });
  return cohorts.map(({ members, courses, ...cohort }) => ({
    ...cohort,
    learners: members.filter((m) => m.role === "LEARNER").length,
    instructors: members.filter((m) => m.role === "INSTRUCTOR").length,
    courseIds: courses.map((c) => c.courseId),
  }));
}

/** Assigns (or unassigns) one of the centre's staff as an instructor of the cohort. */
export async function setCohortInstructor({
  centreId,
  cohortId,
  userId,
  assigned,
}: {
  centreId: string;
  cohortId: string;
  userId: string;
  assigned: boolean;
}) {
  const staff = await prisma.membership.count({ where: { organisationId: centreId, userId, role: { in: ["ADMIN", "INSTRUCTOR"] } } });
  if (staff === 0) throw new CohortError("not_found", 404);
  if (assigned) {
    await prisma.cohortMember.upsert({
      where: { cohortId_userId: { cohortId, userId } },
      create: { cohortId, userId, role: "INSTRUCTOR" },
      update: {},
    });
  } else {
    await prisma.cohortMember.deleteMany({ where: { cohortId, userId, role: "INSTRUCTOR" } });
  }
}
