import { getFormProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvDownload } from "~/components/csv-download";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, FormErrors, PageTitle, SubmitButton } from "~/components/ui/form";
import { useZodForm } from "~/components/ui/use-zod-form";
import { formatNumber } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { localized } from "~/modules/catalog/localize";
import { AttemptError } from "~/modules/exams/attempts.server";
import { analysisCohort } from "~/modules/cohorts/analysis-scope.server";
import { loadItemAnalysis } from "~/modules/exams/item-analysis-route.server";
import { MAX_REGRADE_REASON_CHARS } from "~/modules/exams/regrade";
import { findNewerExamVersion, previewRegrade, regradeAttempts, RegradeError, type RegradeSkip } from "~/modules/exams/regrade.server";

/** Regrading this version's attempts onto the newest version of the exam (after a key correction). */
const RegradeSchema = z.object({
  intent: z.literal("regrade", { error: "regrade.errors.bad_request" }),
  toVersionId: z.string({ error: "regrade.errors.bad_request" }).min(1, "regrade.errors.bad_request"),
  reason: z
    .string({ error: "regrade.errors.reason_required" })
    .trim()
    .min(1, "regrade.errors.reason_required")
    .max(MAX_REGRADE_REASON_CHARS, "regrade.errors.reason_too_long"),
});

/** Skipped attempts per reason (the page shows counts; the full list is in each attempt's history). */
function countSkips(skipped: readonly RegradeSkip[]) {
  const counts: Record<RegradeSkip["reason"], number> = { item_missing: 0, item_changed: 0, needs_review: 0 };
  for (const skip of skipped) counts[skip.reason] += 1;
  return counts;
}

/** Expected failures of the regrade modules as a status and a catalogue key; anything else is a bug (500). */
function regradeFailure(error: unknown) {
  if (error instanceof RegradeError || error instanceof AttemptError) return { status: error.status, message: `regrade.errors.${error.code}` };
  throw error;
}

/** Item statistics for one exam version, for instructors (CSV export: the sibling route …/csv). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const language = await getLanguage(request);
  const versionId = params.versionId ?? "";
  const cohort = await analysisCohort(request);
  const analysis = await loadItemAnalysis(versionId, cohort?.learnerIds);
  const target = await findNewerExamVersion({ examVersionId: versionId });
  let regrade = null;
  if (target) {
    try {
      const preview = await previewRegrade({ fromVersionId: versionId, toVersionId: target.id });
      regrade = { ...preview, skipped: countSkips(preview.skipped), skippedTotal: preview.skipped.length };
    } catch (error) {
      const failure = regradeFailure(error);
      throw data({ error: failure.message }, { status: failure.status });
    }
  }
  return {
    version: { ...analysis.version, title: localized(analysis.version.title, language) },
    attemptCount: analysis.attemptCount,
    cohort: cohort ? { id: cohort.id, name: cohort.name, centre: cohort.centre.name } : null,
    rows: analysis.rows.map((r) => ({ ...r, prompt: localized(r.prompt, language) })),
    regrade,
  };
}

/** intent=regrade: moves this version's graded attempts onto `toVersionId` and recomputes them (regrade.server.ts). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const submission = parseWithZod(await request.formData(), { schema: RegradeSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), report: null }, { status: 400 });
  try {
    const report = await regradeAttempts({
      fromVersionId: params.versionId ?? "",
      toVersionId: submission.value.toVersionId,
      reason: submission.value.reason,
      actorId: user.id,
    });
    return { result: submission.reply({ resetForm: true }), report: { ...report, skipped: countSkips(report.skipped), skippedTotal: report.skipped.length } };
  } catch (error) {
    const failure = regradeFailure(error);
    return data({ result: submission.reply({ formErrors: [failure.message] }), report: null }, { status: failure.status });
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "analysis.title");

export default function ItemAnalysisPage() {
  const { t, i18n } = useTranslation();
  const { version, attemptCount, rows, regrade, cohort } = useLoaderData<typeof loader>();
  const num = (value: number | null, digits = 2) =>
    value === null ? "—" : formatNumber(value, i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (
    <div className="space-y-6">
      <PageTitle lead={t("analysis.lead", { version: version.version, count: attemptCount })}>{version.title}</PageTitle>
      {cohort ? (
        <p className="rounded-md bg-stone-100 px-3 py-2 text-sm">
          {t("reviews.cohortFilter", { cohort: cohort.name, centre: cohort.centre })}{" "}
          <Link to={`/exam-analysis/${version.id}`} className="text-brand-700 underline">{t("cohorts.analysis.allLearners")}</Link>
        </p>
      ) : null}
      <p>
        <CsvDownload href={`/exam-analysis/${version.id}/csv${cohort ? `?cohort=${cohort.id}` : ""}`} label={t("analysis.csv")} className="font-medium text-brand-700 underline" />
      </p>
      {/* Focusable so keyboard users can scroll the wide table (WCAG 2.1.1). */}
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white" tabIndex={0} role="region" aria-label={t("analysis.title")}>
        <table className="w-full text-sm">
          <caption className="sr-only">{t("analysis.title")}</caption>
          <thead>
            <tr className="border-b border-stone-200 text-start">
              <th scope="col" className="p-2 text-start">{t("analysis.item")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.attempts")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.facility")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.discrimination")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.index27")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.flags")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.itemId} className={`border-b border-stone-100 ${r.flags.length ? "bg-amber-50" : ""}`}>
                <td className="p-2">
                  <span className="font-mono text-xs">{r.itemId}</span>
                  <p className="line-clamp-2">{r.prompt}</p>
                  {r.optionFrequencies ? (
                    <p className="text-xs text-stone-600">
                      {r.optionFrequencies.options.map((o) => `${o.correct ? "✓ " : ""}${o.id}: ${o.count}`).join(" · ")} · {t("analysis.noAnswer")}: {r.optionFrequencies.noAnswer}
                    </p>
                  ) : null}
                </td>
                <td className="p-2">{r.attempts}</td>
                <td className="p-2">{num(r.facility)}</td>
                <td className="p-2">{num(r.discrimination)}</td>
                <td className="p-2">{num(r.discriminationIndex27)}</td>
                <td className="p-2">{r.flags.map((f) => t(`analysis.flag.${f}`)).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {regrade ? <RegradeSection regrade={regrade} /> : null}
    </div>
  );
}

