import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { localized } from "~/modules/catalog/index.server";
import type { Role } from "~/modules/accounts/index.server";
import { hasAnyRole } from "~/modules/accounts/index.server";
import { DEADLINE_GRACE_MS } from "./attempts.server";
import { getStoredExam } from "./exam-versions.server";

// Accommodations and reopened attempts (Moodle's user overrides): an instructor or centre admin gives a learner more
// time (a factor on the time limit), extra attempts, or reopens a closed attempt after an incident. Every grant keeps
// its reason and author; the latest grant for a learner and exam applies; nothing is overwritten or deleted.

export class StaffActionError extends AppError {
  constructor(
    readonly code:
      | "forbidden" // the staff member has no training centre in common with the learner
      | "not_found" // unknown learner, exam or attempt
      | "still_open" // reopening an attempt that is in progress
      | "passed" // reopening a passed attempt (the certification is already earned)
      | "reviewed" // reopening an attempt a reviewer has already scored (grant an extra attempt instead)
      | "other_open", // the learner already has an attempt in progress for this exam
    readonly status: 403 | 404 | 409,
  ) {
    super(code, status);
  }
}

export type Staff = { id: string; roles: readonly Role[] };

/**
 * Platform admins may act for every learner; instructors and centre admins for the learners of their own training
 * centres (a learner in a cohort of an organisation where they are ADMIN or INSTRUCTOR).
 */
export async function canManageLearner({ staff, learnerId }: { staff: Staff; learnerId: string }) {
  if (staff.roles.includes("PLATFORM_ADMIN")) return true;
  if (!hasAnyRole(staff.roles, ["INSTRUCTOR", "CENTRE_ADMIN"]) || staff.id === learnerId) return false;
  const shared = await prisma.cohortMember.count({
    where: {
      userId: learnerId,
      role: "LEARNER",
      cohort: { organisation: { kind: "TRAINING_CENTRE", memberships: { some: { userId: staff.id, role: { in: ["ADMIN", "INSTRUCTOR"] } } } } },
    },
  });
  return shared > 0;
}

async function requireManageableLearner({ staff, learnerId }: { staff: Staff; learnerId: string }) {
  const learner = await prisma.user.findUnique({ where: { id: learnerId }, select: { id: true, name: true, email: true } });
  if (!learner) throw new StaffActionError("not_found", 404);
  if (!(await canManageLearner({ staff, learnerId }))) throw new StaffActionError("forbidden", 403);
  return learner;
}

