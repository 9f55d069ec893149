import type { ExamAttempt } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { localized, skillLabelMap } from "~/modules/catalog/index.server";
import { AttemptError, DEADLINE_GRACE_MS, sweepOverdueAttempts } from "./attempts.server";
import type { ContentLanguage } from "~/modules/catalog/index.server";
import { contentLanguageOf, storedDisplayOrders, type StoredExam } from "./definition";
import { getStoredExam } from "./exam-versions.server";
import { isRecord, parseItem, pickText } from "./items";
import { itemIdOfKey, itemKey, itemKeyOf, publicItemView, type PublicItemView } from "./view";

// Typed from the Prisma schema (a renamed column or enum value fails tsc); `responses` is built as JSON in the query.
type AttemptRow = Pick<
  ExamAttempt,
  | "id"
  | "userId"
  | "number"
  | "state"
  | "language"
  | "itemIds"
  | "displayOrders"
  | "startedAt"
  | "deadlineAt"
  | "submittedAt"
  | "finishedBy"
  | "courseId"
  | "percent"
  | "points"
  | "maxPoints"
  | "isPassed"
  | "grades"
  | "examVersionId"
> & { responses: Array<{ itemId: string; response: unknown }> };

// The exam page and its autosaves are the hottest reads: one plain-SQL round trip (app/lib/sql.server.ts).
const ATTEMPT_SQL = `
  SELECT a."id", a."userId", a."number", a."state", a."language", a."itemIds", a."displayOrders", a."startedAt",
         a."deadlineAt", a."submittedAt", a."finishedBy", a."courseId", a."percent", a."points", a."maxPoints", a."isPassed",
         a."grades", a."examVersionId",
         COALESCE((SELECT json_agg(json_build_object('itemId', r."itemId", 'response', r."response"))
                   FROM "AttemptResponse" r WHERE r."attemptId" = a."id"), '[]'::json) AS "responses"
  FROM "ExamAttempt" a WHERE a."id" = $1 AND a."userId" = $2`;

/**
 * The learner's own attempt (404 for anyone else's). An attempt found past its deadline is closed first (submitted
 * and graded), so a learner coming back late sees the result, never a page that still accepts answers.
 */
async function loadAttempt({ attemptId, userId, now = new Date() }: { attemptId: string; userId: string; now?: Date }) {
  let [attempt] = await sql<AttemptRow>(ATTEMPT_SQL, [attemptId, userId]);
  if (attempt && (attempt.state === "SUBMITTED" || (attempt.state === "IN_PROGRESS" && now.getTime() > attempt.deadlineAt.getTime() + DEADLINE_GRACE_MS))) {
    await sweepOverdueAttempts({ userId, now });
    [attempt] = await sql<AttemptRow>(ATTEMPT_SQL, [attemptId, userId]);
  }
  if (!attempt) throw new AttemptError("attempt_not_found", 404);
  const exam = await getStoredExam(attempt.examVersionId);
  if (!exam) throw new AttemptError("exam_not_found", 404);
  return { attempt, exam };
}

/**
 * What the exam page needs, and nothing more: each drawn item as its public view (no answer keys, no
 * explanations, display keys only), the learner's saved answers, and the server's deadline.
 */
export async function getAttemptForTaking({ attemptId, userId, now = new Date() }: { attemptId: string; userId: string; now?: Date }) {
  const { attempt, exam } = await loadAttempt({ attemptId, userId, now });
  const language = contentLanguageOf(attempt.language);
  const items = publicViewsOf({ exam, language, displayOrders: attempt.displayOrders, itemIds: attempt.itemIds });
  const saved = Object.fromEntries(
    attempt.responses.flatMap((r) => {
      const key = itemKeyOf(attempt.itemIds, r.itemId);
      return key ? [[key, r.response]] : [];
    }),
  );
  return {
    id: attempt.id,
    number: attempt.number,
    state: attempt.state,
    courseId: attempt.courseId,
    language,
    title: localized(exam.title, language),
    deadlineAt: attempt.deadlineAt.toISOString(),
    secondsLeft: Math.max(0, Math.floor((attempt.deadlineAt.getTime() - now.getTime()) / 1000)),
    items,
    saved,
  };
}

