import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TutorAnswer } from "~/components/study/tutor-answer";
import { TutorAsk } from "~/components/study/tutor-ask";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatDate, formatDateTime } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { loadStudyPage, studyPageAction } from "~/modules/study/page.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadStudyPage({ user, language: await getLanguage(request), url: new URL(request.url) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return studyPageAction({ user, language: await getLanguage(request), formData: await request.formData() });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "study.title");

export default function StudyPage() {
  const { t, i18n } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("study.intro")}>{t("study.title")}</PageTitle>
      <nav aria-label={t("study.title")} className="flex flex-wrap gap-2 text-sm">
        <Link to="/study/practice" className="rounded-md border border-stone-300 bg-white px-3 py-2 font-medium hover:bg-stone-100">{t("study.nav.practice")}</Link>
        <Link to="/study/review" className="rounded-md border border-stone-300 bg-white px-3 py-2 font-medium hover:bg-stone-100">
          {t("study.nav.review", { count: page.dueCount })}
        </Link>
      </nav>
      {page.examLocked ? <Alert tone="error">{t("study.examLocked")}</Alert> : null}
      {result?.error ? <Alert tone="error">{result.message}</Alert> : null}
      {params.get("deleted") ? <Alert tone="success">{t("study.history.deleted")}</Alert> : null}

      {page.consent.required ? (
        <section aria-labelledby="consent" className="rounded-xl border border-amber-200 bg-amber-50 p-5">
          <h2 id="consent" className="font-semibold">{t("study.consent.title")}</h2>
          <p className="mt-2 text-sm">{t("study.consent.body")}</p>
          <Form method="post" className="mt-3">
            {page.consent.given ? (
              <>
                <p className="text-sm">{t("study.consent.given", { date: formatDate(page.consent.acceptedAt ?? "", i18n.language) })}</p>
                <button type="submit" name="intent" value="withdraw" className="mt-2 rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium">{t("study.consent.withdraw")}</button>
              </>
            ) : (
              <button type="submit" name="intent" value="consent" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white">{t("study.consent.accept")}</button>
            )}
          </Form>
        </section>
      ) : null}

      {page.current ? (
        <section aria-labelledby="conversation" className="space-y-4">
          <h2 id="conversation" className="sr-only">{t("study.title")}</h2>
          {page.current.messages.map((m) =>
            m.role === "learner" ? (
              <div key={m.id} className="rounded-lg bg-stone-100 p-4">
                <p className="text-xs font-semibold text-stone-600">{t("study.tutor.youAsked")}</p>
                <p className="mt-1 whitespace-pre-line break-words">{m.text}</p>
              </div>
            ) : (
              <article key={m.id} id={`m-${m.id}`} className="rounded-lg border border-stone-200 bg-white p-4">
                <p className="mb-2 text-xs font-semibold text-stone-600">{t("study.tutor.answer")}</p>
                <TutorAnswer id={m.id} mode={m.mode} text={m.text} citations={m.citations} flagged={result?.ok === "flagged" && result.messageId === m.id} />
              </article>
            ),
          )}
        </section>
      ) : null}

      {!page.examLocked ? (
        <section aria-labelledby="ask" className="rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="ask" className="mb-3 text-lg font-semibold">{page.scope?.lessonTitle ? t("study.ask.aboutLesson", { lesson: page.scope.lessonTitle }) : t("study.ask.label")}</h2>
          <TutorAsk key={page.current?.id ?? "new"} language={i18n.language} maxLength={page.maxQuestion} courseId={page.scope?.courseId} lessonId={page.scope?.lessonId} conversationId={page.current?.id} />
          {page.current ? (
            <p className="mt-3 text-sm"><Link to="/study" className="text-brand-700 underline">{t("study.newConversation")}</Link></p>
          ) : null}
        </section>
      ) : null}

      <section id="history" aria-labelledby="history-title" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="history-title" className="text-lg font-semibold">{t("study.history.title")}</h2>
        <p className="mt-1 text-sm text-stone-600">{t("study.history.retention", { days: page.retentionDays })}</p>
        {page.history.length === 0 ? (
          <p className="mt-3 text-stone-700">{t("study.history.empty")}</p>
        ) : (
          <>
            <ul className="mt-3 divide-y divide-stone-200">
              {page.history.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link to={`/study?c=${c.id}`} className="min-w-0 flex-1 break-words text-brand-700 underline">{c.first || "…"}</Link>
                  <span className="text-xs text-stone-600">{formatDateTime(c.updatedAt, i18n.language)}</span>
                  <Form method="post">
                    <input type="hidden" name="conversationId" value={c.id} />
                    <button type="submit" name="intent" value="delete" className="rounded-md border border-stone-300 px-2 py-1 text-sm hover:bg-stone-100">{t("study.history.delete")}</button>
                  </Form>
                </li>
              ))}
            </ul>
            <Form method="post" className="mt-3">
              <button type="submit" name="intent" value="delete-all" className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">{t("study.history.deleteAll")}</button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
