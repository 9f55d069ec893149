// The /study page's loader and action (the route stays thin): ask the tutor without JavaScript (the page streams
// through the API when it can), consent, flags and conversation deletion.
import { data, redirect } from "@remix-run/node";
import { getEnv } from "~/lib/env.server";
import { getFixedT } from "~/lib/i18n.server";
import type { CurrentUser } from "~/modules/accounts/index.server";
import { aiConsentStatus, giveAiConsent, withdrawAiConsent } from "~/modules/accounts/index.server";
import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/index.server";
import type { ContentLanguage } from "~/modules/catalog/index.server";
import { hasExamInProgress } from "~/modules/exams/index.server";
import { deleteAllConversations, deleteConversation, flagAnswer, listConversations } from "./conversations.server";
import { StudyError } from "./errors";
import { dueReviewCount } from "./review.server";
import { askTutor, MAX_QUESTION_CHARS, type Citation } from "./tutor.server";

const ID = /^[A-Za-z0-9_-]{1,100}$/;
const optionalId = (value: FormDataEntryValue | null) => (typeof value === "string" && ID.test(value) ? value : undefined);

/** The lesson (or course) a question is asked from, titled in the reader's language (else the lesson's first). */
async function scopeOf(courseId: string | undefined, lessonId: string | undefined, language: string) {
  if (!courseId) return null;
  const course = await prisma.course.findFirst({ where: { id: courseId, archivedAt: null }, select: { id: true, title: true } });
  if (!course) return null;
  const translations = lessonId
    ? await prisma.lessonTranslation.findMany({ where: { lesson: { courseId, slug: lessonId, archivedAt: null } }, select: { title: true, language: true } })
    : [];
  const lesson = translations.find((t) => t.language === language) ?? translations[0];
  return { courseId: course.id, courseTitle: localized(course.title, language), lessonId: lesson ? lessonId : undefined, lessonTitle: lesson?.title ?? null };
}

export async function loadStudyPage({ user, language, url }: { user: CurrentUser; language: ContentLanguage; url: URL }) {
  const conversationId = optionalId(url.searchParams.get("c"));
  const [examLocked, consent, conversations, due, scope] = await Promise.all([
    hasExamInProgress(user.id),
    aiConsentStatus(user.id),
    listConversations(user.id),
    dueReviewCount(user.id),
    scopeOf(optionalId(url.searchParams.get("courseId")), optionalId(url.searchParams.get("lessonId")), language),
  ]);
  const current = conversations.find((c) => c.id === conversationId) ?? null;
  return {
    examLocked,
    consent: { required: consent.required, given: consent.given, acceptedAt: consent.acceptedAt?.toISOString() ?? null },
    modelConfigured: Boolean(getEnv().OPENAI_API_KEY),
    maxQuestion: MAX_QUESTION_CHARS,
    retentionDays: getEnv().STUDY_RETENTION_DAYS,
    dueCount: due,
    scope,
    current: current && {
      id: current.id,
      messages: current.messages.map((m) => ({ id: m.id, role: m.role, text: m.text, mode: m.mode, citations: (m.citations ?? []) as Citation[], createdAt: m.createdAt.toISOString() })),
    },
    history: conversations.map((c) => ({ id: c.id, updatedAt: c.updatedAt.toISOString(), first: c.messages.find((m) => m.role === "learner")?.text ?? "", count: c.messages.length })),
  };
}

export async function studyPageAction({ user, language, formData }: { user: CurrentUser; language: ContentLanguage; formData: FormData }) {
  const t = await getFixedT(language);
  const intent = formData.get("intent");
  try {
    switch (intent) {
      case "ask": {
        const answer = await askTutor({
          userId: user.id,
          question: String(formData.get("question") ?? ""),
          language,
          courseId: optionalId(formData.get("courseId")),
          lessonId: optionalId(formData.get("lessonId")),
          conversationId: optionalId(formData.get("conversationId")),
        });
        return redirect(`/study?c=${answer.conversationId}#m-${answer.messageId}`);
      }
      case "consent":
        await giveAiConsent({ userId: user.id, locale: language });
        return redirect("/study");
      case "withdraw":
        await withdrawAiConsent({ userId: user.id });
        return redirect("/study");
      case "flag": {
        const messageId = optionalId(formData.get("messageId"));
        if (!messageId) throw new StudyError("not_found");
        await flagAnswer({ userId: user.id, messageId, reason: String(formData.get("reason") ?? "") });
        return data({ ok: "flagged" as const, messageId, error: null, message: t("study.flag.done") });
      }
      case "delete": {
        const conversationId = optionalId(formData.get("conversationId"));
        if (!conversationId) throw new StudyError("not_found");
        await deleteConversation({ userId: user.id, conversationId });
        return redirect("/study?deleted=1#history");
      }
      case "delete-all":
        await deleteAllConversations(user.id);
        return redirect("/study?deleted=1#history");
      default:
        return data({ ok: null, messageId: null, error: "bad_intent", message: t("errors.badRequest.body") }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof StudyError) return data({ ok: null, messageId: null, error: error.code, message: t(`study.errors.${error.code}`) }, { status: error.status });
    throw error;
  }
}
