// The review queue for open responses. An attempt with an item that needs review (an answered open item, or an
// item whose definition cannot be read) is left AWAITING_REVIEW by the grading on submit, with isPassed null.
// The grading assistant suggests a rubric score per item (suggestForAttempt, stored once per item); a reviewer
// records one decision per item (decideReview); when every such item has a decision, the attempt is graded with
// the reviewers' scores, moves to GRADED and, on a pass, emits "certification earned" exactly once.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { AppError, isUniqueViolation } from "~/lib/errors";
import { getFixedT } from "~/lib/i18n.server";
import { appOrigin } from "~/lib/origin.server";
import { localized } from "~/modules/catalog/index.server";
import { notify } from "~/modules/notifications/index.server";
import { hasAnyRole, type Role } from "~/modules/accounts/index.server";
import { AttemptError, loadAttemptForGrading, recordCertification } from "./attempts.server";
import { gradeAttempt, roundPoints } from "./grading";
import { mayProcessTextWithAi } from "~/modules/accounts/index.server";
import { createLocalGradingAssistant, getGradingAssistant, type GradingAssistant } from "./grading-assistant.server";
import type { ContentLanguage } from "~/modules/catalog/index.server";
import { isRecord, parseItem, pickText, type OpenItem } from "./items";

export class ReviewError extends AppError {
  constructor(
    readonly code:
      /** The account may not review (not an instructor, centre admin or platform admin), or it is their own attempt. */
      | "forbidden"
      /** No such attempt, or one outside the reviewer's scope (see reviewScope): the two are not told apart. */
      | "attempt_not_found"
      /** The queue was filtered by a cohort that does not exist or is outside the reviewer's scope (not told apart). */
      | "cohort_not_found"
      /** The attempt is not (or no longer) awaiting review: still in progress, or already graded. */
      | "not_awaiting_review"
      /** The item is not one of the attempt's items that need review. */
      | "not_reviewable"
      /** Points outside 0..the item's maximum, or not a number. */
      | "points_out_of_range"
      | "comment_too_long"
      /** The item already has a decision; decisions are never overwritten (a regrade is a separate, recorded act). */
      | "already_decided",
    readonly status: 400 | 403 | 404 | 409,
  ) {
    super(code, status);
  }
}

const REVIEWER_ROLES: readonly Role[] = ["INSTRUCTOR", "CENTRE_ADMIN"];
const MAX_COMMENT_CHARS = 2_000;

export type Reviewer = { id: string; roles: readonly Role[] };

export function canReview(reviewer: Reviewer): boolean {
  return hasAnyRole(reviewer.roles, REVIEWER_ROLES);
}

/** Every attempt (platform admins), or those of the LEARNER members of these cohorts. */
export type ReviewScope = "all" | readonly string[];

/**
 * Whose attempts a reviewer may see in the queue and decide:
 * - a platform admin: everyone's;
 * - an instructor: the learners of the cohorts where they are an INSTRUCTOR member;
 * - a centre admin: the learners of every cohort of the training centres where they are ADMIN;
 * - both: the union. Anyone else: nobody's.
 * Archived cohorts stay in scope: their learners' answers still need a score after the cohort has ended.
 * The one place this rule lives; the queue and the decisions both go through attemptsInScope.
 */
