import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { listSeparator } from "~/modules/jobs/format";
import { CONTRACT_TYPES } from "~/modules/jobs/options";
import { listSkillTaxonomy } from "~/modules/catalog/skills.server";
import { listPublishedJobs, readJobFilters } from "~/modules/jobs/public.server";
import { REGIONS, regionLabel } from "~/modules/jobs/regions";

/** The public job board: published posts, no account needed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  const filters = readJobFilters(new URL(request.url).searchParams);
  const [result, skills] = await Promise.all([listPublishedJobs({ filters, language }), listSkillTaxonomy({ language })]);
  return { filters, skills, ...result };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "jobs.title");

const selectClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2";

function pageLink(filters: { region: string | null; contract: string | null; skill: string | null; q: string }, page: number) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.region) params.set("region", filters.region);
  if (filters.contract) params.set("contract", filters.contract);
  if (filters.skill) params.set("skill", filters.skill);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/jobs?${query}` : "/jobs";
}

export default function JobsPage() {
  const { t, i18n } = useTranslation();
  const { filters, skills, jobs, total, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("jobs.lead")}>{t("jobs.title")}</PageTitle>

      <Form method="get" role="search" aria-label={t("jobs.filters.label")} className="grid gap-4 rounded-xl border border-stone-200 bg-white p-5 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2 lg:col-span-4">
          <label htmlFor="q" className="block text-sm font-medium">{t("jobs.filters.q")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} dir="auto" className={selectClass} />
        </div>
        <div>
          <label htmlFor="region" className="block text-sm font-medium">{t("jobs.filters.region")}</label>
          <select id="region" name="region" defaultValue={filters.region ?? ""} className={selectClass}>
            <option value="">{t("jobs.filters.any")}</option>
            <option value="remote">{t("jobs.filters.remote")}</option>
            {REGIONS.map((r) => (
              <option key={r.id} value={r.id}>{regionLabel(r.id, i18n.language)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="contract" className="block text-sm font-medium">{t("jobs.filters.contract")}</label>
          <select id="contract" name="contract" defaultValue={filters.contract ?? ""} className={selectClass}>
            <option value="">{t("jobs.filters.any")}</option>
            {CONTRACT_TYPES.map((c) => (
              <option key={c} value={c}>{t(`jobs.contract.${c}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="skill" className="block text-sm font-medium">{t("jobs.filters.skill")}</label>
          <select id="skill" name="skill" defaultValue={filters.skill ?? ""} className={selectClass}>
            <option value="">{t("jobs.filters.any")}</option>
            {skills.map((s) => (
              <option key={s.id} value={s.id}>{s.label}</option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t("jobs.filters.apply")}</button>
          <Link to="/jobs" className="py-2 text-sm text-brand-700 underline">{t("jobs.filters.reset")}</Link>
        </div>
      </Form>

      <p role="status" className="text-sm text-stone-700">{t("jobs.count", { count: total })}</p>

      {jobs.length === 0 ? (
        <p>{t("jobs.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {jobs.map((job) => (
            <li key={job.id} className="rounded-xl border border-stone-200 bg-white p-5">
              <h2 className="text-lg font-semibold">
                <Link to={`/jobs/${job.id}`} className="text-brand-700 underline" dir="auto">{job.title}</Link>
              </h2>
              <p className="text-sm text-stone-700">
                <bdi className="font-medium">{job.employerName}</bdi>
                {job.employerType ? ` · ${t(`employerTypes.${job.employerType}`)}` : ""}
              </p>
              <p className="text-sm text-stone-700">
                {t(`jobs.contract.${job.contractType}`)} · {job.workMode === "REMOTE" ? t("jobs.workMode.REMOTE") : (job.regionLabel ?? "")}
                {job.workMode === "HYBRID" ? ` · ${t("jobs.workMode.HYBRID")}` : ""}
                {job.publishedAt ? ` · ${t("jobs.publishedOn", { date: formatDate(job.publishedAt, i18n.language) })}` : ""}
              </p>
              {job.requiredSkills.length > 0 ? (
                <p className="mt-2 text-sm">
                  <span className="text-stone-600">{t("jobs.requiredLabel")} </span>
                  {job.requiredSkills.map((s) => s.label).join(listSeparator(i18n.language))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {pageCount > 1 ? (
        <nav aria-label={t("jobs.pagination")} className="flex items-center gap-4">
          {filters.page > 1 ? <Link to={pageLink(filters, filters.page - 1)} className="text-brand-700 underline">{t("jobs.previous")}</Link> : null}
          <span className="text-sm">{t("jobs.pageOf", { page: filters.page, pages: pageCount })}</span>
          {filters.page < pageCount ? <Link to={pageLink(filters, filters.page + 1)} className="text-brand-700 underline">{t("jobs.next")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
