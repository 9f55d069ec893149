// Regrading after a key correction. A content sync turns a corrected exam.yaml into a new ExamVersion, but the
// attempts already graded on the old version keep the grade the wrong key gave them. A regrade is an explicit,
// recorded staff act: it moves the graded attempts of an old version onto a newer version of the same exam and
// recomputes their grade there, with one "regraded" AttemptEvent (who, why, before/after) per attempt.
//
// The grade is computed exactly as on submit (attempts.server.ts gradeSubmittedAttempt): the drawn items in draw
// order, the stored responses translated to real ids with the attempt's display orders (toGradingResponse), then
// gradeAttempt with the exam's pools and pass mark, here those of the new version. Reviewers' decisions are passed
// as `reviewedPoints`, the way decideReview (review.server.ts) combines them with the automatic part, so a reviewed
// item keeps the points a human gave it and an attempt still awaiting review stays AWAITING_REVIEW.
//
// The attempt is read again and written inside one transaction per attempt, under a row lock, with only `tx`
// (PGlite: a transaction blocks every other connection, see docs/decisions/003-embedded-pglite-default.md); the exam
// definitions are read before.
import { prisma } from "~/lib/db.server";
import { AttemptError, recordCertification } from "./attempts.server";
import { contentLanguageOf, storedDisplayOrders, type StoredExam } from "./definition";
import { toGradingResponse } from "./draw";
import { getStoredExam } from "./exam-versions.server";
import { gradeAttempt, type AttemptGrade } from "./grading";
import { changedScoringItems, MAX_REGRADE_REASON_CHARS, regradeCompatibility } from "./regrade";
import { AppError } from "~/lib/errors";

export class RegradeError extends AppError {
  constructor(
    readonly code:
      /** The two versions belong to different exams (examSlug). */
      | "different_exam"
      /** The target version is not newer than the source version (or is the same version). */
      | "not_newer"
      /** No reason was given (blank after trimming). */
      | "reason_required"
      /** The reason is longer than MAX_REGRADE_REASON_CHARS. */
      | "reason_too_long",
    readonly status: 400,
  ) {
    super(code, status);
  }
}

/** Why an attempt was left on its old version. */
export type RegradeSkipReason =
  /** A drawn item is not in the new version. */
  | "item_missing"
  /** A drawn item changed type or its option / entry / pair ids (the stored answers would point elsewhere). */
  | "item_changed"
  /** A GRADED attempt would need a review again (never expected: compatible items need review only if they did). */
  | "needs_review";

export type RegradeSkip = { attemptId: string; reason: RegradeSkipReason; itemId: string | null };

export type RegradeReport = {
  /** Attempts moved to the new version whose points, percent or pass decision changed. */
  regraded: number;
  /** Attempts moved to the new version (and recorded) whose points, percent and pass decision stayed the same. */
  unchanged: number;
  /** Attempts left on the old version, with the reason. */
  skipped: RegradeSkip[];
  /** Attempts that now pass and did not before (their certification has been recorded). */
  passGained: number;
  /** Attempts that passed and no longer do: nothing was withdrawn, staff decide (see regradeAttempts). */
  passRevoked: number;
  passRevokedAttemptIds: string[];
};

export type RegradePreview = {
  from: { id: string; version: number };
  to: { id: string; version: number };
  /** Attempts on the old version that a regrade looks at (GRADED or AWAITING_REVIEW). */
  attempts: number;
  /** Of those, how many can move to the new version. */
  compatible: number;
  skipped: RegradeSkip[];
  /** Compatible attempts whose points, percent or pass decision would change. */
  scoreChanged: number;
  passGained: number;
  passRevoked: number;
  /** Items of the new version whose points or key differ from the old version (in the new version's order). */
  changedItemIds: string[];
};

const REGRADABLE_STATES = ["GRADED", "AWAITING_REVIEW"] as const;
type RegradableState = (typeof REGRADABLE_STATES)[number];