/** The learner's record per current exam: attempts (with their events) and accommodations, newest grant first. */
export async function getLearnerExamRecord({ staff, learnerId, language }: { staff: Staff; learnerId: string; language: string }) {
  const learner = await requireManageableLearner({ staff, learnerId });
  const [versions, attempts, grants] = await Promise.all([
    prisma.examVersion.findMany({
      where: { archivedAt: null, course: { archivedAt: null } },
      orderBy: [{ course: { tier: "asc" } }, { course: { position: "asc" } }, { version: "desc" }],
      select: { id: true, examSlug: true, course: { select: { id: true, title: true } } },
    }),
    prisma.examAttempt.findMany({
      where: { userId: learnerId },
      orderBy: { number: "asc" },
      select: {
        id: true,
        examSlug: true,
        number: true,
        state: true,
        startedAt: true,
        deadlineAt: true,
        submittedAt: true,
        percent: true,
        isPassed: true,
        _count: { select: { decisions: true } },
        events: { where: { type: { in: ["reopened", "time_extended"] } }, orderBy: { at: "asc" }, select: { type: true, reason: true, at: true } },
      },
    }),
    prisma.examAccommodation.findMany({
      where: { userId: learnerId },
      orderBy: { createdAt: "desc" },
      select: { id: true, examSlug: true, timeFactor: true, extraAttempts: true, reason: true, createdAt: true, grantedById: true },
    }),
  ]);
  const granterIds = [...new Set(grants.map((g) => g.grantedById))];
  const granters = new Map(
    (await prisma.user.findMany({ where: { id: { in: granterIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const seen = new Set<string>();
  const exams = [];
  for (const version of versions) {
    if (seen.has(version.examSlug)) continue; // the newest version per exam
    seen.add(version.examSlug);
    const exam = await getStoredExam(version.id);
    if (!exam) continue;
    const history = grants.filter((g) => g.examSlug === version.examSlug);
    const current = history[0] ?? null;
    const examAttempts = attempts.filter((a) => a.examSlug === version.examSlug);
    exams.push({
      examSlug: version.examSlug,
      courseId: version.course.id,
      title: localized(version.course.title, language),
      timeLimitMinutes: exam.timeLimitMinutes,
      attemptsAllowed: exam.attemptsAllowed,
      current: current ? { timeFactor: current.timeFactor, extraAttempts: current.extraAttempts } : { timeFactor: 1, extraAttempts: 0 },
      grants: history.map((g) => ({
        id: g.id,
        timeFactor: g.timeFactor,
        extraAttempts: g.extraAttempts,
        reason: g.reason,
        createdAt: g.createdAt.toISOString(),
        grantedBy: granters.get(g.grantedById) ?? "—",
      })),
      attempts: examAttempts.map((a) => ({
        id: a.id,
        number: a.number,
        state: a.state,
        startedAt: a.startedAt.toISOString(),
        deadlineAt: a.deadlineAt.toISOString(),
        submittedAt: a.submittedAt?.toISOString() ?? null,
        percent: a.percent,
        isPassed: a.isPassed,
        reopenBlockedBy: reopenBlocker({ state: a.state, isPassed: a.isPassed, decisions: a._count.decisions }),
        staffEvents: a.events.map((e) => ({ type: e.type, reason: e.reason, at: e.at.toISOString() })),
      })),
    });
  }
  return { learner, exams };
}

function reopenBlocker({ state, isPassed, decisions }: { state: string; isPassed: boolean | null; decisions: number }): StaffActionError["code"] | null {
  if (state === "IN_PROGRESS") return "still_open";
  if (isPassed === true) return "passed";
  if (decisions > 0) return "reviewed";
  return null;
}

/**
 * Grants a time factor and/or extra attempts for one exam, with the reason. An attempt in progress gets the longer
 * time at once (its deadline only ever moves later), recorded as a "time_extended" event.
 */
export async function grantAccommodation({
  staff,
  learnerId,
  examSlug,
  timeFactor,
  extraAttempts,
  reason,
  now = new Date(),
}: {
  staff: Staff;
  learnerId: string;
  examSlug: string;
  timeFactor: number;
  extraAttempts: number;
  reason: string;
  now?: Date;
}) {
  await requireManageableLearner({ staff, learnerId });
  const version = await prisma.examVersion.findFirst({ where: { examSlug }, select: { id: true } });
  if (!version) throw new StaffActionError("not_found", 404);
  const open = await prisma.examAttempt.findFirst({
    where: { userId: learnerId, examSlug, state: "IN_PROGRESS" },
    select: { id: true, startedAt: true, deadlineAt: true, examVersionId: true },
  });
  const openExam = open ? await getStoredExam(open.examVersionId) : null;
  return prisma.$transaction(async (tx) => {
    const grant = await tx.examAccommodation.create({
      data: { userId: learnerId, examSlug, timeFactor, extraAttempts, reason, grantedById: staff.id, createdAt: now },
      select: { id: true },
    });
    let extendedAttemptId: string | null = null;
    if (open && openExam && open.deadlineAt.getTime() + DEADLINE_GRACE_MS >= now.getTime()) {
      const deadline = new Date(open.startedAt.getTime() + openExam.timeLimitMinutes * timeFactor * 60_000);
      if (deadline > open.deadlineAt) {
        const moved = await tx.examAttempt.updateMany({
          where: { id: open.id, state: "IN_PROGRESS" },
          data: { deadlineAt: deadline, timeFactor },
        });
        if (moved.count === 1) {
          extendedAttemptId = open.id;
          await tx.attemptEvent.create({
            data: {
              attemptId: open.id,
              type: "time_extended",
              actorId: staff.id,
              reason,
              at: now,
              data: { from: open.deadlineAt.toISOString(), to: deadline.toISOString(), timeFactor },
            },
          });
        }
      }
    }
    return { accommodationId: grant.id, extendedAttemptId };
  });
}

/**
 * Reopens a closed attempt after an incident (lost connection, power cut): the learner continues it with every
 * answer kept, for `minutes` from now, and it is graded again on submission. The earlier outcome is kept in the
 * "reopened" event. A passed attempt or one a reviewer has scored is not reopened (grant an extra attempt instead).
 */
export async function reopenAttempt({
  staff,
  learnerId,
  attemptId,
  minutes,
  reason,
  now = new Date(),
}: {
  staff: Staff;
  /** When given, the attempt must be this learner's (the page acts on one learner). */
  learnerId?: string;
  attemptId: string;
  minutes: number;
  reason: string;
  now?: Date;
}) {
  const attempt = await prisma.examAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      userId: true,
      examSlug: true,
      state: true,
      isPassed: true,
      percent: true,
      submittedAt: true,
      deadlineAt: true,
      finishedBy: true,
      _count: { select: { decisions: true } },
    },
  });
  if (!attempt || (learnerId !== undefined && attempt.userId !== learnerId)) throw new StaffActionError("not_found", 404);
  await requireManageableLearner({ staff, learnerId: attempt.userId });
  const blocker = reopenBlocker({ state: attempt.state, isPassed: attempt.isPassed, decisions: attempt._count.decisions });
  if (blocker) throw new StaffActionError(blocker, 409);
  const other = await prisma.examAttempt.count({ where: { userId: attempt.userId, examSlug: attempt.examSlug, state: "IN_PROGRESS" } });
  if (other > 0) throw new StaffActionError("other_open", 409);
  const deadlineAt = new Date(now.getTime() + minutes * 60_000);
  return prisma.$transaction(async (tx) => {
    // Conditional on the state read above, so two staff members reopening at once reopen it once.
    const reopened = await tx.examAttempt.updateMany({
      where: { id: attemptId, state: attempt.state },
      data: {
        state: "IN_PROGRESS",
        deadlineAt,
        submittedAt: null,
        finishedBy: null,
        points: null,
        maxPoints: null,
        percent: null,
        isPassed: null,
        grades: Prisma.DbNull,
        gradedAt: null,
      },
    });
    if (reopened.count !== 1) throw new StaffActionError("still_open", 409);
    // Suggestions were made for the answers as they stood; they are made again after the next submission.
    await tx.reviewSuggestion.deleteMany({ where: { attemptId } });
    await tx.attemptEvent.create({
      data: {
        attemptId,
        type: "reopened",
        actorId: staff.id,
        reason,
        at: now,
        data: {
          minutes,
          deadlineAt: deadlineAt.toISOString(),
          before: {
            state: attempt.state,
            percent: attempt.percent,
            isPassed: attempt.isPassed,
            submittedAt: attempt.submittedAt?.toISOString() ?? null,
            deadlineAt: attempt.deadlineAt.toISOString(),
            finishedBy: attempt.finishedBy,
          },
        },
      },
    });
    return { attemptId, deadlineAt };
  });
}
