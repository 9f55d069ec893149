import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatNumber } from "~/lib/i18n";
import { appOrigin } from "~/lib/origin.server";
import { requireCohortAccess } from "~/modules/cohorts/access.server";
import { readEnrolmentUpload } from "~/modules/cohorts/enrolment-upload.server";
import {
  EnrolmentError,
  type EnrolmentPreview,
  importEnrolment,
  MAX_ENROLMENT_BYTES,
  MAX_ENROLMENT_ROWS,
  previewEnrolment,
} from "~/modules/cohorts/enrolment.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "", need: "manage" });
  return { centre: access.centre, cohort: { id: access.cohort.id, name: access.cohort.name }, limits: { rows: MAX_ENROLMENT_ROWS, megabytes: MAX_ENROLMENT_BYTES / 1024 / 1024 } };
}

type PreviewRowView = Omit<EnrolmentPreview["rows"][number], "cells">;
type ActionResult =
  | { step: "preview"; preview: { rows: PreviewRowView[]; counts: EnrolmentPreview["counts"]; ignoredColumns: string[] }; csv: string }
  | { step: "imported"; counts: { created: number; enrolled: number; alreadyEnrolled: number; rejected: number }; rejected: PreviewRowView[]; csv: string }
  | { step: "error"; error: "no_file" | "too_large" | "bad_request" | "cohort_not_found" | "cohort_archived"; fileProblems?: EnrolmentPreview["fileProblems"] };

