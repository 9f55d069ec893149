import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { handleCode } from "~/modules/candidates/handle";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { JobFacts } from "~/components/job-facts";
import { WORK_LANGUAGES } from "~/modules/jobs/regions";
import { JobMatches } from "~/components/job-matches";
import { appOrigin } from "~/lib/origin.server";
import { handleMatchAction, jobMatchesSection } from "~/modules/candidates/employer-matches.server";
import { changeJobStatus, countApplications, JobError, requireJobAccess } from "~/modules/jobs/jobs.server";
import { getJobPage } from "~/modules/jobs/public.server";

// A post's employer-side page. The file name's "employer_" keeps it out of /employer's layout (employer.tsx renders
// no <Outlet />).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, job } = await requireJobAccess({ request, jobId: params.jobId ?? "" });
  const language = await getLanguage(request);
  const [page, applications, matches] = await Promise.all([
    getJobPage({ jobId: job.id, viewer: user, language }),
    countApplications({ jobId: job.id }),
    jobMatchesSection({ job, viewerId: user.id, language }),
  ]);
  if (!page) throw data({ error: "not_found" }, { status: 404 });
  return { job: page, applications, matches };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { job, user } = await requireJobAccess({ request, jobId: params.jobId ?? "" });
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "contact") {
    const result = await handleMatchAction({ jobId: job.id, viewerId: user.id, form, origin: appOrigin() });
    if (!result.ok) return data({ error: `matches.errors.${result.error}` as const }, { status: result.status });
    return redirect(`/employer/jobs/${job.id}?contacted=${encodeURIComponent(result.handle)}#matches`);
  }
  if (intent !== "publish" && intent !== "close") return data({ error: "intent_invalid" as const }, { status: 400 });
  if (intent === "publish" && !job.skills.some((s) => s.required)) return data({ error: "required_skill_needed" as const }, { status: 400 });
  try {
    await changeJobStatus({ job, command: intent });
  } catch (error) {
    if (error instanceof JobError && error.code === "closed") return data({ error: "closed" as const }, { status: 409 });
    throw error;
  }
  return redirect(`/employer/jobs/${job.id}?done=${intent === "publish" ? "published" : "closed"}`);
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: loaderData ? `${loaderData.job.title} · Maharat` : "Maharat" }];

const DONE = new Set(["saved", "published", "closed"]);

export default function EmployerJobPage() {
  const { t } = useTranslation();
  const { job, applications, matches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="space-y-6">
      <nav aria-label={t("employerJobs.breadcrumb")} className="text-sm">
        <Link to="/employer/jobs" className="text-brand-700 underline">{t("employerJobs.list.title")}</Link>
      </nav>
      <PageTitle lead={<bdi>{job.employer.name}</bdi>}>
        <span dir="auto">{job.title}</span>
      </PageTitle>
      {done && DONE.has(done) ? <Alert tone="success">{t(`employerJobs.done.${done}`)}</Alert> : null}
      {actionData?.error ? <Alert tone="error">{t(actionData.error.startsWith("matches.") ? actionData.error : `employerJobs.errors.${actionData.error}`)}</Alert> : null}
      {params.get("contacted") ? <Alert tone="success">{t("matches.contact.sent", { handle: t("jobBoard.pseudonym", { code: handleCode(params.get("contacted") ?? "") }) })}</Alert> : null}

      <section aria-labelledby="job-status" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="job-status" className="text-lg font-semibold">{t("employerJobs.page.statusTitle")}</h2>
        <p>
          <strong>{t(`jobs.status.${job.status}`)}</strong> · {t(`employerJobs.page.statusHelp.${job.status}`)}
        </p>
        <p>{t("employerJobs.list.applicationCount", { count: applications })}</p>
        <div className="flex flex-wrap gap-3">
          {job.status !== "CLOSED" ? (
            <Link to={`/employer/jobs/${job.id}/edit`} className="rounded-md border border-stone-300 px-4 py-2 font-medium">{t("employerJobs.list.edit")}</Link>
          ) : null}
          {job.status === "DRAFT" ? (
            <Form method="post">
              <button type="submit" name="intent" value="publish" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t("employerJobs.form.publish")}</button>
            </Form>
          ) : null}
          {job.status !== "CLOSED" ? (
            <Form method="post">
              <button type="submit" name="intent" value="close" className="rounded-md border border-red-300 px-4 py-2 font-medium text-red-800">{t("employerJobs.page.close")}</button>
            </Form>
          ) : null}
          {job.status === "PUBLISHED" ? (
            <Link to={`/jobs/${job.id}`} className="rounded-md border border-stone-300 px-4 py-2 font-medium">{t("employerJobs.list.publicPage")}</Link>
          ) : null}
        </div>
        {job.status !== "CLOSED" ? <p className="text-sm text-stone-600">{t("employerJobs.page.closeHelp")}</p> : null}
      </section>

      <JobFacts job={job} />

      <JobMatches
        matches={matches.matches}
        skillLabels={matches.skillLabels}
        regionLabels={matches.regionLabels}
        languageLabels={Object.fromEntries(WORK_LANGUAGES.map((l) => [l, t(`jobs.languages.${l}`)]))}
        published={matches.published}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