function isRegradableState(state: string): state is RegradableState {
  return REGRADABLE_STATES.some((candidate) => candidate === state);
}

/** What the computation needs of an attempt, as read with Prisma (see ATTEMPT_SELECT). */
type StoredAttempt = {
  id: string;
  userId: string;
  courseId: string;
  examSlug: string;
  state: string;
  language: string;
  itemIds: string[];
  displayOrders: unknown;
  points: number | null;
  maxPoints: number | null;
  percent: number | null;
  isPassed: boolean | null;
  responses: Array<{ itemId: string; response: unknown }>;
  decisions: Array<{ itemId: string; points: number }>;
};

const ATTEMPT_SELECT = {
  id: true,
  userId: true,
  courseId: true,
  examSlug: true,
  state: true,
  language: true,
  itemIds: true,
  displayOrders: true,
  points: true,
  maxPoints: true,
  percent: true,
  isPassed: true,
  responses: { select: { itemId: true, response: true } },
  decisions: { select: { itemId: true, points: true } },
} as const;

type VersionPair = {
  from: { id: string; version: number; examSlug: string };
  to: { id: string; version: number; examSlug: string };
  oldExam: StoredExam;
  newExam: StoredExam;
};

/** Both versions, checked: they exist (404), belong to the same exam and `to` is newer (400). */
async function loadVersionPair({ fromVersionId, toVersionId }: { fromVersionId: string; toVersionId: string }): Promise<VersionPair> {
  const versions = await prisma.examVersion.findMany({
    where: { id: { in: [fromVersionId, toVersionId] } },
    select: { id: true, version: true, examSlug: true },
  });
  const from = versions.find((v) => v.id === fromVersionId);
  const to = versions.find((v) => v.id === toVersionId);
  if (!from || !to) throw new AttemptError("exam_not_found", 404);
  if (from.examSlug !== to.examSlug) throw new RegradeError("different_exam", 400);
  if (to.version <= from.version) throw new RegradeError("not_newer", 400);
  const [oldExam, newExam] = await Promise.all([getStoredExam(from.id), getStoredExam(to.id)]);
  if (!oldExam || !newExam) throw new AttemptError("exam_not_found", 404);
  return { from, to, oldExam, newExam };
}

type Figures = { points: number | null; maxPoints: number | null; percent: number | null; isPassed: boolean | null };

type Computed =
  | { kind: "skipped"; reason: RegradeSkipReason; itemId: string | null }
  | {
      kind: "regrade";
      result: AttemptGrade;
      state: RegradableState;
      before: Figures;
      changedItems: string[];
      isChanged: boolean;
      isPassGained: boolean;
      isPassRevoked: boolean;
    };

/** The attempt's grade on the new version, or why it cannot move there. Pure given its inputs. */
function computeRegrade({ attempt, oldExam, newExam }: { attempt: StoredAttempt; oldExam: StoredExam; newExam: StoredExam }): Computed {
  const compatibility = regradeCompatibility({ oldItems: oldExam.items, newItems: newExam.items, itemIds: attempt.itemIds });
  if (!compatibility.ok) return { kind: "skipped", reason: compatibility.reason, itemId: compatibility.itemId };

  // As loadAttemptForGrading does for the attempt's own version.
  const byId = new Map(newExam.items.map((item) => [item.id, item]));
  const items = attempt.itemIds.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
  const orders = storedDisplayOrders(attempt.displayOrders);
  const responses: Record<string, unknown> = {};
  for (const r of attempt.responses) {
    const item = byId.get(r.itemId);
    if (item) responses[r.itemId] = toGradingResponse({ item, order: orders[r.itemId] ?? null, response: r.response });
  }
  const reviewedPoints = Object.fromEntries(attempt.decisions.map((d) => [d.itemId, d.points]));
  const result = gradeAttempt({
    items,
    pools: newExam.pools,
    responses,
    language: contentLanguageOf(attempt.language),
    passMarkPercent: newExam.passMarkPercent,
    reviewedPoints,
  });
  const state: RegradableState = result.isPassed === null ? "AWAITING_REVIEW" : "GRADED";
  // A regrade never reopens a final grade; with compatible items it cannot happen, but a missing decision would.
  if (attempt.state === "GRADED" && state !== "GRADED") return { kind: "skipped", reason: "needs_review", itemId: null };

  const before: Figures = { points: attempt.points, maxPoints: attempt.maxPoints, percent: attempt.percent, isPassed: attempt.isPassed };
  return {
    kind: "regrade",
    result,
    state,
    before,
    changedItems: changedScoringItems({ oldItems: oldExam.items, newItems: newExam.items, itemIds: attempt.itemIds }),
    isChanged:
      before.points !== result.points ||
      before.maxPoints !== result.maxPoints ||
      before.percent !== result.percent ||
      before.isPassed !== result.isPassed,
    isPassGained: before.isPassed !== true && result.isPassed === true,
    isPassRevoked: before.isPassed === true && result.isPassed !== true,
  };
}

