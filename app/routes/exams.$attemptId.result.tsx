import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { orErrorPage } from "~/lib/errors.server";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { getAttemptResult } from "~/modules/exams/attempt-view.server";
import { examNextSteps } from "~/modules/exams/next-step.server";
import { isolateLatinRuns } from "~/lib/bidi";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const result = await orErrorPage(getAttemptResult({ attemptId: params.attemptId ?? "", userId: user.id, language: await getLanguage(request) }));
  // Once the credential is issued, the result page leads to it.
  const step = (await examNextSteps({ userId: user.id, courseIds: [result.courseId] })).get(result.courseId);
  return { ...result, credentialHref: step?.kind === "credential" || step?.kind === "certified" ? step.href : null };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "exam.resultTitle");

export default function ExamResultPage() {
  const { t } = useTranslation();
  const r = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <nav aria-label={t("course.breadcrumb")} className="text-sm">
        <Link to={`/courses/${r.courseId}/exam`} className="text-brand-700 underline">{r.title}</Link>
      </nav>
      <PageTitle>{t("exam.resultTitle")} · {t("exam.attemptNumber", { number: r.number })}</PageTitle>
      {r.finishedBy === "deadline" ? <Alert tone="info">{t("exam.autoSubmitted")}</Alert> : null}
      {r.state === "AWAITING_REVIEW" ? (
        <Alert tone="info">{t("exam.awaitingReview")}</Alert>
      ) : r.state === "GRADED" ? (
        <div className={`rounded-xl border p-6 ${r.isPassed ? "border-emerald-300 bg-emerald-50" : "border-amber-300 bg-amber-50"}`} role="status">
          <p className="text-3xl font-bold">{t("course.percent", { value: r.percent ?? 0 })}</p>
          <p className="mt-1 font-semibold">{r.isPassed ? t("exam.passedLong") : t("exam.failedLong", { mark: r.passMarkPercent })}</p>
          <p className="mt-1 text-sm text-stone-700">{t("exam.pointsOf", { points: r.points ?? 0, max: r.maxPoints ?? 0 })}</p>
          {r.isPassed && r.credentialHref ? (
            <Link to={r.credentialHref} className="mt-3 inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t("nextStep.credential")}</Link>
          ) : null}
        </div>
      ) : (
        <Alert tone="info">{t("exam.grading")}</Alert>
      )}
      {r.perSkill.length > 0 && r.state === "GRADED" ? (
        <section aria-labelledby="skills">
          <h2 id="skills" className="text-lg font-semibold">{t("exam.bySkill")}</h2>
          <ul className="mt-2 space-y-1">
            {r.perSkill.map((s) => (
              <li key={s.skill} className="flex justify-between gap-3 rounded-md bg-white p-3">
                <span>{s.skill}</span>
                <span>{t("exam.pointsOf", { points: s.points, max: s.maxPoints })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {r.items.length > 0 ? (
        <section aria-labelledby="feedback">
          <h2 id="feedback" className="text-lg font-semibold">{t("exam.feedback")}</h2>
          <ol className="mt-2 space-y-3">
            {r.items.map((item, index) => (
              <li key={item.id} className="rounded-md border border-stone-200 bg-white p-4">
                <p className="text-sm font-semibold">{t("exam.questionNumber", { number: index + 1 })} · {t(`exam.status.${item.status}`)} · {t("exam.pointsOf", { points: item.points, max: item.maxPoints })}</p>
                <p className="mt-1">{isolateLatinRuns(item.prompt)}</p>
                {item.explanation ? <p className="mt-2 text-sm text-stone-700">{isolateLatinRuns(item.explanation)}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