export async function reviewScope(reviewer: Reviewer): Promise<ReviewScope> {
  if (reviewer.roles.includes("PLATFORM_ADMIN")) return "all";
  if (!canReview(reviewer)) return [];
  const cohorts = await prisma.cohort.findMany({
    where: {
      OR: [
        { members: { some: { userId: reviewer.id, role: "INSTRUCTOR" } } },
        { organisation: { kind: "TRAINING_CENTRE", memberships: { some: { userId: reviewer.id, role: "ADMIN" } } } },
      ],
    },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  return cohorts.map((cohort) => cohort.id);
}

/** The attempts of a scope, as a `where` (so an attempt outside it is a missing row, never a leak). */
function attemptsInScope(scope: ReviewScope): Prisma.ExamAttemptWhereInput {
  return scope === "all" ? {} : { user: { cohortMembers: { some: { cohortId: { in: [...scope] }, role: "LEARNER" } } } };
}

/** The attempt with its items that need review (recomputed from the stored responses, never from the browser). */
async function loadReviewItems(attemptId: string) {
  const loaded = await loadAttemptForGrading({ attemptId }).catch((error: unknown) => {
    if (error instanceof AttemptError && error.code === "attempt_not_found") throw new ReviewError("attempt_not_found", 404);
    throw error;
  });
  const { exam, items, responses, language } = loaded;
  const provisional = gradeAttempt({ items, pools: exam.pools, responses, language, passMarkPercent: exam.passMarkPercent });
  const byId = new Map(items.map((item) => [item.id, item]));
  const reviewItems = provisional.grades
    .filter((grade) => grade.status === "needs_review")
    .map((grade) => {
      const definition = byId.get(grade.itemId);
      const parsed = definition ? parseItem(definition) : null;
      const open: OpenItem | null = parsed?.type === "open" ? parsed : null;
      const response = responses[grade.itemId];
      const answer = isRecord(response) && typeof response.text === "string" ? response.text : "";
      return { itemId: grade.itemId, maxPoints: grade.maxPoints, open, answer };
    });
  return { ...loaded, reviewItems };
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions

/**
 * Asks the grading assistant for a suggestion for each open item of an AWAITING_REVIEW attempt that has none yet,
 * and stores it. Idempotent: items already suggested are skipped, and of two concurrent callers only the first
 * stored suggestion is kept. Meant to run in the background after submission (an AI call can take seconds) or
 * when a reviewer opens the queue. Anything but an attempt awaiting review is left alone.
 */
export async function suggestForAttempt({
  attemptId,
  assistant = getGradingAssistant(),
  abroad,
}: {
  attemptId: string;
  assistant?: GradingAssistant;
  /** AI_PROCESSING_ABROAD by default. */
  abroad?: boolean;
}): Promise<{ suggested: number }> {
  const { attempt, language, reviewItems } = await loadReviewItems(attemptId);
  if (attempt.state !== "AWAITING_REVIEW") return { suggested: 0 };
  // Law 09-08: a learner's answer goes to a model abroad only with their consent
  // (docs/decisions/021-study-mode-retrieval-model-integrity.md).
  if (assistant.kind === "ai" && !(await mayProcessTextWithAi(attempt.userId, { abroad }))) assistant = createLocalGradingAssistant();
  const existing = await prisma.reviewSuggestion.findMany({ where: { attemptId }, select: { itemId: true } });
  const done = new Set(existing.map((s) => s.itemId));
  let suggested = 0;
  // One item at a time: a queue of attempts must not flood the AI server.
  for (const item of reviewItems) {
    if (!item.open || done.has(item.itemId)) continue;
    const suggestion = await assistant.suggest({
      prompt: pickText(item.open.prompt, language),
      rubric: item.open.rubric,
      answer: item.answer,
      language,
    });
    const stored = await prisma.reviewSuggestion.createMany({
      data: [
        {
          attemptId,
          itemId: item.itemId,
          source: suggestion.source,
          model: suggestion.model,
          points: suggestion.points,
          maxPoints: suggestion.maxPoints,
          criteria: suggestion.criteria,
          justification: suggestion.justification,
        },
      ],
      skipDuplicates: true,
    });
    suggested += stored.count;
  }
  return { suggested };
}

/** Suggestions for attempts awaiting review that have none yet (background sweep; a few attempts per run). */
export async function suggestPendingReviews({ limit = 10 }: { limit?: number } = {}) {
  const pending = await prisma.examAttempt.findMany({
    where: { state: "AWAITING_REVIEW", suggestions: { none: {} } },
    orderBy: { submittedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let suggested = 0;
  for (const { id } of pending) suggested += (await suggestForAttempt({ attemptId: id })).suggested;
  return { attempts: pending.length, suggested };
}

function parseCriteria(value: Prisma.JsonValue): Array<{ id: string; points: number }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) =>
    isRecord(entry) && typeof entry.id === "string" && typeof entry.points === "number" ? [{ id: entry.id, points: entry.points }] : [],
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Queue

/**
 * The cohort a reviewer filters the queue by, when it is in their scope (see reviewScope); otherwise a
 * "cohort_not_found" 404, so a cohort id reveals nothing about cohorts outside the scope.
 */
export async function getReviewCohort({ reviewer, cohortId }: { reviewer: Reviewer; cohortId: string }) {
  if (!canReview(reviewer)) throw new ReviewError("forbidden", 403);
  return findCohortInScope({ scope: await reviewScope(reviewer), cohortId });
}

async function findCohortInScope({ scope, cohortId }: { scope: ReviewScope; cohortId: string }) {
  if (scope !== "all" && !scope.includes(cohortId)) throw new ReviewError("cohort_not_found", 404);
  const cohort = await prisma.cohort.findUnique({
    where: { id: cohortId },
    select: { id: true, name: true, organisation: { select: { name: true } } },
  });
  if (!cohort) throw new ReviewError("cohort_not_found", 404);
  return { id: cohort.id, name: cohort.name, organisationName: cohort.organisation.name };
}

/**
 * Attempts awaiting review within the reviewer's scope (see reviewScope), oldest submission first, with each item
 * to review: the prompt in the attempt's language, the rubric, the answer, the assistant's suggestion and any
 * decision already taken. `cohortId` narrows the queue to one cohort of the scope (404 for any other).
 * The learner is identified by id only, so reviewers mark the answer, not the person.
 */
export async function listReviewQueue({
  reviewer,
  cohortId,
  limit = 50,
  readerLanguage,
}: {
  reviewer: Reviewer;
  cohortId?: string;
  limit?: number;
  /** The reviewer's language: exam titles, prompts and rubrics in it when the content has it (answers stay as written). */
  readerLanguage?: ContentLanguage;
}) {
  if (!canReview(reviewer)) throw new ReviewError("forbidden", 403);
  const scope = await reviewScope(reviewer);
  if (cohortId !== undefined) await findCohortInScope({ scope, cohortId });
  const shown: ReviewScope = cohortId !== undefined ? [cohortId] : scope;
  if (shown.length === 0) return [];
  const attempts = await prisma.examAttempt.findMany({
    where: { state: "AWAITING_REVIEW", ...attemptsInScope(shown) },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const ids = attempts.map((a) => a.id);
  const [suggestions, decisions] = await Promise.all([
    prisma.reviewSuggestion.findMany({
      where: { attemptId: { in: ids } },
      select: { attemptId: true, itemId: true, source: true, model: true, points: true, maxPoints: true, criteria: true, justification: true, createdAt: true },
    }),
    prisma.reviewDecision.findMany({
      where: { attemptId: { in: ids } },
      select: { attemptId: true, itemId: true, reviewerId: true, points: true, comment: true, createdAt: true },
    }),
  ]);
  const key = (attemptId: string, itemId: string) => `${attemptId}\u0000${itemId}`;
  const suggestionOf = new Map(suggestions.map((s) => [key(s.attemptId, s.itemId), s]));
  const decisionOf = new Map(decisions.map((d) => [key(d.attemptId, d.itemId), d]));

  const queue = [];
  for (const { id } of attempts) {
    const { attempt, exam, language, reviewItems } = await loadReviewItems(id);
    const shown = readerLanguage ?? language;
    queue.push({
      attemptId: attempt.id,
      learnerId: attempt.userId,
      courseId: attempt.courseId,
      examSlug: attempt.examSlug,
      examTitle: pickText(exam.title, shown),
      number: attempt.number,
      language,
      shownLanguage: shown,
      submittedAt: attempt.submittedAt,
      items: reviewItems.map((item) => {
        const suggestion = suggestionOf.get(key(id, item.itemId));
        const decision = decisionOf.get(key(id, item.itemId));
        return {
          itemId: item.itemId,
          maxPoints: item.maxPoints,
          prompt: item.open ? pickText(item.open.prompt, shown) : "",
          rubric: (item.open?.rubric ?? []).map((criterion) => ({
            id: criterion.id,
            description: pickText(criterion.description, shown),
            points: criterion.points,
          })),
          answer: item.answer,
          suggestion: suggestion
            ? {
                source: suggestion.source === "ai" ? ("ai" as const) : ("local" as const),
                model: suggestion.model,
                points: suggestion.points,
                maxPoints: suggestion.maxPoints,
                // On the item's scale, in case the rubric's total differs from the item's points.
                suggestedPoints:
                  suggestion.maxPoints > 0 ? roundPoints((suggestion.points / suggestion.maxPoints) * item.maxPoints) : 0,
                criteria: parseCriteria(suggestion.criteria),
                justification: suggestion.justification,
                createdAt: suggestion.createdAt,
              }
            : null,
          decision: decision
            ? { reviewerId: decision.reviewerId, points: decision.points, comment: decision.comment, createdAt: decision.createdAt }
            : null,
        };
      }),
    });
  }
  return queue;
}

// ---------------------------------------------------------------------------------------------------------------
// Decisions

/**
 * Records a reviewer's score for one item of an attempt awaiting review (0..the item's maximum; one decision per
 * item, never overwritten). When every item needing review has a decision, grades the attempt with those scores
 * in the same transaction (state GRADED, "graded" event), then records the certification on a pass.
 * Refuses anyone who may not review, an attempt outside the reviewer's scope (see reviewScope), the reviewer's own
 * attempt and any attempt not awaiting review.
 */
export async function decideReview({
  attemptId,
  itemId,
  reviewer,
  points,
  comment,
  now = new Date(),
}: {
  attemptId: string;
  itemId: string;
  reviewer: Reviewer;
  points: number;
  comment?: string | null;
  now?: Date;
}) {
  if (!canReview(reviewer)) throw new ReviewError("forbidden", 403);
  const reviewerId = reviewer.id;
  const note = comment?.trim() ? comment.trim() : null;
  if (note && note.length > MAX_COMMENT_CHARS) throw new ReviewError("comment_too_long", 400);
  const scope = await reviewScope(reviewer);
  if (scope !== "all") {
    // 404 rather than 403, and before anything about the attempt is read: a reviewer probing attempt ids outside
    // their cohorts learns nothing, not even that the attempt exists or is awaiting review.
    const visible = await prisma.examAttempt.findFirst({ where: { id: attemptId, ...attemptsInScope(scope) }, select: { id: true } });
    if (!visible) throw new ReviewError("attempt_not_found", 404);
  }
  const { attempt, exam, items, responses, language, reviewItems } = await loadReviewItems(attemptId);
  if (attempt.state !== "AWAITING_REVIEW") throw new ReviewError("not_awaiting_review", 409);
  if (attempt.userId === reviewerId) throw new ReviewError("forbidden", 403);
  const item = reviewItems.find((candidate) => candidate.itemId === itemId);
  if (!item) throw new ReviewError("not_reviewable", 400);
  if (!Number.isFinite(points) || points < 0 || points > item.maxPoints) throw new ReviewError("points_out_of_range", 400);
  const score = roundPoints(points);

  let outcome;
  try {
    // Only `tx` inside (see docs/decisions/003-embedded-pglite-default.md); the row lock serialises decisions on one
    // attempt, so the last one sees every other and exactly one of them grades the attempt.
    outcome = await prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<Array<{ state: string }>>`
        SELECT "state"::text AS "state" FROM "ExamAttempt" WHERE "id" = ${attemptId} FOR UPDATE`;
      if (locked[0]?.state !== "AWAITING_REVIEW") throw new ReviewError("not_awaiting_review", 409);
      const previous = await tx.reviewDecision.findUnique({ where: { attemptId_itemId: { attemptId, itemId } }, select: { id: true } });
      if (previous) throw new ReviewError("already_decided", 409);
      await tx.reviewDecision.create({ data: { attemptId, itemId, reviewerId, points: score, comment: note, createdAt: now }, select: { id: true } });

      const decisions = await tx.reviewDecision.findMany({ where: { attemptId }, select: { itemId: true, points: true, reviewerId: true } });
      const decided = new Set(decisions.map((d) => d.itemId));
      if (!reviewItems.every((candidate) => decided.has(candidate.itemId))) return { isComplete: false as const };

      const reviewedPoints = Object.fromEntries(decisions.map((d) => [d.itemId, d.points]));
      const result = gradeAttempt({ items, pools: exam.pools, responses, language, passMarkPercent: exam.passMarkPercent, reviewedPoints });
      if (result.isPassed === null) return { isComplete: false as const };
      const reviewedBy = [...new Set(decisions.map((d) => d.reviewerId))];
      await tx.examAttempt.update({
        where: { id: attemptId },
        data: {
          state: "GRADED",
          points: result.points,
          maxPoints: result.maxPoints,
          percent: result.percent,
          isPassed: result.isPassed,
          grades: { items: result.grades, perSkill: result.perSkill },
          gradedAt: now,
        },
        select: { id: true },
      });
      await tx.attemptEvent.create({
        data: {
          attemptId,
          type: "graded",
          actorId: reviewerId,
          at: now,
          data: { reviewedBy, percent: result.percent, isPassed: result.isPassed, state: "GRADED" },
        },
        select: { id: true },
      });
      return { isComplete: true as const, isPassed: result.isPassed, percent: result.percent };
    });
  } catch (error) {
    // Two reviewers deciding the same item at once: the unique (attemptId, itemId) refuses the second.
    if (isUniqueViolation(error)) throw new ReviewError("already_decided", 409);
    throw error;
  }

  // After the commit (recordCertification uses the shared client) and idempotent, like the grading on submit.
  if (outcome.isComplete && outcome.isPassed) {
    await recordCertification({ attemptId, userId: attempt.userId, courseId: attempt.courseId, examSlug: attempt.examSlug, now });
  }
  if (outcome.isComplete) await notifyGraded({ attemptId, userId: attempt.userId, courseId: attempt.courseId, isPassed: outcome.isPassed });
  return outcome.isComplete
    ? { attemptId, itemId, state: "GRADED" as const, isPassed: outcome.isPassed, percent: outcome.percent }
    : { attemptId, itemId, state: "AWAITING_REVIEW" as const, isPassed: null, percent: null };
}

/** Tells the learner their open answers were graded and the attempt has its final result. */
async function notifyGraded({ attemptId, userId, courseId, isPassed }: { attemptId: string; userId: string; courseId: string; isPassed: boolean }) {
  const [user, course] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { name: true, email: true, locale: true } }),
    prisma.course.findUnique({ where: { id: courseId }, select: { title: true } }),
  ]);
  if (!user) return;
  const t = await getFixedT(user.locale);
  const exam = localized(course?.title, user.locale) || courseId;
  const href = `/exams/${attemptId}/result`;
  await notify({
    userId,
    kind: "open_answer_graded",
    values: { exam },
    href,
    email: {
      to: user.email,
      subject: t("email.answerGraded.subject", { exam }),
      text: t(isPassed ? "email.answerGraded.passed" : "email.answerGraded.failed", { name: user.name, exam, link: `${appOrigin()}${href}` }),
    },
  });
}
