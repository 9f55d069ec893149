import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { listEmployerJobs } from "~/modules/jobs/jobs.server";
import { regionLabel } from "~/modules/jobs/regions";

// The file name's "employer_" keeps this page out of /employer's layout (employer.tsx renders no <Outlet />).

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  const [employers, language] = await Promise.all([listEmployerJobs({ user }), getLanguage(request)]);
  return {
    employers: employers.map((e) => ({
      id: e.id,
      name: e.name,
      employerType: e.employerType,
      jobs: e.jobs.map((j) => ({
        id: j.id,
        title: j.title,
        status: j.status,
        place: j.workMode === "REMOTE" ? null : j.region ? regionLabel(j.region, language) : null,
        workMode: j.workMode,
        contractType: j.contractType,
        publishedAt: j.publishedAt?.toISOString() ?? null,
        updatedAt: j.updatedAt.toISOString(),
        applications: j.applications,
      })),
    })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "employerJobs.list.title");

const statusStyle = { DRAFT: "bg-stone-100 text-stone-800", PUBLISHED: "bg-emerald-100 text-emerald-900", CLOSED: "bg-stone-200 text-stone-700" } as const;

export default function EmployerJobsPage() {
  const { t, i18n } = useTranslation();
  const { employers } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <nav aria-label={t("employerJobs.breadcrumb")} className="text-sm">
        <Link to="/employer" className="text-brand-700 underline">{t("employer.title")}</Link>
      </nav>
      <PageTitle lead={t("employerJobs.list.lead")}>{t("employerJobs.list.title")}</PageTitle>
      {employers.length === 0 ? <p>{t("employerJobs.list.noEmployer")}</p> : null}
      {employers.map((employer) => (
        <section key={employer.id} aria-labelledby={`employer-${employer.id}`} className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id={`employer-${employer.id}`} className="text-lg font-semibold">
              <bdi>{employer.name}</bdi>
              {employer.employerType ? <span className="ms-2 text-sm font-normal text-stone-600">{t(`employerTypes.${employer.employerType}`)}</span> : null}
            </h2>
            <Link to={`/employer/jobs/new?employer=${encodeURIComponent(employer.id)}`} className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              {t("employerJobs.list.new")}
            </Link>
          </div>
          {employer.jobs.length === 0 ? (
            <p className="text-sm text-stone-700">{t("employerJobs.list.empty")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <thead>
                  <tr className="border-b border-stone-200 text-stone-600">
                    <th scope="col" className="py-2 pe-3 text-start font-medium">{t("employerJobs.list.post")}</th>
                    <th scope="col" className="py-2 pe-3 text-start font-medium">{t("employerJobs.list.status")}</th>
                    <th scope="col" className="py-2 pe-3 text-start font-medium">{t("employerJobs.list.applications")}</th>
                    <th scope="col" className="py-2 text-start font-medium">{t("employerJobs.list.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {employer.jobs.map((job) => (
                    <tr key={job.id} className="border-b border-stone-100 align-top">
                      <td className="py-2 pe-3">
                        <Link to={`/employer/jobs/${job.id}`} className="font-medium text-brand-700 underline" dir="auto">{job.title}</Link>
                        <p className="text-stone-600">
                          {t(`jobs.contract.${job.contractType}`)} · {job.place ?? t(`jobs.workMode.${job.workMode}`)}
                        </p>
                      </td>
                      <td className="py-2 pe-3">
                        <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusStyle[job.status]}`}>{t(`jobs.status.${job.status}`)}</span>
                        {job.publishedAt ? <p className="mt-1 text-stone-600">{t("employerJobs.list.publishedOn", { date: formatDate(job.publishedAt, i18n.language) })}</p> : null}
                      </td>
                      <td className="py-2 pe-3">{t("employerJobs.list.applicationCount", { count: job.applications })}</td>
                      <td className="py-2">
                        <ul className="space-y-1">
                          <li><Link to={`/employer/jobs/${job.id}`} className="text-brand-700 underline">{t("employerJobs.list.open")}</Link></li>
                          {job.status !== "CLOSED" ? (
                            <li><Link to={`/employer/jobs/${job.id}/edit`} className="text-brand-700 underline">{t("employerJobs.list.edit")}</Link></li>
                          ) : null}
                          {job.status === "PUBLISHED" ? (
                            <li><Link to={`/jobs/${job.id}`} className="text-brand-700 underline">{t("employerJobs.list.publicPage")}</Link></li>
                          ) : null}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
