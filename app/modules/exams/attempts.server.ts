import type { AttemptEvent, AttemptResponse, ExamAccommodation, ExamAttempt } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { AppError, isUniqueViolation } from "~/lib/errors";
import { newId, sql, sqlTransaction } from "~/lib/sql.server";
import { liveSessionUserIdSql } from "~/modules/accounts/index.server";
import { attemptDeadline, attemptEligibility, contentLanguageOf, effectiveWindow, isEmptyWindow, storedDisplayOrders, type CohortWindow } from "./definition";
import { findCurrentExamVersion, getStoredExam } from "./exam-versions.server";
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

export class AttemptError extends AppError {
  constructor(
    readonly code:
      | "exam_not_found"
      | "attempt_not_found"
      | "no_attempts_left"
      | "cooldown"
      | "not_open_yet"
      | "exam_closed"
      | "attempt_closed"
      | "unknown_item"
      | "bad_response",
    readonly status: 400 | 403 | 404 | 409,
    readonly retryAt?: Date,
  ) {
    super(code, status);
  }
}

/** The current (unarchived) version of a course's exam. */
async function currentExamVersion(courseId: string) {
  const current = await findCurrentExamVersion(courseId);
  if (!current) throw new AttemptError("exam_not_found", 404);
  return current;
}

async function latestAccommodation({ userId, examSlug }: { userId: string; examSlug: string }) {
  return prisma.examAccommodation.findFirst({
    where: { userId, examSlug },
    orderBy: { createdAt: "desc" },
    select: { timeFactor: true, extraAttempts: true },
  });
}

/**
 * The exam windows of the learner's cohorts for this course (see effectiveWindow). Archived cohorts are left out:
 * a finished cohort's dates must not lock its former learners out of the exam for good.
 */
async function cohortWindowsOf({ userId, courseId }: { userId: string; courseId: string }): Promise<CohortWindow[]> {
  const windows = await prisma.cohortExamWindow.findMany({
    where: { courseId, cohort: { archivedAt: null, members: { some: { userId, role: "LEARNER" } } } },
    select: { opensAt: true, closesAt: true },
  });
  return windows.map((w) => ({ opensAt: w.opensAt?.toISOString() ?? null, closesAt: w.closesAt?.toISOString() ?? null }));
}

/**
 * What the exam page shows before starting: settings, attempts used, whether (and when) another can start, and the
 * availability window that applies to this learner (their cohorts' windows included).
 */
