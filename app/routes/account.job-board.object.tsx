import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MatchBreakdownTable } from "~/components/match-breakdown";
import { Alert, FieldErrors, FormErrors, PageTitle, SubmitButton } from "~/components/ui/form";
import { useZodForm } from "~/components/ui/use-zod-form";
import { orErrorPage } from "~/lib/errors.server";
import { formatDateTime } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { CandidateError } from "~/modules/candidates/errors";
import { skillLabelMap } from "~/modules/catalog/skills.server";
import { fileObjection, getObjectionContext } from "~/modules/candidates/objections.server";
import { OBJECTION_MAX_LENGTH, ObjectionSchema } from "~/modules/candidates/schemas";

/** /account/job-board/object?job=<id>: why am I ranked like this (or not shown) for this job, and a human review. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const jobId = new URL(request.url).searchParams.get("job") ?? "";
  const context = await orErrorPage(getObjectionContext({ jobId, userId: user.id }));
  const skillLabels = await skillLabelMap({ skillIds: context.breakdown?.contributions.map((c) => c.skillId) ?? [], language: await getLanguage(request) });
  return { ...context, skillLabels };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: ObjectionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    await fileObjection({ jobId: submission.value.jobId, userId: user.id, message: submission.value.message });
  } catch (error) {
    // The message comes back in the form (nothing lost), with the reason.
    if (error instanceof CandidateError) return data({ result: submission.reply({ formErrors: [`jobBoard.errors.${error.code}`] }) }, { status: error.status });
    throw error;
  }
  return redirect("/account/job-board?done=objection#objections");
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "jobBoard.object.title");

export default function ObjectionPage() {
  const { t, i18n } = useTranslation();
  const { job, isListed, rank, tiedWith, exclusions, breakdown, openObjection, skillLabels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({ id: "objection", schema: ObjectionSchema, lastResult: actionData?.result });
  const hintId = `${fields.message.id}-hint`;
  return (
    <div className="space-y-6">
      <PageTitle lead={t("jobBoard.object.lead")}>{t("jobBoard.object.title")}</PageTitle>
      <section aria-labelledby="object-job" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="object-job" className="text-lg font-semibold">
          <Link to={`/jobs/${job.id}`} className="text-brand-700 underline"><bdi>{job.title}</bdi></Link>
        </h2>
        <p className="text-sm text-stone-700"><bdi>{job.employerName}</bdi>{job.status === "CLOSED" ? ` · ${t("jobBoard.object.closed")}` : ""}</p>
        {isListed ? (
          <>
            <p>{rank !== null ? t("jobBoard.object.listedRank", { rank }) : t("jobBoard.object.listed")}</p>
            {tiedWith ? <p data-testid="tie">{t("matches.tied", { count: tiedWith })}</p> : null}
          </>
        ) : (
          <Alert tone="info">
            <p>{t("jobBoard.object.notListed")}</p>
            <ul className="mt-1 list-disc ps-5">
              {exclusions.map((code) => (
                <li key={code}>{t(`jobBoard.exclusions.${code}`)}</li>
              ))}
            </ul>
          </Alert>
        )}
        {breakdown ? (
          <MatchBreakdownTable breakdown={breakdown} skillLabels={skillLabels} caption={isListed ? t("jobBoard.object.current") : t("jobBoard.object.wouldScore")} />
        ) : null}
      </section>
      {openObjection ? (
        <Alert tone="info">
          {t("jobBoard.object.alreadyOpen", { date: formatDateTime(openObjection.createdAt, i18n.language) })}{" "}
          <Link to="/account/job-board#objections" className="font-medium underline">{t("jobBoard.object.see")}</Link>
        </Alert>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
        <input type="hidden" name="jobId" value={job.id} />
        <FormErrors errors={[...(form.errors ?? []), ...(fields.jobId.errors ?? [])]} />
        <div>
          <label htmlFor={fields.message.id} className="block text-sm font-medium text-stone-800">{t("jobBoard.object.message")}</label>
          <textarea
            {...getTextareaProps(fields.message, { ariaDescribedBy: hintId })}
            rows={6}
            dir="auto"
            className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 aria-[invalid]:border-red-600"
          />
          <p id={hintId} className="mt-1 text-sm text-stone-600">{t("jobBoard.object.hint", { max: OBJECTION_MAX_LENGTH })}</p>
          <FieldErrors id={fields.message.errorId} errors={fields.message.errors} />
        </div>
        <p className="text-sm text-stone-700">{t("jobBoard.object.whatHappens")}</p>
        <SubmitButton disabled={navigation.state === "submitting"}>{t("jobBoard.object.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
