import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CohortCharts } from "~/components/cohort-charts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { directionOf, formatDate, formatNumber } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { requireCohortAccess } from "~/modules/cohorts/access.server";
import { LEARNER_STATUSES, type LearnerStatus } from "~/modules/cohorts/progress";
import { loadCohortCharts, loadCohortLearners, loadCohortPath } from "~/modules/cohorts/progress.server";

/** A printable one-page summary of the cohort (the browser's print, no JavaScript needed). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "" });
  const path = await loadCohortPath({ cohortId: access.cohort.id, language: await getLanguage(request) });
  const rows = await loadCohortLearners({ cohort: access.cohort, path });
  const charts = await loadCohortCharts({ rows, path });
  const counts = Object.fromEntries(LEARNER_STATUSES.map((s) => [s, rows.filter((r) => r.progress.status === s).length])) as Record<LearnerStatus, number>;
  return {
    centre: access.centre,
    cohort: access.cohort,
    path,
    charts,
    counts,
    generatedAt: new Date(),
    learners: rows.map((r) => ({ userId: r.userId, name: r.name, studentId: r.studentId, progress: r.progress })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.cohort.name} · Maharat` : "Maharat" }];

export default function CohortSummary() {
  const { t, i18n } = useTranslation();
  const { centre, cohort, path, charts, counts, learners, generatedAt } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <article className="space-y-6 bg-white print:text-[11pt]">
      <p className="print:hidden">
        <Link to={`/centre/${centre.slug}/cohorts/${cohort.id}`} className="text-brand-700 underline">{t("cohorts.summary.back")}</Link>
        {" · "}
        <span className="text-sm text-stone-600">{t("cohorts.summary.printHint")}</span>
      </p>
      <header>
        <p className="text-sm text-stone-600" dir="auto">{centre.name}</p>
        <h1 className="text-2xl font-bold" dir="auto">{cohort.name}</h1>
        <p className="text-sm text-stone-600">
          {cohort.startsOn ? formatDate(cohort.startsOn, lng, { dateStyle: "long" }) : "—"} – {cohort.endsOn ? formatDate(cohort.endsOn, lng, { dateStyle: "long" }) : "—"}
          {" · "}
          {t("cohorts.summary.generated", { date: formatDate(generatedAt, lng, { dateStyle: "long" }) })}
        </p>
        <p className="mt-1">{t("cohorts.summary.pathLine", { path: path.map((c) => c.title).join(" → ") || "—" })}</p>
      </header>
      <dl className="grid grid-cols-5 gap-3">
        <div>
          <dt className="text-sm text-stone-600">{t("cohorts.learners")}</dt>
          <dd className="text-xl font-bold">{formatNumber(learners.length, lng)}</dd>
        </div>
        {LEARNER_STATUSES.map((s) => (
          <div key={s}>
            <dt className="text-sm text-stone-600">{t(`cohorts.status.${s}`)}</dt>
            <dd className="text-xl font-bold">{formatNumber(counts[s], lng)}</dd>
          </div>
        ))}
      </dl>
      <CohortCharts charts={charts} dir={directionOf(lng)} />
      <table className="w-full text-start text-sm">
        <caption className="text-start font-semibold">{t("cohorts.learnerList")}</caption>
        <thead>
          <tr className="border-b border-stone-300">
            <th scope="col" className="py-1 text-start">{t("cohorts.columns.learner")}</th>
            <th scope="col" className="py-1 text-start">{t("cohorts.csv.studentId")}</th>
            <th scope="col" className="py-1 text-start">{t("cohorts.columns.progress")}</th>
            <th scope="col" className="py-1 text-start">{t("cohorts.columns.exams")}</th>
            <th scope="col" className="py-1 text-start">{t("cohorts.columns.credentials")}</th>
            <th scope="col" className="py-1 text-start">{t("cohorts.columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {learners.map((l) => (
            <tr key={l.userId} className="border-b border-stone-100 break-inside-avoid">
              <td className="py-1"><bdi>{l.name}</bdi></td>
              <td className="py-1">{l.studentId ?? ""}</td>
              <td className="py-1">{formatNumber(l.progress.percent / 100, lng, { style: "percent" })}</td>
              <td className="py-1">{formatNumber(l.progress.examsPassed, lng)}/{formatNumber(path.length, lng)}</td>
              <td className="py-1">{formatNumber(l.progress.credentialsIssued, lng)}</td>
              <td className="py-1">{t(`cohorts.status.${l.progress.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