export async function getExamOverview({ courseId, userId, now = new Date() }: { courseId: string; userId: string; now?: Date }) {
  const { exam, examSlug } = await currentExamVersion(courseId);
  const [attempts, accommodation, cohortWindows] = await Promise.all([
    prisma.examAttempt.findMany({
      where: { userId, examSlug },
      orderBy: { number: "asc" },
      select: { id: true, number: true, state: true, startedAt: true, submittedAt: true, deadlineAt: true, percent: true, isPassed: true },
    }),
    latestAccommodation({ userId, examSlug }),
    cohortWindowsOf({ userId, courseId }),
  ]);
  const availability = effectiveWindow({ exam, cohortWindows });
  const inProgress = attempts.find((a) => a.state === "IN_PROGRESS" && a.deadlineAt.getTime() + DEADLINE_GRACE_MS > now.getTime()) ?? null;
  const lastSubmittedAt = latestSubmission(attempts);
  const eligibility = attemptEligibility({
    attemptsUsed: attempts.length,
    attemptsAllowed: exam.attemptsAllowed,
    extraAttempts: accommodation?.extraAttempts ?? 0,
    lastSubmittedAt,
    cooldownHours: exam.cooldownHours,
    availableFrom: availability.availableFrom,
    availableUntil: availability.availableUntil,
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
    // An empty window is not shown as dates ("open from March to January"); the eligibility says it is closed.
    availableFrom: isEmptyWindow(availability) ? null : availability.availableFrom,
    availableUntil: isEmptyWindow(availability) ? null : availability.availableUntil,
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
  const { exam, examSlug, versionId } = await currentExamVersion(courseId);
  let history = await loadAttemptHistory({ userId, examSlug, courseId });
  if (history.attempts.some((a) => a.state === "IN_PROGRESS" && isPastDeadline(a.deadlineAt, now))) {
    await sweepOverdueAttempts({ userId, now });
    history = await loadAttemptHistory({ userId, examSlug, courseId });
  }
  const inProgress = history.attempts.find((a) => a.state === "IN_PROGRESS");
  if (inProgress) return { attemptId: inProgress.id, resumed: true };

  const lastSubmittedAt = latestSubmission(history.attempts);
  const availability = effectiveWindow({ exam, cohortWindows: history.cohortWindows });
  const eligibility = attemptEligibility({
    attemptsUsed: history.attempts.length,
    attemptsAllowed: exam.attemptsAllowed,
    extraAttempts: history.extraAttempts,
    lastSubmittedAt,
    cooldownHours: exam.cooldownHours,
    availableFrom: availability.availableFrom,
    availableUntil: availability.availableUntil,
    now,
  });
  if (!eligibility.canStart) throw new AttemptError(eligibility.reason, 409, "retryAt" in eligibility ? eligibility.retryAt : undefined);
  const timeFactor = history.timeFactor;
  const plan = planAttempt({ exam, seenItemIds: history.attempts.flatMap((p) => p.itemIds), random: mulberry32(Math.floor(random() * 2 ** 32)) });
  const allowed = exam.attemptsAllowed + history.extraAttempts;
  const deadlineAt = attemptDeadline({ now, timeLimitMinutes: exam.timeLimitMinutes, timeFactor, availableUntil: availability.availableUntil });

  // Check-and-create under a per-learner-and-exam lock: of several simultaneous starts (double click, two tabs)
  // exactly one creates the attempt and the others return it.
  return sqlTransaction(async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`exam-start:${userId}:${examSlug}`]);
    const { rows } = await client.query<{ used: number; last: number; inProgressId: string | null }>(
      `SELECT count(*)::int AS "used", COALESCE(max("number"), 0)::int AS "last",
              (array_agg("id") FILTER (WHERE "state" = 'IN_PROGRESS'))[1] AS "inProgressId"
       FROM "ExamAttempt" WHERE "userId" = $1 AND "examSlug" = $2`,
      [userId, examSlug],
    );
    const current = rows[0] ?? { used: 0, last: 0, inProgressId: null };
    if (current.inProgressId) return { attemptId: current.inProgressId, resumed: true };
    if (current.used >= allowed) throw new AttemptError("no_attempts_left", 409);
    const attemptId = newId();
    await client.query(
      `WITH attempt AS (
         INSERT INTO "ExamAttempt" ("id", "userId", "courseId", "examSlug", "examVersionId", "number", "language", "itemIds",
                                    "displayOrders", "timeFactor", "startedAt", "deadlineAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9::jsonb, $10, $11, $12)
         RETURNING "id")
       INSERT INTO "AttemptEvent" ("id", "attemptId", "type", "actorId", "data", "at")
       SELECT $13, attempt."id", 'started', $2, $14::jsonb, $11 FROM attempt`,
      [
        attemptId,
        userId,
        courseId,
        examSlug,
        versionId,
        current.last + 1,
        contentLanguageOf(language),
        plan.itemIds,
        JSON.stringify(plan.displayOrders),
        timeFactor,
        now.toISOString(),
        deadlineAt.toISOString(),
        newId(),
        JSON.stringify({ timeFactor }),
      ],
    );
    return { attemptId, resumed: false };
  });
}

/** When the learner last submitted an attempt (the cooldown counts from it). */
function latestSubmission(attempts: ReadonlyArray<{ submittedAt: Date | null }>) {
  return attempts.reduce<Date | null>((latest, a) => (a.submittedAt && (!latest || a.submittedAt > latest) ? a.submittedAt : latest), null);
}

const isPastDeadline = (deadlineAt: Date, now: Date) => now.getTime() > deadlineAt.getTime() + DEADLINE_GRACE_MS;

/** to_char pattern for a DateTime column (UTC, stored without a zone) as an ISO instant, the exam definition's form. */
const ISO_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * A learner's attempts at an exam (oldest first), the accommodation that applies (the latest granted) and the exam
 * windows of their cohorts for the course (as cohortWindowsOf). Two statements: the start burst is the hot path,
 * so the cohort windows ride along with the accommodation rather than costing a third round trip.
 */
