import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { getCurrentUser } from "~/modules/accounts/auth.server";
import { CandidateJobPanel } from "~/components/candidate-job-panel";
import { loadCandidateJobPanel } from "~/modules/candidates/pages.server";
import { JobFacts } from "~/components/job-facts";
import { getJobPage } from "~/modules/jobs/public.server";

/** A post's public page: published posts for everyone; drafts and closed posts only for the employer's members. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [viewer, language] = await Promise.all([getCurrentUser(request), getLanguage(request)]);
  const job = await getJobPage({ jobId: params.jobId ?? "", viewer, language });
  if (!job) throw data({ error: "not_found" }, { status: 404 });
  const panel = job.status === "PUBLISHED" ? await loadCandidateJobPanel({ jobId: job.id, userId: viewer?.id ?? null, language }) : null;
  return { job, panel };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: loaderData ? `${loaderData.job.title} · Maharat` : "Maharat" }];

export default function JobPage() {
  const { t } = useTranslation();
  const { job, panel } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <nav aria-label={t("jobs.breadcrumb")} className="text-sm">
        <Link to="/jobs" className="text-brand-700 underline">{t("jobs.title")}</Link>
      </nav>
      <PageTitle lead={<bdi>{job.employer.name}</bdi>}>
        <span dir="auto">{job.title}</span>
      </PageTitle>
      {job.isPreview ? <Alert tone="info">{t(`jobs.page.preview.${job.status}`)}</Alert> : null}
      <JobFacts job={job} />
      {job.status === "PUBLISHED" ? <CandidateJobPanel jobId={job.id} panel={panel} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
