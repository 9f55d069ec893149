import { data } from "@remix-run/node";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { attemptEligibility, contentLanguageOf, parseStoredExam, storedDisplayOrders, type StoredExam } from "./definition";
import { planAttempt, toGradingResponse, type DisplayOrders } from "./draw";
import { gradeAttempt } from "./grading";
import { isRecord } from "./items";
import { mulberry32 } from "./random";

// The server is the only authority on an attempt: it draws the items, computes and enforces the deadline, keeps
// every answer as it arrives, grades once, and records every state change as an AttemptEvent.

/** Saves arriving this long after the deadline are still accepted (network latency), never more. */
export const DEADLINE_GRACE_MS = 5_000;
/** A single saved answer larger than this is refused (a browser cannot legitimately send more). */
const MAX_RESPONSE_BYTES = 20_000;

export class AttemptError extends Error {
  constructor(
    readonly code:
      | "exam_not_found"
      | "attempt_not_found"
      | "no_attempts_left"
      | "cooldown"
      | "attempt_closed"
      | "unknown_item"
      | "bad_response",
    readonly status: 400 | 403 | 404 | 409,
    readonly retryAt?: Date,
  ) {
    super(code);
  }
}

/** The current (unarchived) version of a course's exam. */
async function currentExamVersion(courseId: string) {
  const version = await prisma.examVersion.findFirst({
    where: { courseId, archivedAt: null },
    orderBy: { version: "desc" },
    select: { id: true, examSlug: true, definition: true },
  });
  const exam = version ? parseStoredExam(version.definition) : null;
  if (!version || !exam) throw new AttemptError("exam_not_found", 404);
  return { versionId: version.id, examSlug: version.examSlug, exam };
}

async function latestAccommodation({ userId, examSlug }: { userId: string; examSlug: string }) {
  return prisma.examAccommodation.findFirst({
    where: { userId, examSlug },
    orderBy: { createdAt: "desc" },
    select: { timeFactor: true, extraAttempts: true },
  });
}

/** What the exam page shows before starting: settings, attempts used, whether (and when) another can start. */
export async function getExamOverview({ courseId, userId, now = new Date() }: { courseId: string; userId: string; now?: Date }) {
  const { exam, examSlug } = await currentExamVersion(courseId);
  const [attempts, accommodation] = await Promise.all([
    prisma.examAttempt.findMany({
      where: { userId, examSlug },
      orderBy: { number: "asc" },
      select: { id: true, number: true, state: true, startedAt: true, submittedAt: true, deadlineAt: true, percent: true, isPassed: true },
    }),
    latestAccommodation({ userId, examSlug }),
  ]);
  const inProgress = attempts.find((a) => a.state === "IN_PROGRESS" && a.deadlineAt.getTime() + DEADLINE_GRACE_MS > now.getTime()) ?? null;
  const lastSubmittedAt = attempts.reduce<Date | null>((latest, a) => (a.submittedAt && (!latest || a.submittedAt > latest) ? a.submittedAt : latest), null);
  const eligibility = attemptEligibility({
    attemptsUsed: attempts.length,
    attemptsAllowed: exam.attemptsAllowed,
    extraAttempts: accommodation?.extraAttempts ?? 0,
    lastSubmittedAt,
    cooldownHours: exam.cooldownHours,
    now,
  });
  const graded = attempts.filter((a) => a.percent !== null);
  const final =
    exam.gradeMethod === "last"
      ? graded.at(-1) ?? null
      : graded.reduce<(typeof graded)[number] | null>((best, a) => (!best || (a.percent ?? 0) > (best.percent ?? 0) ? a : best), null);
  return {
    examSlug,
    title: exam.title,
    questionCount: exam.pools.reduce((sum, p) => sum + p.draw, 0),
    timeLimitMinutes: Math.round(exam.timeLimitMinutes * (accommodation?.timeFactor ?? 1)),
    passMarkPercent: exam.passMarkPercent,
    attemptsAllowed: exam.attemptsAllowed + (accommodation?.extraAttempts ?? 0),
    gradeMethod: exam.gradeMethod,
    attempts,
    inProgressId: inProgress?.id ?? null,
    eligibility,
    finalAttemptId: final?.id ?? null,
  };
}