async function loadAttemptHistory({ userId, examSlug, courseId }: { userId: string; examSlug: string; courseId: string }) {
  const [attempts, [settings]] = await Promise.all([
    sql<Pick<ExamAttempt, "id" | "state" | "itemIds" | "submittedAt" | "deadlineAt">>(
      `SELECT "id", "state", "itemIds", "submittedAt", "deadlineAt" FROM "ExamAttempt"
       WHERE "userId" = $1 AND "examSlug" = $2 ORDER BY "number"`,
      [userId, examSlug],
    ),
    // The accommodation's columns are null when there is none (LEFT JOIN); the cohort windows are built as JSON.
    sql<{ timeFactor: ExamAccommodation["timeFactor"] | null; extraAttempts: ExamAccommodation["extraAttempts"] | null; cohortWindows: CohortWindow[] }>(
      `SELECT a."timeFactor", a."extraAttempts", w."cohortWindows"
       FROM (SELECT COALESCE(json_agg(json_build_object('opensAt', to_char(cw."opensAt", ${ISO_INSTANT}),
                                                        'closesAt', to_char(cw."closesAt", ${ISO_INSTANT}))), '[]'::json)
                      AS "cohortWindows"
             FROM "CohortMember" m
             JOIN "CohortExamWindow" cw ON cw."cohortId" = m."cohortId" AND cw."courseId" = $3
             JOIN "Cohort" c ON c."id" = m."cohortId" AND c."archivedAt" IS NULL
             WHERE m."userId" = $1 AND m."role" = 'LEARNER') w
       LEFT JOIN LATERAL (SELECT "timeFactor", "extraAttempts" FROM "ExamAccommodation"
                          WHERE "userId" = $1 AND "examSlug" = $2 ORDER BY "createdAt" DESC LIMIT 1) a ON true`,
      [userId, examSlug, courseId],
    ),
  ]);
  return {
    attempts,
    timeFactor: settings?.timeFactor ?? 1,
    extraAttempts: settings?.extraAttempts ?? 0,
    cohortWindows: settings?.cohortWindows ?? [],
  };
}

async function loadOwnAttempt({ attemptId, userId }: { attemptId: string; userId: string }) {
  const [attempt] = await sql<Pick<ExamAttempt, "id" | "state" | "deadlineAt" | "itemIds">>(
    `SELECT "id", "state", "deadlineAt", "itemIds" FROM "ExamAttempt" WHERE "id" = $1 AND "userId" = $2`,
    [attemptId, userId],
  );
  if (!attempt) throw new AttemptError("attempt_not_found", 404);
  return attempt;
}

/**
 * Autosave of one or more answers. Refused once the attempt is submitted; after the deadline (plus a short grace)
 * the attempt is submitted on the spot and the save refused, so nothing arrives after time is up.
 *
 * The common case is one statement: it checks ownership, state, deadline and that every item was drawn for this
 * attempt, upserts the answers and records the "saved" event. Only when it saves nothing is the attempt read again
 * to tell why.
 */
export async function saveResponses({
  attemptId,
  userId,
  responses,
  now = new Date(),
}: {
  attemptId: string;
  userId: string;
  responses: Record<string, unknown>;
  now?: Date;
}) {
  const { itemIds, values } = serializeResponses(responses);
  if (itemIds.length === 0) return { savedAt: now };
  const saved = await upsertResponses({ attemptId, owner: { userId }, itemIds, values, now });
  if (saved === itemIds.length) return { savedAt: now };

  // Nothing was saved: find out why.
  const attempt = await loadOwnAttempt({ attemptId, userId });
  if (attempt.state !== "IN_PROGRESS") throw new AttemptError("attempt_closed", 409);
  if (isPastDeadline(attempt.deadlineAt, now)) {
    await submitAttempt({ attemptId, userId, finishedBy: "deadline", now });
    throw new AttemptError("attempt_closed", 409);
  }
  if (itemIds.some((id) => !attempt.itemIds.includes(id))) throw new AttemptError("unknown_item", 400);
  throw new AttemptError("attempt_closed", 409);
}

/** Each response as JSON, refusing anything but a small object (a browser cannot legitimately send more). */
function serializeResponses(responses: Record<string, unknown>) {
  const itemIds = Object.keys(responses);
  const values = itemIds.map((itemId) => {
    const response = responses[itemId];
    const json = isRecord(response) ? JSON.stringify(response) : null;
    if (json === null || json.length > MAX_RESPONSE_BYTES) throw new AttemptError("bad_response", 400);
    return json;
  });
  return { itemIds, values };
}

