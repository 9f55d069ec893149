import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress-bar";
import { TutorAsk } from "~/components/study/tutor-ask";
import { Alert } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { directionOf, isLanguage, languageNames } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { openLesson, setLessonDone } from "~/modules/catalog/catalog.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await getLanguage(request);
  return orErrorPage(openLesson({ courseId: params.courseId ?? "", lessonSlug: params.lessonSlug ?? "", viewer: user, language }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const courseId = params.courseId ?? "";
  const lessonSlug = params.lessonSlug ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent !== "complete" && intent !== "complete-and-next" && intent !== "reopen") {
    return data({ error: "bad_intent" }, { status: 400 });
  }
  await orErrorPage(setLessonDone({ courseId, lessonSlug, viewer: user, isDone: intent !== "reopen" }));
  const next = formData.get("next");
  if (intent === "complete-and-next" && typeof next === "string" && /^[a-z0-9-]+$/.test(next)) {
    return redirect(`/courses/${courseId}/${next}`);
  }
  return redirect(intent === "complete-and-next" ? `/courses/${courseId}?completed=1` : `/courses/${courseId}/${lessonSlug}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · ${data.courseTitle}` : "Maharat" }];

export default function LessonPlayer() {
  const { t, i18n } = useTranslation();
  const lesson = useLoaderData<typeof loader>();
  const { lessonSlug } = useParams();
  const shown = isLanguage(lesson.shownLanguage) ? lesson.shownLanguage : "fr";
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to={`/courses/${lesson.courseId}`} className="text-brand-700 underline">{lesson.courseTitle}</Link>
        <span className="text-stone-600"> · {lesson.moduleTitle}</span>
      </nav>
      <ProgressBar value={lesson.progress} label={t("lesson.position", { position: lesson.position, total: lesson.lessonCount })} />
      {lesson.isFallback ? <Alert tone="info">{t("lesson.fallbackNotice", { language: languageNames[shown] })}</Alert> : null}
      {lesson.isPreview ? <Alert tone="info">{t("course.preview")}</Alert> : null}
      <article lang={shown} dir={directionOf(shown)} className="lesson rounded-xl border border-stone-200 bg-white p-5 sm:p-8">
        <h1 className="text-2xl font-bold sm:text-3xl">{lesson.title}</h1>
        <p className="mt-2 text-stone-700">{lesson.summary}</p>
        <p className="mt-1 text-sm text-stone-600">{t("lesson.minutes", { count: lesson.durationMinutes })}</p>
        <div className="lesson-body mt-6" dangerouslySetInnerHTML={{ __html: lesson.html }} />
        {lesson.sources.length > 0 ? (
          <section aria-labelledby="sources" className="mt-8 border-t border-stone-200 pt-4">
            <h2 id="sources" className="text-lg font-semibold">{t("lesson.sources")}</h2>
            <ul className="mt-2 list-disc space-y-1 ps-6 text-sm">
              {lesson.sources.map((s, i) => {
                const source = s && typeof s === "object" && !Array.isArray(s) ? s : {};
                const title = "title" in source ? String(source.title) : "";
                const url = "url" in source ? String(source.url) : "";
                return (
                  <li key={i}>
                    {/^https?:\/\//.test(url) ? <a href={url} rel="noopener noreferrer" className="underline">{title || url}</a> : title}
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
      </article>
      <div className="flex flex-wrap items-center gap-3">
        {lesson.isDone ? (
          <>
            <p className="font-medium text-brand-700" role="status">{t("lesson.done")}</p>
            <Form method="post">
              <button type="submit" name="intent" value="reopen" className="rounded-md border border-stone-300 px-3 py-2 text-sm hover:bg-stone-100">
                {t("lesson.markNotDone")}
              </button>
            </Form>
          </>
        ) : (
          <Form method="post">
            {lesson.next ? <input type="hidden" name="next" value={lesson.next.slug} /> : null}
            <button type="submit" name="intent" value="complete-and-next" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
              {lesson.next ? t("lesson.markDoneAndNext") : t("lesson.markDone")}
            </button>
          </Form>
        )}
      </div>
      {/* Study mode: the tutor answers from the lessons (closed on the server while an exam attempt runs). */}
      <details className="rounded-xl border border-stone-200 bg-white p-4">
        <summary className="cursor-pointer font-semibold text-brand-700">{t("study.ask.fromLesson")}</summary>
        <div className="mt-3">
          <TutorAsk language={i18n.language} maxLength={1000} courseId={lesson.courseId} lessonId={lessonSlug} stay />
        </div>
      </details>
      <nav aria-label={t("lesson.navigation")} className="flex flex-wrap justify-between gap-3 border-t border-stone-200 pt-4">
        {lesson.previous ? (
          <Link to={`/courses/${lesson.courseId}/${lesson.previous.slug}`} rel="prev" className="text-brand-700 underline">
            <span aria-hidden="true">{"‹ "}</span>{t("lesson.previous")}: {lesson.previous.title}
          </Link>
        ) : <span />}
        {lesson.next ? (
          <Link to={`/courses/${lesson.courseId}/${lesson.next.slug}`} rel="next" className="text-brand-700 underline">
            {t("lesson.next")}: {lesson.next.title}<span aria-hidden="true">{" ›"}</span>
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
