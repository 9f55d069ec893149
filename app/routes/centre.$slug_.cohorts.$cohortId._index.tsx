import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvDownload } from "~/components/csv-download";
import { CohortCharts } from "~/components/cohort-charts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { directionOf, formatDate, formatNumber } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { appOrigin } from "~/lib/origin.server";
import { requireCohortAccess } from "~/modules/cohorts/access.server";
import { handleLearnerAction } from "~/modules/cohorts/learner-actions.server";
import { canManage } from "~/modules/cohorts/permissions";
import { INACTIVE_DAYS, LEARNER_STATUSES, type LearnerStatus } from "~/modules/cohorts/progress";
import { filterLearners, loadCohortCharts, loadCohortLearners, loadCohortPath } from "~/modules/cohorts/progress.server";
import { listCentreCohorts } from "~/modules/cohorts/cohorts.server";
import { TIME_FACTORS, MAX_EXTRA_ATTEMPTS } from "~/modules/exams/accommodations";
import { listPathExams } from "~/modules/cohorts/path-exams.server";

function isStatus(value: string | null): value is LearnerStatus {
  return LEARNER_STATUSES.some((s) => s === value);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "" });
  const language = await getLanguage(request);
  const url = new URL(request.url);
  const status = url.searchParams.get("status");
  const q = url.searchParams.get("q") ?? "";
  const path = await loadCohortPath({ cohortId: access.cohort.id, language });
  const [rows, exams, siblings] = await Promise.all([
    loadCohortLearners({ cohort: access.cohort, path }),
    listPathExams({ courseIds: path.map((c) => c.id), language }),
    canManage(access.permission) ? listCentreCohorts({ centreId: access.centre.id }) : Promise.resolve([]),
  ]);
  const charts = await loadCohortCharts({ rows, path });
  const shown = filterLearners(rows, { status: isStatus(status) ? status : undefined, q });
  const counts = Object.fromEntries(LEARNER_STATUSES.map((s) => [s, rows.filter((r) => r.progress.status === s).length])) as Record<LearnerStatus, number>;
  return {
    centre: access.centre,
    cohort: access.cohort,
    canManage: canManage(access.permission),
    path,
    exams,
    charts,
    total: rows.length,
    counts,
    filter: { status: isStatus(status) ? status : "", q },
    learners: shown.map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      studentId: r.studentId,
      invited: r.invited,
      progress: r.progress,
      awaitingReview: Object.values(r.facts.exams).some((e) => e.awaitingReview),
      lastActivityAt: r.facts.lastActivityAt,
      lastRemindedAt: r.lastRemindedAt,
    })),
    moveTargets: siblings.filter((c) => c.id !== access.cohort.id && !c.archivedAt).map((c) => ({ id: c.id, name: c.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "" });
  const form = await request.formData();
  const result = await handleLearnerAction({ access, form, origin: appOrigin() });
  if (!result.ok) return data(result, { status: result.status });
  const back = new URL(request.url);
  back.searchParams.set("done", result.done);
  back.searchParams.set("n", String(result.count));
  return redirect(`${back.pathname}${back.search}`);
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: loaderData ? `${loaderData.cohort.name} · ${loaderData.centre.name} · Maharat` : "Maharat" },
];

const buttonClass = "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50";
const primaryClass = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700";

