import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TutorAsk } from "~/components/study/tutor-ask";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProgressBar } from "~/components/progress-bar";
import { Alert } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { formatHours, isLanguage, languageNames } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { getCurrentUser, requireUser } from "~/modules/accounts/auth.server";
import { enrolInCourse, getCourseDetail } from "~/modules/catalog/catalog.server";
import { examNextSteps } from "~/modules/exams/next-step.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, language] = await Promise.all([getCurrentUser(request), getLanguage(request)]);
  const course = await orErrorPage(getCourseDetail({ courseId: params.courseId ?? "", viewer: user, language }));
  // Every lesson done (or an attempt running): the exam, its result or the credential becomes the main action.
  const step = user && course.isEnrolled ? (await examNextSteps({ userId: user.id, courseIds: [course.id] })).get(course.id) : undefined;
  const next = step && (course.doneCount >= course.lessonCount || step.kind !== "exam") ? step : null;
  return { course, isSignedIn: Boolean(user), next };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const courseId = params.courseId ?? "";
  const { resumeSlug } = await orErrorPage(enrolInCourse({ courseId, viewer: user }));
  return redirect(resumeSlug ? `/courses/${courseId}/${resumeSlug}` : `/courses/${courseId}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} · Maharat` : "Maharat" }];

export default function CoursePage() {
  const { t, i18n } = useTranslation();
  const { course, isSignedIn, next } = useLoaderData<typeof loader>();
  const hours = formatHours(course.durationMinutes, i18n.language);
  return (
    <div className="space-y-8">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to="/courses" className="text-brand-700 underline">{t("catalogue.title")}</Link>
      </nav>
      <header className="space-y-3">
        <p className="text-sm font-semibold text-accent-500">
          {t("home.tierLabel", { level: course.tier })}
          {course.track ? ` · ${t(`tracks.${course.track}`, { defaultValue: course.track })}` : ""}
        </p>
        <h1 className="text-2xl font-bold sm:text-3xl">{course.title}</h1>
        <p className="text-stone-700">{course.summary}</p>
        <p className="text-sm text-stone-600">
          {t("catalogue.meta", { count: course.lessonCount, hours })} · {t("course.languages")}{" "}
          {course.languages.map((l) => (isLanguage(l) ? languageNames[l] : l)).join(", ")}
        </p>
        {!course.isAvailableInLanguage ? <Alert tone="info">{t("course.notInYourLanguage")}</Alert> : null}
      </header>

      {course.access === "locked" ? (
        <Alert tone="info">
          <p className="font-semibold">{t("course.lockedTitle")}</p>
          <p>{t("course.lockedBody")}</p>
          <ul className="mt-2 list-disc ps-6">
            {course.prerequisites.filter((p) => !p.held).map((p) => (
              <li key={p.id}>
                <Link to={`/courses/${p.id}`} className="underline">{p.title}</Link>
              </li>
            ))}
          </ul>
        </Alert>
      ) : (
        <div className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
          {course.access === "preview" ? <p className="text-sm text-stone-600">{t("course.preview")}</p> : null}
          {course.isEnrolled ? <ProgressBar value={course.progress} label={t("course.progress")} /> : null}
          {next ? (
            <p>
              <Link to={next.href} className="inline-block rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">{t(`nextStep.${next.kind}`)}</Link>
            </p>
          ) : isSignedIn && course.hasExam ? (
            <p>
              <Link to={`/courses/${course.id}/exam`} className="font-medium text-brand-700 underline">{t("course.takeExam")}</Link>
            </p>
          ) : null}
          {isSignedIn ? (
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="enrol"
                className={next ? "rounded-md border border-stone-300 px-4 py-2 font-medium hover:bg-stone-100" : "rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700"}
              >
                {course.isEnrolled ? (course.doneCount >= course.lessonCount ? t("course.reread") : course.doneCount > 0 ? t("course.resume") : t("course.start")) : t("course.enrol")}
              </button>
            </Form>
          ) : (
            <Link to={`/login?redirectTo=/courses/${course.id}`} className="inline-block rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white">
              {t("course.loginToEnrol")}
            </Link>
          )}
        </div>
      )}

      <section aria-labelledby="outcomes">
        <h2 id="outcomes" className="text-xl font-bold">{t("course.outcomes")}</h2>
        <ul className="mt-3 list-disc space-y-1 ps-6">
          {course.outcomes.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="skills">
        <h2 id="skills" className="text-xl font-bold">{t("course.skills")}</h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2">
          {course.skills.map((s) => (
            <li key={s.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <p className="font-semibold">{s.label}</p>
              <p className="mt-1 text-sm text-stone-700">{s.description}</p>
            </li>
          ))}
        </ul>
      </section>

      {course.prerequisites.length > 0 ? (
        <section aria-labelledby="prerequisites">
          <h2 id="prerequisites" className="text-xl font-bold">{t("course.prerequisites")}</h2>
          <ul className="mt-3 list-disc ps-6">
            {course.prerequisites.map((p) => (
              <li key={p.id}>
                <Link to={`/courses/${p.id}`} className="underline">{p.title}</Link> —{" "}
                {p.held ? t("course.certified") : t("course.notCertified")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="syllabus">
        <h2 id="syllabus" className="text-xl font-bold">{t("course.syllabus")}</h2>
        <ol className="mt-3 space-y-4">
          {course.modules.map((m, mi) => (
            <li key={m.id} className="rounded-xl border border-stone-200 bg-white p-5">
              <h3 className="font-semibold">{t("course.module", { number: mi + 1, title: m.title })}</h3>
              <ol className="mt-2 space-y-1">
                {m.lessons.map((l) => (
                  <li key={l.slug} className="flex items-center justify-between gap-3">
                    {course.access === "locked" || !isSignedIn ? (
                      <span>{l.title}</span>
                    ) : (
                      <Link to={`/courses/${course.id}/${l.slug}`} className="text-brand-700 underline">{l.title}</Link>
                    )}
                    <span className="shrink-0 text-sm text-stone-600">
                      {l.isDone ? <span className="font-medium text-brand-700">{t("lesson.doneMark")}</span> : null}{" "}
                      {t("lesson.minutes", { count: l.durationMinutes })}
                    </span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      </section>
      {isSignedIn ? (
        <details className="rounded-xl border border-stone-200 bg-white p-4">
          <summary className="cursor-pointer font-semibold text-brand-700">{t("study.ask.fromCourse")}</summary>
          <div className="mt-3">
            <TutorAsk language={i18n.language} maxLength={1000} courseId={course.id} stay />
          </div>
        </details>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
