import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CandidateHandle } from "~/components/candidate-handle";
import { MatchBreakdownTable } from "~/components/match-breakdown";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { loadMatchesPage } from "~/modules/candidates/pages.server";
import { regionLabel } from "~/modules/jobs/regions";

/** The published jobs where the candidate is listed, each with why; and the candidate's applications. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadMatchesPage({ userId: user.id, language: await getLanguage(request) });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "jobBoard.matches.title");

const HERE = "/account/job-board/matches";
const primaryButton = "rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60";
const secondaryButton = "rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100";

export default function JobsForMePage() {
  const { t, i18n } = useTranslation();
  const { isCandidate, handle, jobs, keptOff, applications, skillLabels } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const busy = navigation.state === "submitting";
  return (
    <div className="space-y-8">
      <PageTitle lead={t("jobBoard.matches.lead")}>{t("jobBoard.matches.title")}</PageTitle>
      <p><Link to="/account/job-board" className="text-brand-700 underline">{t("jobBoard.matches.back")}</Link></p>
      {done === "applied" ? <Alert tone="success">{t("jobBoard.done.applied")}</Alert> : null}
      {done === "application-withdrawn" ? <Alert tone="success">{t("jobBoard.done.applicationWithdrawn")}</Alert> : null}

      {!isCandidate ? (
        <Alert tone="info">
          {t("jobBoard.matches.notCandidate")}{" "}
          <Link to="/account/job-board" className="font-medium underline">{t("jobBoard.matches.optIn")}</Link>
        </Alert>
      ) : (
        <>
          <p className="text-sm text-stone-600">
            {t("jobBoard.matches.as")} <strong>{handle ? <CandidateHandle handle={handle} /> : null}</strong>
          </p>
          {keptOff.length > 0 ? (
            <section aria-labelledby="kept-off" className="rounded-xl border border-amber-200 bg-amber-50 p-5">
              <h2 id="kept-off" className="font-semibold">{t("jobBoard.matches.keptOffTitle")}</h2>
              <ul className="mt-2 space-y-2 text-sm" data-testid="kept-off">
                {keptOff.map((job) => (
                  <li key={job.jobId}>
                    <Link to={`/jobs/${job.jobId}`} className="font-medium text-brand-700 underline"><bdi>{job.title}</bdi></Link>
                    {job.employerName ? <> · <bdi>{job.employerName}</bdi></> : null}
                    {" — "}
                    {job.exclusions.map((code) => t(`jobBoard.exclusions.${code}`)).join(" ")}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {jobs.length === 0 ? (
            <p>{keptOff.length > 0 ? t("jobBoard.matches.noneListed") : t("jobBoard.matches.none")}</p>
          ) : (
            <ul className="space-y-6">
              {jobs.map((job) => (
                <li key={job.jobId}>
                  <article aria-labelledby={`job-${job.jobId}`} className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
                    <header className="space-y-1">
                      <h2 id={`job-${job.jobId}`} className="text-lg font-semibold">
                        <Link to={`/jobs/${job.jobId}`} className="text-brand-700 underline"><bdi>{job.title}</bdi></Link>
                      </h2>
                      <p className="text-sm text-stone-700">
                        <bdi>{job.employerName}</bdi>
                        {" · "}
                        {job.region ? regionLabel(job.region, i18n.language) : t("jobBoard.matches.anyRegion")}
                        {" · "}
                        {t(`jobBoard.workModes.${job.workMode}`)}
                        {" · "}
                        {t(`jobBoard.contractTypes.${job.contractType}`)}
                        {job.publishedAt ? ` · ${t("jobBoard.matches.published", { date: formatDate(job.publishedAt, i18n.language) })}` : ""}
                      </p>
                    </header>
                    <MatchBreakdownTable breakdown={job.breakdown} skillLabels={skillLabels} caption={t("jobBoard.matches.why")} />
                    <div className="flex flex-wrap items-center gap-3">
                      {job.application === "APPLIED" ? (
                        <>
                          <span className="rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">{t("jobBoard.matches.applied")}</span>
                          <Form method="post" action="/account/job-board/apply">
                            <input type="hidden" name="jobId" value={job.jobId} />
                            <input type="hidden" name="redirectTo" value={HERE} />
                            <button type="submit" name="intent" value="withdraw-application" className={secondaryButton} disabled={busy}>
                              {t("jobBoard.matches.withdrawApplication")}
                            </button>
                          </Form>
                        </>
                      ) : (
                        <Form method="post" action="/account/job-board/apply" className="space-y-1">
                          <input type="hidden" name="jobId" value={job.jobId} />
                          <input type="hidden" name="redirectTo" value={HERE} />
                          <button type="submit" name="intent" value="apply" className={primaryButton} disabled={busy}>
                            {t("jobBoard.matches.apply")}
                          </button>
                          <p className="text-xs text-stone-600">{t("jobBoard.matches.applyExplains")}</p>
                        </Form>
                      )}
                      <Link to={`/account/job-board/object?job=${encodeURIComponent(job.jobId)}`} className="text-sm text-brand-700 underline">
                        {t("jobBoard.matches.object")}
                      </Link>
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          )}
        </>
      )}

      <section aria-labelledby="applications-title" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="applications-title" className="text-lg font-semibold">{t("jobBoard.applications.title")}</h2>
        {applications.length === 0 ? (
          <p className="text-stone-600">{t("jobBoard.applications.none")}</p>
        ) : (
          <ul className="space-y-3">
            {applications.map((a) => (
              <li key={a.jobId} className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-100 pb-3">
                <div>
                  <p className="font-medium"><bdi>{a.jobTitle}</bdi> — <bdi>{a.employerName}</bdi></p>
                  <p className="text-sm text-stone-600">
                    {t(`jobBoard.applications.status.${a.status}`)} · {formatDate(a.appliedAt, i18n.language)} ·{" "}
                    {t("jobBoard.applications.shared", { count: a.sharedCredentialCount })}
                    {a.jobStatus === "CLOSED" ? ` · ${t("jobBoard.applications.jobClosed")}` : ""}
                  </p>
                </div>
                {a.status === "APPLIED" ? (
                  <Form method="post" action="/account/job-board/apply">
                    <input type="hidden" name="jobId" value={a.jobId} />
                    <input type="hidden" name="redirectTo" value={HERE} />
                    <button type="submit" name="intent" value="withdraw-application" className={secondaryButton} disabled={busy}>
                      {t("jobBoard.matches.withdrawApplication")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
