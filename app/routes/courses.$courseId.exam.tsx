import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { formatDateTime } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { getCourseDetail, requireCourseOpen } from "~/modules/catalog/catalog.server";
import { localized } from "~/modules/catalog/localize";
import { AttemptError, getExamOverview, startAttempt } from "~/modules/exams/attempts.server";

async function requireOpenCourse(request: Request, courseId: string) {
  const user = await requireUser(request);
  const language = await getLanguage(request);
  const course = await orErrorPage(getCourseDetail({ courseId, viewer: user, language }));
  if (course.access === "locked") throw data({ error: "course_locked" }, { status: 403 });
  return { user, language, course };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, language, course } = await requireOpenCourse(request, params.courseId ?? "");
  // A course without an exam (yet): a 404 page, not a server error.
  const overview = await orErrorPage(getExamOverview({ courseId: course.id, userId: user.id }));
  return { course: { id: course.id, title: course.title }, overview: { ...overview, title: localized(overview.title, language) } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const courseId = params.courseId ?? "";
  // Starting is what a whole class does in the same second: only the access check, not the course page's data.
  await orErrorPage(requireCourseOpen({ courseId, viewer: user }));
  const language = await getLanguage(request);
  try {
    const { attemptId } = await startAttempt({ courseId, userId: user.id, language });
    return redirect(`/exams/${attemptId}`);
  } catch (error) {
    if (error instanceof AttemptError) {
      return data({ error: error.code, retryAt: error.retryAt?.toISOString() ?? null }, { status: error.status });
    }
    throw error;
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "exam.title");

export default function ExamOverviewPage() {
  const { t, i18n } = useTranslation();
  const { course, overview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const eligibility = overview.eligibility;
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to={`/courses/${course.id}`} className="text-brand-700 underline">{course.title}</Link>
      </nav>
      <PageTitle lead={t("exam.lead")}>{overview.title}</PageTitle>
      <dl className="grid gap-3 rounded-xl border border-stone-200 bg-white p-5 sm:grid-cols-2">
        <div><dt className="text-sm text-stone-600">{t("exam.questions")}</dt><dd className="font-semibold">{overview.questionCount}</dd></div>
        <div><dt className="text-sm text-stone-600">{t("exam.timeLimit")}</dt><dd className="font-semibold">{t("lesson.minutes", { count: overview.timeLimitMinutes })}</dd></div>
        <div><dt className="text-sm text-stone-600">{t("exam.passMark")}</dt><dd className="font-semibold">{t("course.percent", { value: overview.passMarkPercent })}</dd></div>
        <div><dt className="text-sm text-stone-600">{t("exam.attemptsUsed")}</dt><dd className="font-semibold">{t("exam.attemptsOf", { used: overview.attempts.length, allowed: overview.attemptsAllowed })}</dd></div>
      </dl>
      <p className="text-sm text-stone-700">{t(overview.gradeMethod === "last" ? "exam.gradeLast" : "exam.gradeHighest")}</p>
      {overview.availableFrom || overview.availableUntil ? (
        <p className="text-sm text-stone-700">
          {overview.availableFrom && overview.availableUntil
            ? t("exam.window", { from: formatDateTime(overview.availableFrom, i18n.language), until: formatDateTime(overview.availableUntil, i18n.language) })
            : overview.availableUntil
            ? t("exam.windowUntil", { until: formatDateTime(overview.availableUntil, i18n.language) })
            : t("exam.windowFrom", { from: formatDateTime(overview.availableFrom ?? "", i18n.language) })}
        </p>
      ) : null}
      {actionData?.error ? <Alert tone="error">{t(`exam.errors.${actionData.error}`, { date: actionData.retryAt ? formatDateTime(actionData.retryAt, i18n.language) : "" })}</Alert> : null}
      {overview.inProgressId ? (
        <Link to={`/exams/${overview.inProgressId}`} className="inline-block rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
          {t("exam.resume")}
        </Link>
      ) : eligibility.canStart ? (
        <Form method="post">
          <p className="mb-3 text-sm text-stone-700">{t("exam.beforeStart")}</p>
          <button type="submit" disabled={navigation.state !== "idle"} className="rounded-md bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
            {t("exam.start")}
          </button>
        </Form>
      ) : (
        <Alert tone="info">
          {"retryAt" in eligibility
            ? t(`exam.errors.${eligibility.reason}`, { date: formatDateTime(eligibility.retryAt, i18n.language) })
            : t(`exam.errors.${eligibility.reason}`)}
        </Alert>
      )}
      {overview.attempts.length > 0 ? (
        <section aria-labelledby="attempts">
          <h2 id="attempts" className="text-lg font-semibold">{t("exam.yourAttempts")}</h2>
          <ul className="mt-2 space-y-2">
            {overview.attempts.map((a) => (
              <li key={a.id} className="flex flex-wrap justify-between gap-2 rounded-md bg-white p-3">
                <span>{t("exam.attemptNumber", { number: a.number })} · {formatDateTime(a.startedAt, i18n.language)}</span>
                <span>
                  {a.state === "IN_PROGRESS" ? t("exam.states.IN_PROGRESS") : (
                    <Link to={`/exams/${a.id}/result`} className="text-brand-700 underline">
                      {a.percent !== null ? t("course.percent", { value: a.percent }) : t(`exam.states.${a.state}`)}
                      {a.isPassed === true ? ` — ${t("exam.passed")}` : a.isPassed === false ? ` — ${t("exam.failed")}` : ""}
                    </Link>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