/** The result page: score, pass/fail, per-skill breakdown and, as the exam's feedback policy allows, per item. */
export async function getAttemptResult({ attemptId, userId, language }: { attemptId: string; userId: string; language: string }) {
  const { attempt, exam } = await loadAttempt({ attemptId, userId });
  const shown = contentLanguageOf(language);
  const grades = isRecord(attempt.grades) ? attempt.grades : {};
  const perSkillRaw = Array.isArray(grades.perSkill) ? grades.perSkill : [];
  const itemGrades = Array.isArray(grades.items) ? grades.items : [];
  const skillIds = perSkillRaw.flatMap((s) => (isRecord(s) && typeof s.skill === "string" ? [s.skill] : []));
  const labels = await skillLabelMap({ skillIds, language: shown });
  const isFinal = attempt.state === "GRADED";
  const showItems = exam.feedback === "after_submit" ? attempt.state !== "IN_PROGRESS" : exam.feedback === "after_review" ? isFinal : false;
  const byId = new Map(exam.items.map((item) => [item.id, item]));
  return {
    id: attempt.id,
    number: attempt.number,
    courseId: attempt.courseId,
    state: attempt.state,
    title: localized(exam.title, shown),
    finishedBy: attempt.finishedBy,
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    percent: attempt.percent,
    points: attempt.points,
    maxPoints: attempt.maxPoints,
    isPassed: attempt.isPassed,
    passMarkPercent: exam.passMarkPercent,
    perSkill: perSkillRaw.flatMap((s) =>
      isRecord(s) && typeof s.skill === "string" && typeof s.points === "number" && typeof s.maxPoints === "number"
        ? [{ skill: labels[s.skill] ?? s.skill, points: s.points, maxPoints: s.maxPoints }]
        : [],
    ),
    items: showItems
      ? itemGrades.flatMap((g) => {
          if (!isRecord(g) || typeof g.itemId !== "string") return [];
          const item = byId.get(g.itemId);
          const parsed = item ? parseItem(item) : null;
          if (!item || !parsed) return [];
          const explanation = isRecord(item.explanation) ? pickText(item.explanation, shown) : "";
          const key = itemKeyOf(attempt.itemIds, g.itemId);
          if (!key) return [];
          return [
            {
              id: key,
              prompt: pickText(parsed.prompt, shown),
              status: typeof g.status === "string" ? g.status : "unanswered",
              points: typeof g.points === "number" ? g.points : 0,
              maxPoints: typeof g.maxPoints === "number" ? g.maxPoints : 0,
              explanation,
            },
          ];
        })
      : [],
  };
}

// What a posted answer needs to be read (the attempt's draw, display orders and language) never changes after the
// start, so it is kept in memory, keyed by attempt. It only tells how to read the form: whether the poster may
// save to the attempt is checked by the save itself. Bounded: cleared when it grows large.
type AttemptDraw = Pick<ExamAttempt, "userId" | "examVersionId" | "language" | "itemIds" | "displayOrders">;
const draws = new Map<string, AttemptDraw>();
const MAX_CACHED_DRAWS = 20_000;

/** What a posted form is read with: the public views of the posted items, and each public key's item id. */
export type AttemptFormItems = { views: PublicItemView[]; itemIdOf: ReadonlyMap<string, string> };

/**
 * The public views of an attempt's items, to read a posted form with (no state check: saving checks owner, state and
 * deadline itself); `keys` narrows them to the posted items' public keys. With `userId`, AttemptError 404 unless the
 * attempt is that learner's.
 */