/** Step 1 (intent "preview"): each row as new / existing / already enrolled / invalid, nothing written. Step 2 ("import"). */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "", need: "manage" });
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return data<ActionResult>({ step: "error", error: "bad_request" }, { status: 400 });
  }
  const upload = await readEnrolmentUpload(request);
  if (upload === "too_large" || upload === "bad_request") return data<ActionResult>({ step: "error", error: upload }, { status: upload === "too_large" ? 413 : 400 });
  if (!upload.csv) return data<ActionResult>({ step: "error", error: "no_file" }, { status: 400 });
  const withoutCells = (rows: EnrolmentPreview["rows"]): PreviewRowView[] => rows.map(({ cells: _cells, ...row }) => row);
  try {
    if (upload.intent === "import") {
      // What will be refused is read first, so the result can name each rejected row and why.
      const before = await previewEnrolment({ cohortId: access.cohort.id, csv: upload.csv });
      const result = await importEnrolment({ cohortId: access.cohort.id, csv: upload.csv, actorId: access.user.id, origin: appOrigin() });
      if (result.fileProblems.length > 0) return data<ActionResult>({ step: "error", error: "bad_request", fileProblems: result.fileProblems }, { status: 400 });
      const counts = { created: result.created, enrolled: result.enrolled, alreadyEnrolled: result.alreadyEnrolled, rejected: result.rejected };
      return data<ActionResult>({ step: "imported", counts, rejected: withoutCells(before.rows.filter((row) => row.status === "invalid")), csv: upload.csv });
    }
    const preview = await previewEnrolment({ cohortId: access.cohort.id, csv: upload.csv });
    if (preview.fileProblems.length > 0) return data<ActionResult>({ step: "error", error: "bad_request", fileProblems: preview.fileProblems }, { status: 400 });
    return data<ActionResult>({ step: "preview", preview: { rows: withoutCells(preview.rows), counts: preview.counts, ignoredColumns: preview.ignoredColumns }, csv: upload.csv });
  } catch (error) {
    if (error instanceof EnrolmentError) return data<ActionResult>({ step: "error", error: error.code }, { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: loaderData ? `${loaderData.cohort.name} · Maharat` : "Maharat" }];

const STATUS_STYLE: Record<string, string> = {
  new_account: "text-emerald-800",
  existing_account: "text-sky-800",
  already_enrolled: "text-stone-600",
  invalid: "text-red-700 font-semibold",
};

export default function EnrolPage() {
  const { t, i18n } = useTranslation();
  const { centre, cohort, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = i18n.language;
  const imported = result?.step === "imported" ? result : null;
  return (
    <div className="space-y-6">
      <nav aria-label={t("cohorts.breadcrumb")} className="text-sm">
        <Link to={`/centre/${centre.slug}/cohorts/${cohort.id}`} className="text-brand-700 underline" dir="auto">{cohort.name}</Link>
      </nav>
      <PageTitle lead={t("enrolment.columnsHelp", { maxRows: formatNumber(limits.rows, lng), maxMegabytes: limits.megabytes })}>{t("cohorts.enrol.title")}</PageTitle>

      {imported ? (
        <>
          <Alert tone="success">
            <p className="font-semibold">{t("cohorts.enrol.done")}</p>
            <ul className="mt-1 list-disc ps-5">
              {(["created", "enrolled", "alreadyEnrolled", "rejected"] as const).map((key) => (
                <li key={key}>{t(`enrolment.result.${key}`, { count: imported.counts[key] })}</li>
              ))}
            </ul>
            {imported.counts.created + imported.counts.enrolled > 0 ? <p className="mt-1">{t("enrolment.result.emailsQueued")}</p> : null}
          </Alert>
          {imported.rejected.length > 0 ? (
            <section aria-labelledby="rejected" className="space-y-3 rounded-xl border border-red-200 bg-white p-6">
              <h2 id="rejected" className="text-lg font-semibold">{t("enrolment.rejectedTitle")}</h2>
              <ul className="space-y-1 text-sm" data-testid="rejected-rows">
                {imported.rejected.map((row) => (
                  <li key={row.line}>
                    {t("cohorts.enrol.line")} {row.line} · <bdi>{row.name || "—"}</bdi> · {row.email || "—"} — {row.problems.map((p) => t(`enrolment.problem.${p.code}`, "params" in p ? p.params : {})).join(" ; ")}
                  </li>
                ))}
              </ul>
              <Form method="post" action={`/centre/${centre.slug}/cohorts/${cohort.id}/rejected.csv`} encType="multipart/form-data" reloadDocument>
                <input type="hidden" name="intent" value="rejected" />
                <textarea name="csv" defaultValue={imported.csv} hidden readOnly aria-hidden="true" />
                <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-100">{t("enrolment.rejectedDownload")}</button>
              </Form>
            </section>
          ) : null}
        </>
      ) : null}

      {result?.step === "error" ? (
        <Alert tone="error">
          {result.fileProblems && result.fileProblems.length > 0
            ? result.fileProblems.map((p) => <p key={p.code}>{t(`enrolment.fileProblem.${p.code}`, "params" in p ? p.params : {})}</p>)
            : result.error === "cohort_not_found" || result.error === "cohort_archived"
              ? t(`enrolment.error.${result.error}`)
              : t(`cohorts.enrol.errors.${result.error}`)}
        </Alert>
      ) : null}

      {result?.step === "preview" ? (
        <section aria-labelledby="preview" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          <h2 id="preview" className="text-lg font-semibold">{t("cohorts.enrol.previewTitle")}</h2>
          {result.preview.ignoredColumns.length > 0 ? (
            <p className="text-sm text-stone-700" data-testid="ignored-columns">{t("enrolment.ignoredColumns", { columns: result.preview.ignoredColumns.join(", ") })}</p>
          ) : null}
          <ul className="flex flex-wrap gap-4" data-testid="preview-counts">
            {(["new_account", "existing_account", "already_enrolled", "invalid"] as const).map((s) => (
              <li key={s} className={STATUS_STYLE[s]}>{t(`enrolment.count.${s}`, { count: result.preview.counts[s] })}</li>
            ))}
          </ul>
          <div className="max-h-[28rem] overflow-auto" tabIndex={0} role="region" aria-labelledby="preview">
            <table className="w-full text-start text-sm">
              <thead className="sticky top-0 bg-white">
                <tr className="border-b border-stone-200">
                  <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.enrol.line")}</th>
                  <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.csv.name")}</th>
                  <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.csv.email")}</th>
                  <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.csv.studentId")}</th>
                  <th scope="col" className="py-2 pe-3 text-start">{t("cohorts.enrol.status")}</th>
                </tr>
              </thead>
              <tbody>
                {result.preview.rows.map((row) => (
                  <tr key={row.line} className="border-b border-stone-100 align-top" data-status={row.status}>
                    <td className="py-1 pe-3">{row.line}</td>
                    <td className="py-1 pe-3"><bdi>{row.name}</bdi></td>
                    <td className="py-1 pe-3">{row.email}</td>
                    <td className="py-1 pe-3">{row.studentId ?? ""}</td>
                    <td className={`py-1 ${STATUS_STYLE[row.status]}`}>
                      {t(`enrolment.status.${row.status}`)}
                      {row.problems.map((p) => (
                        <div key={p.code} className="font-normal">{t(`enrolment.problem.${p.code}`, "params" in p ? p.params : {})}</div>
                      ))}
                      {row.warnings.map((w) => (
                        <div key={w.code} className="font-normal text-amber-800">{t(`enrolment.warning.${w.code}`, "params" in w ? w.params : {})}</div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="intent" value="import" />
            <textarea name="csv" defaultValue={result.csv} hidden readOnly aria-hidden="true" />
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700" disabled={navigation.state === "submitting"}>
              {t("cohorts.enrol.confirm", { count: result.preview.counts.new_account + result.preview.counts.existing_account })}
            </button>
            <Link to="." className="text-brand-700 underline">{t("cohorts.enrol.cancel")}</Link>
            {result.preview.counts.invalid > 0 ? <p className="w-full text-sm text-stone-600">{t("cohorts.enrol.invalidSkipped")}</p> : null}
          </Form>
        </section>
      ) : (
        <Form method="post" encType="multipart/form-data" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          <input type="hidden" name="intent" value="preview" />
          <div>
            <label htmlFor="file" className="block text-sm font-medium">{t("cohorts.enrol.file")}</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required className="mt-1 block" />
          </div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700" disabled={navigation.state === "submitting"}>
            {t("cohorts.enrol.preview")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