/**
 * The save itself, one statement: the attempt must be the owner's (a user id, or the user of a live session), in
 * progress, within its deadline (plus grace), and have drawn every item; then the answers are upserted and one
 * "saved" event is written. Returns how many answers were saved (0 when any condition fails).
 */
async function upsertResponses({
  attemptId,
  owner,
  itemIds,
  values,
  now,
}: {
  attemptId: string;
  owner: { userId: string } | { sessionId: string };
  itemIds: string[];
  values: string[];
  now: Date;
}) {
  const ownerClause =
    "userId" in owner
      ? `"userId" = $2`
      : `"userId" = ${liveSessionUserIdSql({ sessionId: "$2", now: "$3" })}`;
  const rows = await sql<{ saved: number }>(
    `WITH attempt AS (
       SELECT "id", "userId" FROM "ExamAttempt"
       WHERE "id" = $1 AND ${ownerClause} AND "state" = 'IN_PROGRESS' AND "deadlineAt" >= $3::timestamp - $7::interval
         AND "itemIds" @> $4::text[]
     ), saved AS (
       INSERT INTO "AttemptResponse" ("attemptId", "itemId", "response", "savedAt")
       SELECT attempt."id", r."itemId", r."response", $3 FROM attempt, unnest($4::text[], $5::jsonb[]) AS r("itemId", "response")
       ON CONFLICT ("attemptId", "itemId") DO UPDATE SET "response" = EXCLUDED."response", "savedAt" = EXCLUDED."savedAt"
       RETURNING 1
     ), event AS (
       INSERT INTO "AttemptEvent" ("id", "attemptId", "type", "actorId", "data", "at")
       SELECT $6, attempt."id", 'saved', attempt."userId", jsonb_build_object('itemIds', $4::text[]), $3 FROM attempt
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM saved)::int AS "saved", (SELECT count(*) FROM event)::int AS "events"`,
    [attemptId, "userId" in owner ? owner.userId : owner.sessionId, now.toISOString(), itemIds, values, newId(), `${DEADLINE_GRACE_MS} milliseconds`],
  );
  return rows[0]?.saved ?? 0;
}

/**
 * The background autosave's fast path: one statement that also checks the session (hash of the cookie's token).
 * Returns false when nothing was saved; the caller then takes the full path to tell why.
 */
export async function saveResponsesForSession({
  attemptId,
  sessionId,
  responses,
  now = new Date(),
}: {
  attemptId: string;
  sessionId: string;
  responses: Record<string, unknown>;
  now?: Date;
}) {
  const { itemIds, values } = serializeResponses(responses);
  if (itemIds.length === 0) return true;
  return (await upsertResponses({ attemptId, owner: { sessionId }, itemIds, values, now })) === itemIds.length;
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
  const claimed = await sql<{ id: AttemptEvent["attemptId"] }>(
    `WITH claimed AS (
       UPDATE "ExamAttempt" SET "state" = 'SUBMITTED', "submittedAt" = $3, "finishedBy" = $4
       WHERE "id" = $1 AND "userId" = $2 AND "state" = 'IN_PROGRESS'
       RETURNING "id")
     INSERT INTO "AttemptEvent" ("id", "attemptId", "type", "actorId", "at")
     SELECT $5, claimed."id", $6, $7, $3 FROM claimed
     RETURNING "attemptId" AS "id"`,
    [attemptId, userId, now.toISOString(), finishedBy, newId(), finishedBy === "deadline" ? "auto_submitted" : "submitted", finishedBy === "learner" ? userId : null],
  );
  if (claimed.length === 0) await loadOwnAttempt({ attemptId, userId }); // 404 when it is not the learner's
  // Whoever arrives (the submitter, a second tab, a retry) makes sure the grading is done before answering;
  // gradeSubmittedAttempt writes the grade once, whatever the number of callers.
  await gradeSubmittedAttempt({ attemptId, now });
  const [result] = await sql<Pick<ExamAttempt, "id" | "state" | "percent" | "isPassed">>(
    `SELECT "id", "state", "percent", "isPassed" FROM "ExamAttempt" WHERE "id" = $1`,
    [attemptId],
  );
  if (!result) throw new AttemptError("attempt_not_found", 404);
  return result;
}

/**
 * What grading an attempt needs, read from the database: the attempt, its exam version, the drawn items in order
 * and the stored responses translated back to grading ids. Shared by the grading on submit and the review queue.
 */
