// Loaders and actions of the practice lab and review pages (routes stay thin).
import { data, redirect } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { orErrorPage } from "~/lib/errors.server";
import { getFixedT } from "~/lib/i18n.server";
import type { CurrentUser } from "~/modules/accounts/index.server";
import { localized } from "~/modules/catalog/index.server";
import type { ContentLanguage } from "~/modules/catalog/index.server";
import { hasExamInProgress } from "~/modules/exams/index.server";
import { StudyError } from "./errors";
import type { Marks } from "./practice-feedback";
import { checkPracticeTask, getPracticeTask, listPracticeTasks, savePracticeDraft, taskSolution, taskView, type StoredFeedback } from "./practice.server";
import { answerReview, reviewPage } from "./review.server";

async function titles(language: string) {
  const [courses, lessons] = await Promise.all([
    prisma.course.findMany({ where: { archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, title: true, tier: true } }),
    prisma.lessonTranslation.findMany({ where: { lesson: { archivedAt: null } }, select: { title: true, language: true, lesson: { select: { slug: true, courseId: true, position: true } } } }),
  ]);
  const lessonTitle = new Map<string, { title: string; position: number }>();
  for (const l of lessons) {
    const key = `${l.lesson.courseId}/${l.lesson.slug}`;
    if (l.language === language || !lessonTitle.has(key)) lessonTitle.set(key, { title: l.title, position: l.lesson.position });
  }
  return { courses: courses.map((c) => ({ id: c.id, tier: c.tier, title: localized(c.title, language) })), lessonTitle };
}

export async function loadPracticeList({ user, language }: { user: CurrentUser; language: ContentLanguage }) {
  const [tasks, names, examLocked] = await Promise.all([listPracticeTasks({ userId: user.id }), titles(language), hasExamInProgress(user.id)]);
  const courses = names.courses
    .map((course) => ({
      ...course,
      tasks: tasks
        .filter((t) => t.task.courseId === course.id)
        .map((t) => ({ id: t.task.id, kind: t.task.kind, status: t.status, title: localized(t.task.title, language), lesson: names.lessonTitle.get(`${course.id}/${t.task.lesson}`) }))
        .sort((a, b) => (a.lesson?.position ?? 0) - (b.lesson?.position ?? 0)),
    }))
    .filter((course) => course.tasks.length > 0);
  return { courses, examLocked };
}

type MarksForm = Marks;

/** check_answer marks from the form: `wrong:<sentence id>` checkboxes and `why:<sentence id>` texts. */
function marksFrom(formData: FormData): MarksForm {
  const marks: MarksForm = {};
  for (const [key, value] of formData.entries()) {
    const match = /^(wrong|why):(.{1,40})$/.exec(key);
    if (!match?.[2]) continue;
    const id = match[2];
    marks[id] ??= { wrong: false, why: "" };
    if (match[1] === "wrong") marks[id].wrong = value === "on";
    else marks[id].why = typeof value === "string" ? value : "";
  }
  return marks;
}

export async function loadPracticeTask({ user, language, taskId }: { user: CurrentUser; language: ContentLanguage; taskId: string }) {
  const loaded = await orErrorPage(getPracticeTask({ userId: user.id, taskId }));
  // The task's own lesson only, in the reader's language when it has one.
  const [translations, examLocked] = await Promise.all([
    prisma.lessonTranslation.findMany({ where: { lesson: { courseId: loaded.task.courseId, slug: loaded.task.lesson } }, select: { title: true, language: true } }),
    hasExamInProgress(user.id),
  ]);
  const lesson = translations.find((t) => t.language === language) ?? translations[0];
  return {
    task: taskView(loaded.task, language),
    lessonTitle: lesson?.title ?? loaded.task.lesson,
    answer: loaded.answer,
    feedback: loaded.feedback,
    output: loaded.output,
    solution: loaded.feedback ? taskSolution(loaded.task, language) : null,
    examLocked,
  };
}

export async function practiceTaskAction({ user, language, taskId, formData }: { user: CurrentUser; language: ContentLanguage; taskId: string; formData: FormData }) {
  const t = await getFixedT(language);
  const form = { text: formData.get("text") ?? undefined, marks: formData.has("kind-check") ? marksFrom(formData) : undefined };
  try {
    if (formData.get("intent") === "check") {
      await checkPracticeTask({ userId: user.id, taskId, language, form });
      return redirect(`/study/practice/${taskId}#feedback`);
    }
    await savePracticeDraft({ userId: user.id, taskId, language, form });
    return data({ saved: true, error: null, message: t("practice.saved") });
  } catch (error) {
    if (error instanceof StudyError) return data({ saved: false, error: error.code, message: t(`study.errors.${error.code}`) }, { status: error.status });
    throw error;
  }
}

export type { StoredFeedback };

export function loadReview({ user, language }: { user: CurrentUser; language: ContentLanguage }) {
  return reviewPage({ userId: user.id, language });
}

export async function reviewAction({ user, language, formData }: { user: CurrentUser; language: ContentLanguage; formData: FormData }) {
  const t = await getFixedT(language);
  try {
    const result = await answerReview({ userId: user.id, questionId: String(formData.get("questionId") ?? ""), choice: String(formData.get("choice") ?? ""), language });
    return data({ error: null, message: null, result: { ...result, nextDue: result.nextDue.toISOString() } });
  } catch (error) {
    if (error instanceof StudyError) return data({ error: error.code, message: t(`study.errors.${error.code}`), result: null }, { status: error.status });
    throw error;
  }
}
