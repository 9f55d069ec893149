import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Link } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { listMyCourses } from "~/modules/catalog/catalog.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { listLearnerCohorts } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";
import { examNextSteps } from "~/modules/exams/next-step.server";
import { dueReviewCount } from "~/modules/study/review.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await getLanguage(request);
  const [cohorts, courses, reviewDue] = await Promise.all([
    listLearnerCohorts({ userId: user.id }),
    listMyCourses({ userId: user.id, language }),
    dueReviewCount(user.id),
  ]);
  const steps = await examNextSteps({ userId: user.id, courseIds: courses.map((c) => c.id) });
  // The main action is the next step: the lesson to resume, then (every lesson done, or an attempt running) the exam,
  // its result or the credential.
  const withSteps = courses.map((c) => {
    const step = steps.get(c.id);
    const next = step && (c.doneCount >= c.lessonCount || step.kind !== "exam") ? step : null;
    return { ...c, next };
  });
  return { name: user.name, cohorts, courses: withSteps, reviewDue, hasCredentials: [...steps.values()].some((s) => s.kind === "credential" || s.kind === "certified") };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "nav.learn");

export default function LearnerDashboard() {
  const { t, i18n } = useTranslation();
  const { name, cohorts, courses, reviewDue, hasCredentials } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <PageTitle lead={hasCredentials ? t("learn.leadCertified") : t("learn.lead")}>{t("learn.title", { name })}</PageTitle>
      {params.get("welcome") ? <Alert tone="success">{t("learn.welcome")}</Alert> : null}
      {/* Study mode: spaced review of completed lessons, the practice lab and the tutor. */}
      <section aria-labelledby="study-today" className="rounded-xl border border-brand-100 bg-brand-50 p-5">
        <h2 id="study-today" className="text-lg font-semibold">{t("learn.studyTitle")}</h2>
        <p className="mt-1 text-stone-800">{reviewDue > 0 ? t("learn.reviewToday", { count: reviewDue }) : t("learn.reviewNone")}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          {reviewDue > 0 ? <Link to="/study/review" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700">{t("learn.reviewStart")}</Link> : null}
          <Link to="/study/practice" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-100">{t("study.nav.practice")}</Link>
          <Link to="/study" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-100">{t("learn.askTutor")}</Link>
        </div>
      </section>
      <section aria-labelledby="my-cohorts" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="my-cohorts" className="text-lg font-semibold">{t("learn.cohorts")}</h2>
        {cohorts.length === 0 ? (
          <p className="mt-3 text-stone-700">{t("learn.noCohort")}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {cohorts.map(({ cohort }) => (
              <li key={cohort.id} className="rounded-md bg-stone-50 p-3">
                <p className="font-medium">{cohort.name}</p>
                <p className="text-sm text-stone-600">
                  {cohort.organisation.name}
                  {cohort.startsOn ? ` · ${t("common.from", { date: formatDate(cohort.startsOn, i18n.language) })}` : ""}
                  {cohort.endsOn ? ` ${t("common.to", { date: formatDate(cohort.endsOn, i18n.language) })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="my-courses" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="my-courses" className="text-lg font-semibold">{t("learn.myCourses")}</h2>
        {courses.length === 0 ? <p className="mt-3 text-stone-700">{t("learn.noCourses")}</p> : null}
        <ul className="mt-3 space-y-4">
          {courses.map((c) => (
            <li key={c.id} className="rounded-md bg-stone-50 p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link to={`/courses/${c.id}`} className="font-semibold text-brand-700 underline">{c.title}</Link>
                {c.next ? (
                  <Link to={c.next.href} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
                    {t(`nextStep.${c.next.kind}`)}
                  </Link>
                ) : c.resumeSlug ? (
                  <Link to={`/courses/${c.id}/${c.resumeSlug}`} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
                    {t("learn.resume")}
                  </Link>
                ) : null}
              </div>
              <div className="mt-2">
                <ProgressBar value={c.progress} label={t("learn.lessonsDone", { done: c.doneCount, total: c.lessonCount })} />
              </div>
            </li>
          ))}
        </ul>
        <p className="mt-4">
          <Link to="/courses" className="font-medium text-brand-700 underline">{t("learn.browse")}</Link>
        </p>
      </section>
      {/* Credentials (issue "Sharing and verifying"): one link to the learner's credentials page. */}
      <section aria-labelledby="my-credentials" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="my-credentials" className="text-lg font-semibold">{t("credentials.dashboardTitle")}</h2>
        <p className="mt-2 text-stone-700">{t("credentials.dashboardLead")}</p>
        <p className="mt-3">
          <Link to="/credentials" className="font-medium text-brand-700 underline">{t("credentials.dashboardLink")}</Link>
        </p>
      </section>
    </div>
  );
}
