import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { handleJobForm, jobFormValuesOf } from "~/modules/jobs/job-form.server";
import { JobPostForm } from "~/components/job-form";
import { loadJobTaxonomy, requireJobAccess } from "~/modules/jobs/jobs.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { job, employer } = await requireJobAccess({ request, jobId: params.jobId ?? "" });
  const taxonomy = await loadJobTaxonomy({ language: await getLanguage(request) });
  return {
    job: { id: job.id, title: job.title, status: job.status },
    employer: { name: employer.name },
    skills: taxonomy.skills.map((s) => ({ id: s.id, label: s.label, tier: s.tier })),
    tiers: taxonomy.tiers,
    values: jobFormValuesOf(job),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, job } = await requireJobAccess({ request, jobId: params.jobId ?? "" });
  const taxonomy = await loadJobTaxonomy({ language: await getLanguage(request) });
  const outcome = await handleJobForm({ formData: await request.formData(), user, job, taxonomy });
  if (outcome.kind === "redirect") return redirect(outcome.to);
  return data(outcome.payload, { status: outcome.status });
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: loaderData ? `${loaderData.job.title} · Maharat` : "Maharat" }];

export default function EditJobPage() {
  const { t } = useTranslation();
  const { job, employer, skills, tiers, values } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <nav aria-label={t("employerJobs.breadcrumb")} className="text-sm">
        <Link to="/employer/jobs" className="text-brand-700 underline">{t("employerJobs.list.title")}</Link>
        {" / "}
        <Link to={`/employer/jobs/${job.id}`} className="text-brand-700 underline" dir="auto">{job.title}</Link>
      </nav>
      <PageTitle lead={<bdi>{employer.name}</bdi>}>{t("employerJobs.edit.title")}</PageTitle>
      {job.status === "CLOSED" ? (
        <Alert tone="info">{t("employerJobs.edit.closed")}</Alert>
      ) : (
        <JobPostForm
          formKey={answer?.formKey ?? "initial"}
          values={answer?.values ?? values}
          errors={answer?.errors ?? {}}
          suggestion={answer?.suggestion ?? null}
          skills={skills}
          tiers={tiers}
          employers={null}
          status={job.status}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