/**
 * What a regrade from `fromVersionId` to `toVersionId` would do, computed without writing: the attempts it looks
 * at, how many can move, and how many would change score or pass decision.
 * Throws AttemptError "exam_not_found" (404) for an unknown version, RegradeError (400) for versions of different
 * exams or a target that is not newer.
 */
export async function previewRegrade({ fromVersionId, toVersionId }: { fromVersionId: string; toVersionId: string }): Promise<RegradePreview> {
  const { from, to, oldExam, newExam } = await loadVersionPair({ fromVersionId, toVersionId });
  const attempts = await prisma.examAttempt.findMany({
    where: { examVersionId: from.id, state: { in: [...REGRADABLE_STATES] } },
    orderBy: { id: "asc" },
    select: ATTEMPT_SELECT,
  });
  const preview: RegradePreview = {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    attempts: attempts.length,
    compatible: 0,
    skipped: [],
    scoreChanged: 0,
    passGained: 0,
    passRevoked: 0,
    changedItemIds: changedScoringItems({ oldItems: oldExam.items, newItems: newExam.items, itemIds: newExam.items.map((item) => item.id) }),
  };
  for (const attempt of attempts) {
    const computed = computeRegrade({ attempt, oldExam, newExam });
    if (computed.kind === "skipped") {
      preview.skipped.push({ attemptId: attempt.id, reason: computed.reason, itemId: computed.itemId });
      continue;
    }
    preview.compatible += 1;
    if (computed.isChanged) preview.scoreChanged += 1;
    if (computed.isPassGained) preview.passGained += 1;
    if (computed.isPassRevoked) preview.passRevoked += 1;
  }
  return preview;
}

/**
 * Moves every compatible GRADED or AWAITING_REVIEW attempt of `fromVersionId` onto `toVersionId` (a newer version
 * of the same exam) and recomputes its grade there, keeping reviewers' decisions; each attempt is updated with a
 * "regraded" event (actor, reason, before/after, changed items) in its own transaction. Idempotent: attempts
 * already moved are no longer on `fromVersionId`, so a second run changes nothing.
 * An attempt that now passes gets its certification recorded (recordCertification, idempotent). An attempt that
 * no longer passes keeps whatever it earned: withdrawing a certification or a credential is a decision for staff
 * (revoked by status, never deleted), so it is only counted in `passRevoked`.
 * Throws RegradeError (400) for a blank or too long reason, versions of different exams or a target that is not
 * newer, AttemptError "exam_not_found" (404) for an unknown version.
 */
