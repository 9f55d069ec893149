import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { handleJobForm } from "~/modules/jobs/job-form.server";
import { JobPostForm } from "~/components/job-form";
import { listPostableEmployers, loadJobTaxonomy } from "~/modules/jobs/jobs.server";
import { EMPTY_JOB_FORM } from "~/modules/jobs/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  const [employers, taxonomy] = await Promise.all([listPostableEmployers({ user }), loadJobTaxonomy({ language: await getLanguage(request) })]);
  const asked = new URL(request.url).searchParams.get("employer");
  const employerId = employers.find((e) => e.id === asked)?.id ?? (employers.length === 1 ? employers[0].id : "");
  return {
    employers: employers.map((e) => ({ id: e.id, name: e.name })),
    skills: taxonomy.skills.map((s) => ({ id: s.id, label: s.label, tier: s.tier })),
    tiers: taxonomy.tiers,
    values: { ...EMPTY_JOB_FORM, employerId },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  const taxonomy = await loadJobTaxonomy({ language: await getLanguage(request) });
  const outcome = await handleJobForm({ formData: await request.formData(), user, job: null, taxonomy });
  if (outcome.kind === "redirect") return redirect(outcome.to);
  return data(outcome.payload, { status: outcome.status });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "employerJobs.new.title");

export default function NewJobPage() {
  const { t } = useTranslation();
  const { employers, skills, tiers, values } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <nav aria-label={t("employerJobs.breadcrumb")} className="text-sm">
        <Link to="/employer/jobs" className="text-brand-700 underline">{t("employerJobs.list.title")}</Link>
      </nav>
      <PageTitle lead={t("employerJobs.new.lead")}>{t("employerJobs.new.title")}</PageTitle>
      {employers.length === 0 ? (
        <p>{t("employerJobs.list.noEmployer")}</p>
      ) : (
        <JobPostForm
          formKey={answer?.formKey ?? "initial"}
          values={answer?.values ?? values}
          errors={answer?.errors ?? {}}
          suggestion={answer?.suggestion ?? null}
          skills={skills}
          tiers={tiers}
          employers={employers}
          status={null}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
