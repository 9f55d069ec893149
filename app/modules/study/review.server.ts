// Spaced practice: the practice questions of the lessons a learner has completed come back for review on a
// schedule set by FSRS (ts-fsrs, a maintained implementation of the Free Spaced Repetition Scheduler). A right
// answer is rated Good, a wrong one Again, so mistakes come back sooner (minutes, then days). Practice questions are
// a bank apart from the exams' and never count toward certification.
import { createEmptyCard, fsrs, generatorParameters, Rating, TypeConvert, type Card } from "ts-fsrs";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { localized } from "~/modules/catalog/index.server";
import type { PracticeQuestionDef } from "~/modules/catalog/index.server";
import { hasExamInProgress } from "~/modules/exams/index.server";
import { StudyError } from "./errors";

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true }));

/**
 * Creates the cards of newly completed lessons' questions (due at once). Idempotent, one statement; called before
 * the due count and the next card are read.
 */
export async function ensureReviewCards(userId: string, now = new Date()) {
  const card = JSON.stringify(createEmptyCard(now));
  await sql(
    `INSERT INTO "ReviewCard" ("userId", "questionId", "courseId", "due", "card")
     SELECT $1, q."id", q."courseId", $2::timestamp, $3::jsonb
     FROM "PracticeItem" q
     JOIN "Lesson" l ON l."courseId" = q."courseId" AND l."slug" = q."lessonSlug" AND l."archivedAt" IS NULL
     JOIN "LessonProgress" p ON p."lessonId" = l."id" AND p."userId" = $1 AND p."completedAt" IS NOT NULL
     WHERE q."kind" = 'question' AND q."archivedAt" IS NULL
     ON CONFLICT DO NOTHING`,
    [userId, now.toISOString(), card],
  );
}

/** How many questions are due for review now ("review today" on the dashboard). */
export async function dueReviewCount(userId: string, now = new Date()) {
  await ensureReviewCards(userId, now);
  return countDue(userId, now);
}

async function countDue(userId: string, now: Date) {
  const [row] = await sql<{ count: number }>(
    `SELECT count(*)::int AS "count" FROM "ReviewCard" c JOIN "PracticeItem" q ON q."id" = c."questionId" AND q."archivedAt" IS NULL
     WHERE c."userId" = $1 AND c."due" <= $2::timestamp`,
    [userId, now.toISOString()],
  );
  return row?.count ?? 0;
}

export type ReviewQuestion = {
  id: string;
  courseId: string;
  lesson: string;
  type: PracticeQuestionDef["type"];
  prompt: string;
  options: Array<{ id: string; text: string }>;
};

function questionView(question: PracticeQuestionDef, language: string): ReviewQuestion {
  return {
    id: question.id,
    courseId: question.courseId,
    lesson: question.lesson,
    type: question.type,
    prompt: localized(question.prompt, language),
    options: question.options.map((o) => ({ id: o.id, text: localized(o.text, language) })),
  };
}

/** The next question due (the longest overdue first), or null when nothing is due. */
export async function nextReview({ userId, language, now = new Date() }: { userId: string; language: string; now?: Date }) {
  if (await hasExamInProgress(userId)) throw new StudyError("exam_in_progress");
  await ensureReviewCards(userId, now);
  return readNext(userId, language, now);
}

/** The review page: the next question and how many are due, after one exam check and one card refresh. */
export async function reviewPage({ userId, language, now = new Date() }: { userId: string; language: string; now?: Date }) {
  if (await hasExamInProgress(userId)) return { examLocked: true, question: null, due: 0 };
  await ensureReviewCards(userId, now);
  const [question, due] = await Promise.all([readNext(userId, language, now), countDue(userId, now)]);
  return { examLocked: false, question, due };
}

async function readNext(userId: string, language: string, now: Date): Promise<ReviewQuestion | null> {
  const card = await prisma.reviewCard.findFirst({
    where: { userId, due: { lte: now } },
    orderBy: [{ due: "asc" }, { questionId: "asc" }],
    select: { questionId: true },
  });
  if (!card) return null;
  const item = await prisma.practiceItem.findFirst({ where: { id: card.questionId, archivedAt: null }, select: { definition: true } });
  if (!item) {
    await prisma.reviewCard.delete({ where: { userId_questionId: { userId, questionId: card.questionId } } });
    return readNext(userId, language, now);
  }
  return questionView(item.definition as unknown as PracticeQuestionDef, language);
}

/** Grades one answer, reschedules the card and returns the explanation (with the right option named). */
export async function answerReview({ userId, questionId, choice, language, now = new Date() }: { userId: string; questionId: string; choice: string; language: string; now?: Date }) {
  if (await hasExamInProgress(userId)) throw new StudyError("exam_in_progress");
  const stored = await prisma.reviewCard.findUnique({ where: { userId_questionId: { userId, questionId } } });
  const item = await prisma.practiceItem.findFirst({ where: { id: questionId, kind: "question", archivedAt: null }, select: { definition: true } });
  if (!stored || !item) throw new StudyError("not_found");
  const question = item.definition as unknown as PracticeQuestionDef;
  const valid = question.type === "true_false" ? choice === "true" || choice === "false" : question.options.some((o) => o.id === choice);
  if (!valid) throw new StudyError("invalid_answer");
  const correct = question.type === "true_false" ? (choice === "true") === question.answer : question.options.find((o) => o.id === choice)?.correct === true;
  const next = scheduler.next(TypeConvert.card(stored.card as unknown as Card), now, correct ? Rating.Good : Rating.Again);
  await prisma.reviewCard.update({
    where: { userId_questionId: { userId, questionId } },
    data: { card: JSON.parse(JSON.stringify(next.card)), due: next.card.due, reviews: { increment: 1 }, lapses: correct ? undefined : { increment: 1 }, lastReview: now },
  });
  const right = question.type === "true_false" ? null : question.options.find((o) => o.correct);
  return {
    correct,
    explanation: localized(question.explanation, language),
    rightAnswer: question.type === "true_false" ? String(question.answer) : right ? localized(right.text, language) : "",
    nextDue: next.card.due,
    question: questionView(question, language),
  };
}