/**
 * Starts an attempt, or returns the one already in progress (a double click or a second tab never opens two).
 * Items are drawn at random preferring ones the learner has not seen; the draw, the display orders and the
 * deadline (time limit × the learner's time factor) are stored with the attempt.
 */
export async function startAttempt({
  courseId,
  userId,
  language,
  now = new Date(),
  random = Math.random,
}: {
  courseId: string;
  userId: string;
  language: string;
  now?: Date;
  random?: () => number;
}): Promise<{ attemptId: string; resumed: boolean }> {
  await sweepOverdueAttempts({ userId, now });
  const { exam, examSlug, versionId } = await currentExamVersion(courseId);
  const inProgress = await prisma.examAttempt.findFirst({ where: { userId, examSlug, state: "IN_PROGRESS" }, select: { id: true } });
  if (inProgress) return { attemptId: inProgress.id, resumed: true };

  const overview = await getExamOverview({ courseId, userId, now });
  if (!overview.eligibility.canStart) {
    const e = overview.eligibility;
    throw new AttemptError(e.reason, 409, e.reason === "cooldown" ? e.retryAt : undefined);
  }
  const previous = await prisma.examAttempt.findMany({ where: { userId, examSlug }, select: { itemIds: true } });
  const accommodation = await latestAccommodation({ userId, examSlug });
  const timeFactor = accommodation?.timeFactor ?? 1;
  const plan = planAttempt({ exam, seenItemIds: previous.flatMap((p) => p.itemIds), random: mulberry32(Math.floor(random() * 2 ** 32)) });
  const allowed = overview.attemptsAllowed;

  // Check-and-create under a per-learner-and-exam lock: of several simultaneous starts (double click, two tabs)
  // exactly one creates the attempt and the others return it. Only `tx` is used inside (see README on PGlite).
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`exam-start:${userId}:${examSlug}`}))`;
    const existing = await tx.examAttempt.findFirst({ where: { userId, examSlug, state: "IN_PROGRESS" }, select: { id: true } });
    if (existing) return { attemptId: existing.id, resumed: true };
    const last = await tx.examAttempt.findFirst({ where: { userId, examSlug }, orderBy: { number: "desc" }, select: { number: true } });
    const used = await tx.examAttempt.count({ where: { userId, examSlug } });
    if (used >= allowed) throw new AttemptError("no_attempts_left", 409);
    const created = await tx.examAttempt.create({
      data: {
        userId,
        courseId,
        examSlug,
        examVersionId: versionId,
        number: (last?.number ?? 0) + 1,
        language: contentLanguageOf(language),
        itemIds: plan.itemIds,
        displayOrders: plan.displayOrders,
        timeFactor,
        startedAt: now,
        deadlineAt: new Date(now.getTime() + exam.timeLimitMinutes * timeFactor * 60_000),
        events: { create: { type: "started", actorId: userId, at: now, data: { timeFactor } } },
      },
      select: { id: true },
    });
    return { attemptId: created.id, resumed: false };
    // Under a burst of simultaneous starts the pool is the bottleneck: wait for a connection rather than fail fast
    // (Prisma's default wait is 2 s; bench:exams saw 500s at 1,000 simultaneous starts with it).
  }, { maxWait: 30_000, timeout: 15_000 });
}

async function loadOwnAttempt({ attemptId, userId }: { attemptId: string; userId: string }) {
  const attempt = await prisma.examAttempt.findFirst({
    where: { id: attemptId, userId },
    select: { id: true, state: true, deadlineAt: true, itemIds: true },
  });
  if (!attempt) throw new AttemptError("attempt_not_found", 404);
  return attempt;
}

/**
 * Autosave of one answer. Refused once the attempt is submitted; after the deadline (plus a short grace) the
 * attempt is submitted on the spot and the save refused, so nothing arrives after time is up.
 */
export async function saveResponse({
  attemptId,
  userId,
  itemId,
  response,
  now = new Date(),
}: {
  attemptId: string;
  userId: string;
  itemId: string;
  response: unknown;
  now?: Date;
}) {
  const attempt = await loadOwnAttempt({ attemptId, userId });
  if (attempt.state !== "IN_PROGRESS") throw new AttemptError("attempt_closed", 409);
  if (now.getTime() > attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS) {
    await submitAttempt({ attemptId, userId, finishedBy: "deadline", now });
    throw new AttemptError("attempt_closed", 409);
  }
  if (!attempt.itemIds.includes(itemId)) throw new AttemptError("unknown_item", 400);
  if (!isRecord(response) || JSON.stringify(response).length > MAX_RESPONSE_BYTES) throw new AttemptError("bad_response", 400);
  const value: Prisma.InputJsonObject = JSON.parse(JSON.stringify(response));
  await prisma.attemptResponse.upsert({
    where: { attemptId_itemId: { attemptId, itemId } },
    create: { attemptId, itemId, response: value },
    update: { response: value },
  });
  await prisma.attemptEvent.create({ data: { attemptId, type: "saved", actorId: userId, at: now, data: { itemId } } });
  return { savedAt: now };
}

/**
 * Submits an attempt exactly once: the state moves out of IN_PROGRESS in a single conditional update, so a
 * double click, a second tab or a retry after a timeout all end up with one submission and one grading.
 */
export async function submitAttempt({
  attemptId,
  userId,
  finishedBy = "learner",
  now = new Date(),
}: {
  attemptId: string;
  userId: string;
  finishedBy?: "learner" | "deadline";
  now?: Date;
}) {
  await loadOwnAttempt({ attemptId, userId });
  const claimed = await prisma.examAttempt.updateMany({
    where: { id: attemptId, userId, state: "IN_PROGRESS" },
    data: { state: "SUBMITTED", submittedAt: now, finishedBy },
  });
  if (claimed.count === 1) {
    await prisma.attemptEvent.create({
      data: { attemptId, type: finishedBy === "deadline" ? "auto_submitted" : "submitted", actorId: finishedBy === "learner" ? userId : null, at: now },
    });
  }
  // Whoever arrives (the submitter, a second tab, a retry) makes sure the grading is done before answering;
  // gradeSubmittedAttempt writes the grade once, whatever the number of callers.
  await gradeSubmittedAttempt({ attemptId, now });
  return prisma.examAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { id: true, state: true, percent: true, isPassed: true },
  });
}

/**
 * What grading an attempt needs, read from the database: the attempt, its exam version, the drawn items in order
 * and the stored responses translated back to grading ids. Shared by the grading on submit and the review queue.
 */
export async function loadAttemptForGrading({ attemptId }: { attemptId: string }) {
  const attempt = await prisma.examAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      userId: true,
      courseId: true,
      examSlug: true,
      number: true,
      state: true,
      language: true,
      itemIds: true,
      displayOrders: true,
      submittedAt: true,
      examVersion: { select: { definition: true } },
      responses: { select: { itemId: true, response: true } },
    },
  });
  if (!attempt) throw new AttemptError("attempt_not_found", 404);
  const exam: StoredExam | null = parseStoredExam(attempt.examVersion.definition);
  if (!exam) throw new AttemptError("exam_not_found", 404);
  const orders: DisplayOrders = storedDisplayOrders(attempt.displayOrders);
  const byId = new Map(exam.items.map((item) => [item.id, item]));
  const items = attempt.itemIds.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
  const responses: Record<string, unknown> = {};
  for (const r of attempt.responses) {
    const item = byId.get(r.itemId);
    if (item) responses[r.itemId] = toGradingResponse({ item, order: orders[r.itemId] ?? null, response: r.response });
  }
  return {
    attempt: {
      id: attempt.id,
      userId: attempt.userId,
      courseId: attempt.courseId,
      examSlug: attempt.examSlug,
      number: attempt.number,
      state: attempt.state,
      submittedAt: attempt.submittedAt,
    },
    exam,
    items,
    responses,
    language: contentLanguageOf(attempt.language),
  };
}

/** Grades a SUBMITTED attempt (idempotent: anything else is left alone) and emits "certification earned" on a pass. */
export async function gradeSubmittedAttempt({ attemptId, now = new Date() }: { attemptId: string; now?: Date }) {
  const { attempt, exam, items, responses, language } = await loadAttemptForGrading({ attemptId });
  if (attempt.state !== "SUBMITTED") return;
  const result = gradeAttempt({ items, pools: exam.pools, responses, language, passMarkPercent: exam.passMarkPercent });
  const state = result.isPassed === null ? "AWAITING_REVIEW" : "GRADED";
  const updated = await prisma.examAttempt.updateMany({
    where: { id: attemptId, state: "SUBMITTED" },
    data: {
      state,
      points: result.points,
      maxPoints: result.maxPoints,
      percent: result.percent,
      isPassed: result.isPassed,
      grades: JSON.parse(JSON.stringify({ items: result.grades, perSkill: result.perSkill })),
      gradedAt: now,
    },
  });
  if (updated.count !== 1) return;
  await prisma.attemptEvent.create({
    data: { attemptId, type: "graded", at: now, data: { percent: result.percent, isPassed: result.isPassed, state } },
  });
  if (result.isPassed) await recordCertification({ attemptId, userId: attempt.userId, courseId: attempt.courseId, examSlug: attempt.examSlug, now });
}

/** One CertificationEvent per passing attempt (unique attemptId) and one Certification per learner and course. */
export async function recordCertification({ attemptId, userId, courseId, examSlug, now }: { attemptId: string; userId: string; courseId: string; examSlug: string; now: Date }) {
  await prisma.certification.upsert({
    where: { userId_courseId: { userId, courseId } },
    create: { userId, courseId, earnedAt: now, source: `exam:${attemptId}` },
    update: {},
  });
  try {
    await prisma.certificationEvent.create({ data: { attemptId, userId, courseId, examSlug, createdAt: now } });
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "P2002")) throw error;
  }
}

/**
 * Submits every attempt whose deadline (plus grace) has passed, and grades any left SUBMITTED (a crash between
 * the two steps). Runs on the learner's next request and from the server's periodic sweep, so an attempt closes
 * on time even if the learner never comes back.
 */
export async function sweepOverdueAttempts({ userId, now = new Date() }: { userId?: string; now?: Date } = {}) {
  const overdue = await prisma.examAttempt.findMany({
    where: { state: "IN_PROGRESS", deadlineAt: { lt: new Date(now.getTime() - DEADLINE_GRACE_MS) }, ...(userId ? { userId } : {}) },
    select: { id: true, userId: true },
    take: 500,
  });
  for (const a of overdue) {
    await prisma.attemptEvent.create({ data: { attemptId: a.id, type: "overdue", at: now } });
    await submitAttempt({ attemptId: a.id, userId: a.userId, finishedBy: "deadline", now });
  }
  const stuck = await prisma.examAttempt.findMany({ where: { state: "SUBMITTED", ...(userId ? { userId } : {}) }, select: { id: true }, take: 500 });
  for (const a of stuck) await gradeSubmittedAttempt({ attemptId: a.id, now });
  return { submitted: overdue.length, graded: stuck.length };
}

/** Translates an AttemptError into the HTTP answer routes throw. */
export function attemptErrorResponse(error: AttemptError) {
  return data({ error: error.code, retryAt: error.retryAt?.toISOString() ?? null }, { status: error.status });
}