export default function CohortDashboard() {
  const { t, i18n } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { centre, cohort, path, charts, learners, counts, filter } = loaded;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const base = `/centre/${centre.slug}/cohorts/${cohort.id}`;
  const lng = i18n.language;
  return (
    <div className="space-y-8">
      <nav aria-label={t("cohorts.breadcrumb")} className="text-sm">
        <Link to={`/centre/${centre.slug}`} className="text-brand-700 underline">{centre.name}</Link>
      </nav>
      <PageTitle
        lead={
          cohort.startsOn || cohort.endsOn
            ? `${cohort.startsOn ? formatDate(cohort.startsOn, lng, { dateStyle: "medium" }) : "—"} – ${cohort.endsOn ? formatDate(cohort.endsOn, lng, { dateStyle: "medium" }) : "—"}`
            : t("cohorts.noDates")
        }
      >
        <span dir="auto">{cohort.name}</span>
      </PageTitle>

      {done ? <Alert tone="success">{t(`cohorts.done.${done}`, { count: Number(params.get("n") ?? 0) })}</Alert> : null}
      {actionData && !actionData.ok ? <Alert tone="error">{t(`cohorts.errors.${actionData.error}`)}</Alert> : null}

      <ul className="flex flex-wrap gap-2" aria-label={t("cohorts.actionsLabel")}>
        {loaded.canManage ? (
          <>
            <li><Link to={`${base}/enrol`} className={primaryClass}>{t("cohorts.enrol.link")}</Link></li>
            <li><Link to={`${base}/settings`} className={buttonClass}>{t("cohorts.settings.link")}</Link></li>
          </>
        ) : null}
        <li><CsvDownload href={`${base}/export.csv`} label={t("cohorts.export.csv")} className={buttonClass} /></li>
        <li><Link to={`${base}/summary`} className={buttonClass}>{t("cohorts.export.summary")}</Link></li>
        <li><Link to={`/reviews?cohort=${cohort.id}`} className={buttonClass}>{t("cohorts.gradingQueue")}</Link></li>
      </ul>

      <section aria-labelledby="path" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="path" className="text-lg font-semibold">{t("cohorts.path")}</h2>
        {path.length === 0 ? (
          <p className="mt-2">{t("cohorts.noPath")}</p>
        ) : (
          <ol className="mt-2 list-decimal space-y-1 ps-6">
            {path.map((c) => (
              <li key={c.id}>
                <span dir="auto">{c.title}</span> <span className="text-sm text-stone-600">· {t("cohorts.lessonCount", { count: c.lessonsTotal })}</span>
              </li>
            ))}
          </ol>
        )}
        <dl className="mt-4 grid gap-3 sm:grid-cols-5">
          <div>
            <dt className="text-sm text-stone-600">{t("cohorts.learners")}</dt>
            <dd className="text-2xl font-bold">{formatNumber(loaded.total, lng)}</dd>
          </div>
          {(["invited", "not_started", "in_progress", "behind", "completed"] as const).map((s) => (
            <div key={s}>
              <dt className="text-sm text-stone-600">{t(`cohorts.status.${s}`)}</dt>
              <dd className="text-2xl font-bold">{formatNumber(counts[s], lng)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <CohortCharts charts={charts} dir={directionOf(lng)} />
      {loaded.exams.length > 0 ? (
        <section aria-labelledby="exam-results" className="rounded-xl border border-stone-200 bg-white p-6">
          <h2 id="exam-results" className="text-lg font-semibold">{t("cohorts.analysis.title")}</h2>
          <p className="text-sm text-stone-600">{t("cohorts.analysis.lead")}</p>
          <ul className="mt-2 space-y-1">
            {loaded.exams.map((e) => (
              <li key={e.examSlug}>
                <Link to={`/exam-analysis/${e.versionId}?cohort=${cohort.id}`} className="text-brand-700 underline" dir="auto">{e.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="learners" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="learners" className="text-lg font-semibold">{t("cohorts.learnerList")}</h2>
        {counts.behind > 0 ? (
          <Form method="post" className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 p-3">
            <p className="text-sm">{t("cohorts.behindNotice", { count: counts.behind })}</p>
            <button type="submit" name="intent" value="remind-behind" className={buttonClass}>{t("cohorts.bulk.remindBehind")}</button>
          </Form>
        ) : null}
        <p className="text-sm text-stone-600" data-testid="behind-rule">
          {cohort.behindFrom
            ? t("cohorts.behindFromDate", { date: formatDate(cohort.behindFrom, lng, { dateStyle: "long" }) })
            : t("cohorts.behindFromDefault", { days: INACTIVE_DAYS })}{" "}
          {loaded.canManage ? <Link to={`${base}/settings#behindFrom`} className="text-brand-700 underline">{t("cohorts.behindFromChange")}</Link> : null}
        </p>
        <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
          <div>
            <label htmlFor="q" className="block text-sm font-medium">{t("cohorts.filter.search")}</label>
            <input id="q" name="q" type="search" defaultValue={filter.q} className="mt-1 rounded-md border border-stone-300 px-3 py-1.5" />
          </div>
          <div>
            <label htmlFor="status" className="block text-sm font-medium">{t("cohorts.filter.status")}</label>
            <select id="status" name="status" defaultValue={filter.status} className="mt-1 rounded-md border border-stone-300 px-3 py-1.5">
              <option value="">{t("cohorts.filter.all")}</option>
              {LEARNER_STATUSES.map((s) => (
                <option key={s} value={s}>{t(`cohorts.status.${s}`)}</option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass}>{t("cohorts.filter.apply")}</button>
        </Form>

        {learners.length === 0 ? (
          <p>{loaded.total === 0 ? t("cohorts.empty") : t("cohorts.noMatch")}</p>
        ) : (
          <Form method="post" className="space-y-4">
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="learners">
              <table className="w-full text-start text-sm">
                <thead>
                  <tr className="border-b border-stone-200">
                    <th scope="col" className="py-2 pe-3 text-start"><span className="sr-only">{t("cohorts.select")}</span></th>
                    <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.columns.learner")}</th>
                    <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.columns.progress")}</th>
                    <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.columns.lessons")}</th>
                    <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.columns.exams")}</th>
                    <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.columns.credentials")}</th>
                    <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.columns.status")}</th>
                    <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.columns.lastActivity")}</th>
                  </tr>
                </thead>
                <tbody>
                  {learners.map((l) => (
                    <tr key={l.userId} className="border-b border-stone-100 align-top">
                      <td className="py-2 pe-3">
                        <input type="checkbox" name="userId" value={l.userId} id={`pick-${l.userId}`} aria-label={t("cohorts.selectLearner", { name: l.name })} />
                      </td>
                      <td className="py-2 pe-3">
                        <Link to={`/teach/learners/${l.userId}`} className="font-medium text-brand-700 underline" dir="auto">{l.name}</Link>
                        <div className="text-stone-600">{l.email}{l.studentId ? ` · ${l.studentId}` : ""}</div>
                        {l.invited ? <div className="text-xs text-amber-700">{t("cohorts.invitedPending")}</div> : null}
                      </td>
                      <td className="py-2 pe-3">
                        <progress max={100} value={l.progress.percent} aria-label={t("cohorts.progressOf", { name: l.name })} className="w-24" />{" "}
                        {formatNumber(l.progress.percent / 100, lng, { style: "percent" })}
                      </td>
                      <td className="py-2 pe-3">{formatNumber(l.progress.lessonsDone, lng)}/{formatNumber(l.progress.lessonsTotal, lng)}</td>
                      <td className="py-2 pe-3">
                        {t("cohorts.examsCell", { passed: l.progress.examsPassed, attempted: l.progress.examsAttempted, total: path.length })}
                        {l.awaitingReview ? <div className="text-xs text-stone-600">{t("cohorts.awaitingReview")}</div> : null}
                      </td>
                      <td className="py-2 pe-3">{formatNumber(l.progress.credentialsIssued, lng)}</td>
                      <td className="py-2 pe-3" data-status={l.progress.status}>{t(`cohorts.status.${l.progress.status}`)}</td>
                      <td className="py-2 pe-3">
                        {l.lastActivityAt ? formatDate(l.lastActivityAt, lng, { dateStyle: "medium" }) : "—"}
                        {l.lastRemindedAt ? (
                          <div className="text-xs text-stone-600">{t("cohorts.remindedOn", { date: formatDate(l.lastRemindedAt, lng, { dateStyle: "medium" }) })}</div>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            <fieldset className="space-y-3 rounded-lg border border-stone-200 p-4">
              <legend className="px-1 font-semibold">{t("cohorts.bulk.title")}</legend>
              <p className="text-sm text-stone-600">{t("cohorts.bulk.lead")}</p>
              <div className="flex flex-wrap gap-2">
                <button type="submit" name="intent" value="remind" className={buttonClass}>{t("cohorts.bulk.remind")}</button>
                {loaded.canManage ? (
                  <button type="submit" name="intent" value="remove" className={buttonClass}>{t("cohorts.bulk.remove")}</button>
                ) : null}
              </div>
              {loaded.canManage && loaded.moveTargets.length > 0 ? (
                <div className="flex flex-wrap items-end gap-2">
                  <div>
                    <label htmlFor="toCohortId" className="block text-sm font-medium">{t("cohorts.bulk.moveTo")}</label>
                    <select id="toCohortId" name="toCohortId" className="mt-1 rounded-md border border-stone-300 px-3 py-1.5">
                      {loaded.moveTargets.map((c) => (
                        <option key={c.id} value={c.id}>{c.name}</option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" name="intent" value="move" className={buttonClass}>{t("cohorts.bulk.move")}</button>
                </div>
              ) : null}
              {loaded.exams.length > 0 ? (
                <div className="flex flex-wrap items-end gap-2">
                  <div>
                    <label htmlFor="examSlug" className="block text-sm font-medium">{t("cohorts.bulk.exam")}</label>
                    <select id="examSlug" name="examSlug" className="mt-1 rounded-md border border-stone-300 px-3 py-1.5">
                      {loaded.exams.map((e) => (
                        <option key={e.examSlug} value={e.examSlug}>{e.title}</option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor="timeFactor" className="block text-sm font-medium">{t("accommodations.timeFactor")}</label>
                    <select id="timeFactor" name="timeFactor" defaultValue="1.5" className="mt-1 rounded-md border border-stone-300 px-3 py-1.5">
                      {TIME_FACTORS.map((f) => (
                        <option key={f} value={f}>×{formatNumber(f, lng)}</option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor="extraAttempts" className="block text-sm font-medium">{t("accommodations.extraAttempts")}</label>
                    <input id="extraAttempts" name="extraAttempts" type="number" min={0} max={MAX_EXTRA_ATTEMPTS} defaultValue={0} className="mt-1 w-20 rounded-md border border-stone-300 px-3 py-1.5" />
                  </div>
                  <div className="grow">
                    <label htmlFor="reason" className="block text-sm font-medium">{t("accommodations.reason")}</label>
                    <input id="reason" name="reason" className="mt-1 w-full rounded-md border border-stone-300 px-3 py-1.5" />
                  </div>
                  <button type="submit" name="intent" value="accommodate" className={buttonClass}>{t("cohorts.bulk.accommodate")}</button>
                </div>
              ) : null}
            </fieldset>
          </Form>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