export async function loadAttemptForGrading({ attemptId }: { attemptId: string }) {
  const [[attempt], stored] = await Promise.all([
    sql<
      Pick<
        ExamAttempt,
        "id" | "userId" | "courseId" | "examSlug" | "number" | "state" | "language" | "itemIds" | "displayOrders" | "submittedAt" | "examVersionId"
      >
    >(
      `SELECT "id", "userId", "courseId", "examSlug", "number", "state", "language", "itemIds", "displayOrders",
              "submittedAt", "examVersionId"
       FROM "ExamAttempt" WHERE "id" = $1`,
      [attemptId],
    ),
    sql<Pick<AttemptResponse, "itemId" | "response">>(`SELECT "itemId", "response" FROM "AttemptResponse" WHERE "attemptId" = $1`, [attemptId]),
  ]);
  if (!attempt) throw new AttemptError("attempt_not_found", 404);
  const exam = await getStoredExam(attempt.examVersionId);
  if (!exam) throw new AttemptError("exam_not_found", 404);
  const orders: DisplayOrders = storedDisplayOrders(attempt.displayOrders);
  const byId = new Map(exam.items.map((item) => [item.id, item]));
  const items = attempt.itemIds.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
  const responses: Record<string, unknown> = {};
  for (const r of stored) {
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
  // One statement: the grade, its event and, on a pass, the certification and its "earned" event commit together,
  // so a crash can never leave a passed attempt without its certification.
  const updated = await sql<{ id: AttemptEvent["attemptId"] }>(
    `WITH graded AS (
       UPDATE "ExamAttempt" SET "state" = $2::"AttemptState", "points" = $3, "maxPoints" = $4, "percent" = $5, "isPassed" = $6,
                                "grades" = $7::jsonb, "gradedAt" = $8
       WHERE "id" = $1 AND "state" = 'SUBMITTED'
       RETURNING "id", "userId", "courseId", "examSlug"
     ), certified AS (
       INSERT INTO "Certification" ("id", "userId", "courseId", "earnedAt", "source")
       SELECT $11, graded."userId", graded."courseId", $8, 'exam:' || graded."id" FROM graded WHERE $6 IS TRUE
       ON CONFLICT ("userId", "courseId") DO NOTHING
       RETURNING 1
     ), earned AS (
       INSERT INTO "CertificationEvent" ("id", "attemptId", "userId", "courseId", "examSlug", "createdAt")
       SELECT $12, graded."id", graded."userId", graded."courseId", graded."examSlug", $8 FROM graded WHERE $6 IS TRUE
       ON CONFLICT ("attemptId") DO NOTHING
       RETURNING 1
     )
     INSERT INTO "AttemptEvent" ("id", "attemptId", "type", "data", "at")
     SELECT $9, graded."id", 'graded', $10::jsonb, $8 FROM graded
     RETURNING "attemptId" AS "id"`,
    [
      attemptId,
      state,
      result.points,
      result.maxPoints,
      result.percent,
      result.isPassed,
      JSON.stringify({ items: result.grades, perSkill: result.perSkill }),
      now.toISOString(),
      newId(),
      JSON.stringify({ percent: result.percent, isPassed: result.isPassed, state }),
      newId(),
      newId(),
    ],
  );
  if (updated.length !== 1) return;
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
    if (!isUniqueViolation(error)) throw error;
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
  const certified = await recordMissingCertifications({ userId, now });
  return { submitted: overdue.length, graded: stuck.length, certified };
}

/**
 * A passed attempt whose certification was not written (a review or regrade commits the grade first, then records
 * the certification; a crash in between) gets it now. Idempotent, like recordCertification.
 */
export async function recordMissingCertifications({ userId, now = new Date() }: { userId?: string; now?: Date } = {}) {
  const missing = await sql<Pick<ExamAttempt, "id" | "userId" | "courseId" | "examSlug">>(
    `SELECT a."id", a."userId", a."courseId", a."examSlug" FROM "ExamAttempt" a
     WHERE a."state" = 'GRADED' AND a."isPassed" IS TRUE AND ($1::text IS NULL OR a."userId" = $1)
       AND NOT EXISTS (SELECT 1 FROM "CertificationEvent" e WHERE e."attemptId" = a."id")
     LIMIT 500`,
    [userId ?? null],
  );
  for (const attempt of missing) {
    await recordCertification({ attemptId: attempt.id, userId: attempt.userId, courseId: attempt.courseId, examSlug: attempt.examSlug, now });
  }
  return missing.length;
}
