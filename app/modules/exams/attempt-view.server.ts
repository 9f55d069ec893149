import { data } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/localize";
import { sweepOverdueAttempts } from "./attempts.server";
import { contentLanguageOf, parseStoredExam, storedDisplayOrders, type StoredExam } from "./definition";
import { isRecord, parseItem, pickText } from "./items";
import { publicItemView, type PublicItemView } from "./view";

async function loadAttempt({ attemptId, userId }: { attemptId: string; userId: string }) {
  const attempt = await prisma.examAttempt.findFirst({
    where: { id: attemptId, userId },
    select: {
      id: true,
      number: true,
      state: true,
      language: true,
      itemIds: true,
      displayOrders: true,
      startedAt: true,
      deadlineAt: true,
      submittedAt: true,
      finishedBy: true,
      courseId: true,
      percent: true,
      points: true,
      maxPoints: true,
      isPassed: true,
      grades: true,
      examVersionId: true,
      responses: { select: { itemId: true, response: true, savedAt: true } },
    },
  });
  if (!attempt) throw data({ error: "not_found" }, { status: 404 });
  const exam = await getStoredExam(attempt.examVersionId);
  if (!exam) throw data({ error: "not_found" }, { status: 404 });
  return { attempt, exam };
}

// An exam version never changes once written (an edit creates a new version), so its parsed definition is kept
// in memory instead of being read and parsed on every autosave.
const examCache = new Map<string, StoredExam>();
async function getStoredExam(examVersionId: string): Promise<StoredExam | null> {
  const cached = examCache.get(examVersionId);
  if (cached) return cached;
  const version = await prisma.examVersion.findUnique({ where: { id: examVersionId }, select: { definition: true } });
  const exam = version ? parseStoredExam(version.definition) : null;
  if (exam) examCache.set(examVersionId, exam);
  return exam;
}

/**
 * What the exam page needs, and nothing more: each drawn item as its public view (no answer keys, no
 * explanations, display keys only), the learner's saved answers, and the server's deadline.
 */
export async function getAttemptForTaking({ attemptId, userId, now = new Date() }: { attemptId: string; userId: string; now?: Date }) {
  await sweepOverdueAttempts({ userId, now });
  const { attempt, exam } = await loadAttempt({ attemptId, userId });
  const language = contentLanguageOf(attempt.language);
  const orders = storedDisplayOrders(attempt.displayOrders);
  const byId = new Map(exam.items.map((item) => [item.id, item]));
  const items = attempt.itemIds.flatMap((id): PublicItemView[] => {
    const item = byId.get(id);
    const view = item ? publicItemView({ item, language, order: orders[id] ?? null }) : null;
    return view ? [view] : [];
  });
  const saved = Object.fromEntries(attempt.responses.map((r) => [r.itemId, r.response]));
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
  await sweepOverdueAttempts({ userId });
  const { attempt, exam } = await loadAttempt({ attemptId, userId });
  const shown = contentLanguageOf(language);
  const grades = isRecord(attempt.grades) ? attempt.grades : {};
  const perSkillRaw = Array.isArray(grades.perSkill) ? grades.perSkill : [];
  const itemGrades = Array.isArray(grades.items) ? grades.items : [];
  const skillIds = perSkillRaw.flatMap((s) => (isRecord(s) && typeof s.skill === "string" ? [s.skill] : []));
  const skills = await prisma.skill.findMany({ where: { id: { in: skillIds } }, select: { id: true, label: true } });
  const label = new Map(skills.map((s) => [s.id, localized(s.label, shown)]));
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
        ? [{ skill: label.get(s.skill) ?? s.skill, points: s.points, maxPoints: s.maxPoints }]
        : [],
    ),
    items: showItems
      ? itemGrades.flatMap((g) => {
          if (!isRecord(g) || typeof g.itemId !== "string") return [];
          const item = byId.get(g.itemId);
          const parsed = item ? parseItem(item) : null;
          if (!item || !parsed) return [];
          const explanation = isRecord(item.explanation) ? pickText(item.explanation, shown) : "";
          return [
            {
              id: g.itemId,
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
