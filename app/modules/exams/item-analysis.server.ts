import { prisma } from "~/lib/db.server";
import type { ExamItemDef, Localized } from "~/modules/catalog/index.server";
import { AttemptError } from "./attempts.server";
import { parseStoredExam, storedDisplayOrders } from "./definition";
import type { ItemGrade, ItemResponse } from "./grading";
import { analyseItems, type AnalysedAttempt, type ItemAnalysisRow } from "./item-analysis";
import { isFiniteNumber, isRecord } from "./items";
import { toGradingResponse } from "./view";

// Item analysis of one exam version (item-analysis.ts has the statistics): over its GRADED attempts only (an
// attempt awaiting review has no final score yet). Who may see it (instructors) is the route's decision.

const ITEM_TYPES: ReadonlySet<string> = new Set(["single", "multiple", "true_false", "numeric", "short_text", "ordering", "matching", "open"]);
const STATUSES: ReadonlySet<string> = new Set(["correct", "partial", "incorrect", "unanswered", "needs_review"]);

function isItemGrade(value: unknown): value is ItemGrade {
  return (
    isRecord(value) &&
    typeof value.itemId === "string" &&
    typeof value.type === "string" &&
    ITEM_TYPES.has(value.type) &&
    isFiniteNumber(value.maxPoints) &&
    isFiniteNumber(value.points) &&
    typeof value.status === "string" &&
    STATUSES.has(value.status)
  );
}

/** ExamAttempt.grades is `{ items: ItemGrade[], perSkill }`; anything unreadable yields no grades. */
function storedGrades(value: unknown): ItemGrade[] {
  if (!isRecord(value) || !Array.isArray(value.items)) return [];
  return value.items.filter(isItemGrade).map((grade) => ({
    itemId: grade.itemId,
    type: grade.type,
    maxPoints: grade.maxPoints,
    points: grade.points,
    status: grade.status,
  }));
}

export type ItemAnalysis = {
  version: { id: string; courseId: string; examSlug: string; version: number; title: Localized; createdAt: Date; archivedAt: Date | null };
  /** GRADED attempts analysed. */
  attemptCount: number;
  rows: ItemAnalysisRow[];
};

/**
 * Per item statistics (facility, discrimination, option frequencies, flags) of an exam version, from its GRADED
 * attempts; stored responses (display keys) are translated to real ids with each attempt's display orders.
 * Throws AttemptError "exam_not_found" (404) for an unknown version.
 */
/** `userIds` narrows the analysis to some learners' attempts (a cohort's), e.g. for a centre comparing its groups. */
export async function getItemAnalysis({ examVersionId, userIds }: { examVersionId: string; userIds?: readonly string[] }): Promise<ItemAnalysis> {
  const version = await prisma.examVersion.findUnique({
    where: { id: examVersionId },
    select: { id: true, courseId: true, examSlug: true, version: true, definition: true, createdAt: true, archivedAt: true },
  });
  const exam = version ? parseStoredExam(version.definition) : null;
  if (!version || !exam) throw new AttemptError("exam_not_found", 404);

  const stored = await prisma.examAttempt.findMany({
    where: { examVersionId, state: "GRADED", ...(userIds ? { userId: { in: [...userIds] } } : {}) },
    orderBy: { id: "asc" },
    select: { id: true, percent: true, grades: true, displayOrders: true, responses: { select: { itemId: true, response: true } } },
  });
  const byId = new Map<string, ExamItemDef>(exam.items.map((item) => [item.id, item]));
  const attempts: AnalysedAttempt[] = stored.map((attempt) => {
    const orders = storedDisplayOrders(attempt.displayOrders);
    const responses: Record<string, ItemResponse | null> = {};
    for (const r of attempt.responses) {
      const item = byId.get(r.itemId);
      if (item) responses[r.itemId] = toGradingResponse({ item, order: orders[r.itemId] ?? null, response: r.response });
    }
    return { attemptId: attempt.id, totalPercent: attempt.percent ?? 0, grades: storedGrades(attempt.grades), responses };
  });

  return {
    version: {
      id: version.id,
      courseId: version.courseId,
      examSlug: version.examSlug,
      version: version.version,
      title: exam.title,
      createdAt: version.createdAt,
      archivedAt: version.archivedAt,
    },
    attemptCount: attempts.length,
    rows: analyseItems({ attempts, items: exam.items }),
  };
}