export async function getAttemptFormItems({ attemptId, userId, keys }: { attemptId: string; userId?: string; keys?: readonly string[] }): Promise<AttemptFormItems> {
  let draw = draws.get(attemptId);
  if (!draw) {
    const [row] = await sql<AttemptDraw>(
      `SELECT "userId", "examVersionId", "language", "itemIds", "displayOrders" FROM "ExamAttempt" WHERE "id" = $1`,
      [attemptId],
    );
    if (!row) throw new AttemptError("attempt_not_found", 404);
    if (draws.size >= MAX_CACHED_DRAWS) draws.clear();
    draws.set(attemptId, row);
    draw = row;
  }
  if (userId !== undefined && draw.userId !== userId) throw new AttemptError("attempt_not_found", 404);
  const exam = await getStoredExam(draw.examVersionId);
  if (!exam) throw new AttemptError("exam_not_found", 404);
  const { itemIds } = draw;
  // Only the posted items are rendered as views (an autosave posts one).
  const only = keys ? new Set(keys.flatMap((key) => (itemIdOfKey(itemIds, key) ? [key] : []))) : undefined;
  const views = publicViewsOf({ exam, language: contentLanguageOf(draw.language), displayOrders: draw.displayOrders, itemIds, only });
  const itemIdOf = new Map<string, string>();
  for (const view of views) {
    const id = itemIdOfKey(itemIds, view.id);
    if (id) itemIdOf.set(view.id, id);
  }
  return { views, itemIdOf };
}

/** Responses keyed by public item keys (readAnswerForm) re-keyed by item id, for saving. */
export function byItemId(responses: Record<string, unknown>, itemIdOf: ReadonlyMap<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(responses).flatMap(([key, response]) => {
      const id = itemIdOf.get(key);
      return id ? [[id, response]] : [];
    }),
  );
}

/**
 * The public views (no keys) of an attempt's drawn items, in its stored display orders. Each is named by its public
 * key (itemKeyOf), never by the item id of the bank.
 */
function publicViewsOf({
  exam,
  language,
  displayOrders,
  itemIds,
  only,
}: {
  exam: StoredExam;
  language: ContentLanguage;
  displayOrders: unknown;
  itemIds: readonly string[];
  /** Public keys to render; all when absent. */
  only?: ReadonlySet<string>;
}) {
  const orders = storedDisplayOrders(displayOrders);
  const byId = new Map(exam.items.map((item) => [item.id, item]));
  return itemIds.flatMap((id, index): PublicItemView[] => {
    if (only && !only.has(itemKey(index))) return [];
    const item = byId.get(id);
    const view = item ? publicItemView({ item, language, order: orders[id] ?? null }) : null;
    return view ? [{ ...view, id: itemKey(index) }] : [];
  });
}

/**
 * A whole exam bank as an attempt shows it, for staff reviewing it (GET /courses/:courseId/exam/preview?lng=): every
 * item of the current version, in bank order grouped by pool, through the same public view as an attempt (same
 * keys q1…qN, options in the order a draw without shuffle-away would show), in `language`. 404 without an exam.
 */
export async function getExamPreview({ courseId, language }: { courseId: string; language: ContentLanguage }) {
  const version = await prisma.examVersion.findFirst({
    where: { courseId, archivedAt: null, course: { archivedAt: null } },
    orderBy: { version: "desc" },
    select: { id: true, version: true, examSlug: true },
  });
  const exam = version ? await getStoredExam(version.id) : null;
  if (!version || !exam) throw new AttemptError("exam_not_found", 404);
  const itemIds = exam.pools.flatMap((pool) => exam.items.filter((item) => item.pool === pool.id).map((item) => item.id));
  const views = publicViewsOf({ exam, language, displayOrders: null, itemIds });
  const poolOf = new Map(exam.items.map((item) => [item.id, item.pool]));
  return {
    courseId,
    language,
    version: version.version,
    title: localized(exam.title, language),
    pools: exam.pools.map((pool) => ({
      id: pool.id,
      title: localized(pool.title, language),
      draw: pool.draw,
      items: itemIds.flatMap((id, index) => {
        const view = views.find((v) => v.id === itemKey(index));
        return poolOf.get(id) === pool.id && view ? [{ bankId: id, index, view }] : [];
      }),
    })),
  };
}