type RegradeOffer = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["regrade"]>;

/** What a regrade onto the newest version would do, the form to run it, and the report of the last run. */
function RegradeSection({ regrade }: { regrade: RegradeOffer }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({ id: "regrade", schema: RegradeSchema, lastResult: actionData?.result });
  const report = actionData?.report ?? null;
  const hintId = `${fields.reason.id}-hint`;
  const figure = (label: string, value: number) => (
    <div className="flex justify-between gap-4 border-b border-stone-100 py-1">
      <dt>{label}</dt>
      <dd className="font-semibold">{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="regrade-title" className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="regrade-title" className="text-lg font-semibold">{t("regrade.title")}</h2>
      <p>{t("regrade.lead", { from: regrade.from.version, to: regrade.to.version })}</p>
      {regrade.changedItemIds.length > 0 ? (
        <p className="text-sm">
          {t("regrade.changedItems")} <span className="font-mono text-xs">{regrade.changedItemIds.join(", ")}</span>
        </p>
      ) : (
        <p className="text-sm text-stone-600">{t("regrade.noChangedItems")}</p>
      )}
      <dl className="max-w-md text-sm">
        {figure(t("regrade.preview.attempts"), regrade.attempts)}
        {figure(t("regrade.preview.compatible"), regrade.compatible)}
        {figure(t("regrade.preview.skipped"), regrade.skippedTotal)}
        {figure(t("regrade.preview.scoreChanged"), regrade.scoreChanged)}
        {figure(t("regrade.preview.passGained"), regrade.passGained)}
        {figure(t("regrade.preview.passRevoked"), regrade.passRevoked)}
      </dl>
      {regrade.passRevoked > 0 ? <Alert tone="info">{t("regrade.revokedNotice")}</Alert> : null}
      {report ? (
        <div className="space-y-2">
          <Alert tone="success">{t("regrade.done", { count: report.regraded + report.unchanged })}</Alert>
          <dl className="max-w-md text-sm">
            {figure(t("regrade.report.regraded"), report.regraded)}
            {figure(t("regrade.report.unchanged"), report.unchanged)}
            {figure(t("regrade.report.skippedItemMissing"), report.skipped.item_missing)}
            {figure(t("regrade.report.skippedItemChanged"), report.skipped.item_changed)}
            {figure(t("regrade.report.skippedNeedsReview"), report.skipped.needs_review)}
            {figure(t("regrade.report.passGained"), report.passGained)}
            {figure(t("regrade.report.passRevoked"), report.passRevoked)}
          </dl>
          {report.passRevokedAttemptIds.length > 0 ? (
            <p className="text-sm">
              {t("regrade.report.revokedAttempts")} <span className="font-mono text-xs">{report.passRevokedAttemptIds.join(", ")}</span>
            </p>
          ) : null}
        </div>
      ) : null}
      {regrade.compatible > 0 ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <input type="hidden" name="intent" value="regrade" />
          <input type="hidden" name="toVersionId" value={regrade.to.id} />
          <div>
            <label htmlFor={fields.reason.id} className="block text-sm font-medium text-stone-800">{t("regrade.reason")}</label>
            <textarea
              {...getTextareaProps(fields.reason, { ariaDescribedBy: hintId })}
              rows={3}
              dir="auto"
              className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 aria-[invalid]:border-red-600"
            />
            <p id={hintId} className="mt-1 text-sm text-stone-600">{t("regrade.reasonHint", { max: MAX_REGRADE_REASON_CHARS })}</p>
            <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
          </div>
          <FormErrors errors={[...(form.errors ?? []), ...(fields.intent.errors ?? []), ...(fields.toVersionId.errors ?? [])]} />
          <SubmitButton disabled={navigation.state === "submitting"}>{t("regrade.submit", { version: regrade.to.version })}</SubmitButton>
        </Form>
      ) : (
        <p className="text-sm text-stone-600">{t("regrade.nothingToDo")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