export async function regradeAttempts({
  fromVersionId,
  toVersionId,
  reason,
  actorId,
  now = new Date(),
}: {
  fromVersionId: string;
  toVersionId: string;
  reason: string;
  actorId: string;
  now?: Date;
}): Promise<RegradeReport> {
  const why = reason.trim();
  if (why === "") throw new RegradeError("reason_required", 400);
  if (why.length > MAX_REGRADE_REASON_CHARS) throw new RegradeError("reason_too_long", 400);
  const { from, to, oldExam, newExam } = await loadVersionPair({ fromVersionId, toVersionId });
  const candidates = await prisma.examAttempt.findMany({
    where: { examVersionId: from.id, state: { in: [...REGRADABLE_STATES] } },
    orderBy: { id: "asc" },
    select: { id: true },
  });

  const report: RegradeReport = { regraded: 0, unchanged: 0, skipped: [], passGained: 0, passRevoked: 0, passRevokedAttemptIds: [] };
  for (const { id: attemptId } of candidates) {
    const outcome = await prisma.$transaction(async (tx) => {
      // The lock keeps a reviewer's decision (decideReview locks the same row) or a concurrent regrade out while
      // this one reads and writes; an attempt moved or changed meanwhile is left alone.
      const locked = await tx.$queryRaw<Array<{ state: string }>>`
        SELECT "state"::text AS "state" FROM "ExamAttempt" WHERE "id" = ${attemptId} AND "examVersionId" = ${from.id} FOR UPDATE`;
      const lockedState = locked[0]?.state;
      if (lockedState === undefined || !isRegradableState(lockedState)) return null;
      const attempt = await tx.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: ATTEMPT_SELECT });
      const computed = computeRegrade({ attempt, oldExam, newExam });
      if (computed.kind === "skipped") return { attempt, computed };
      const { result, state, before } = computed;
      await tx.examAttempt.update({
        where: { id: attemptId },
        data: {
          examVersionId: to.id,
          state,
          points: result.points,
          maxPoints: result.maxPoints,
          percent: result.percent,
          isPassed: result.isPassed,
          grades: { items: result.grades, perSkill: result.perSkill },
          // An attempt the regrade completes is graded now; a regraded final grade keeps its first date.
          ...(attempt.state !== "GRADED" && state === "GRADED" ? { gradedAt: now } : {}),
        },
        select: { id: true },
      });
      await tx.attemptEvent.create({
        data: {
          attemptId,
          type: "regraded",
          actorId,
          reason: why,
          at: now,
          data: {
            fromVersionId: from.id,
            toVersionId: to.id,
            before: { percent: before.percent, isPassed: before.isPassed },
            after: { percent: result.percent, isPassed: result.isPassed },
            changedItems: computed.changedItems,
          },
        },
        select: { id: true },
      });
      return { attempt, computed };
    });
    if (!outcome) continue;
    const { attempt, computed } = outcome;
    if (computed.kind === "skipped") {
      report.skipped.push({ attemptId, reason: computed.reason, itemId: computed.itemId });
      continue;
    }
    if (computed.isChanged) report.regraded += 1;
    else report.unchanged += 1;
    if (computed.isPassGained) {
      report.passGained += 1;
      // After the commit (recordCertification uses the shared client), like the grading on submit.
      await recordCertification({ attemptId, userId: attempt.userId, courseId: attempt.courseId, examSlug: attempt.examSlug, now });
    }
    if (computed.isPassRevoked) {
      // Deliberately no automatic withdrawal (see the JSDoc): staff see these attempts in the report.
      report.passRevoked += 1;
      report.passRevokedAttemptIds.push(attemptId);
    }
  }
  return report;
}

/** The newest version of the same exam when it is newer than `examVersionId` (the regrade target), else null. */
export async function findNewerExamVersion({ examVersionId }: { examVersionId: string }) {
  const current = await prisma.examVersion.findUnique({ where: { id: examVersionId }, select: { examSlug: true, version: true } });
  if (!current) return null;
  return prisma.examVersion.findFirst({
    where: { examSlug: current.examSlug, version: { gt: current.version } },
    orderBy: { version: "desc" },
    select: { id: true, version: true },
  });
}
