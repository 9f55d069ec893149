import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CredentialVerification, useProblemMessage } from "~/components/credential-verification";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { pageMeta } from "~/lib/meta";
import { bulkVerifyByIp, clientIp, consumePoint } from "~/lib/rate-limit.server";
import { checkVerifyRate } from "~/modules/certification/api.server";
import { MAX_BULK_ROWS, verifyCsvOfLinks } from "~/modules/certification/bulk-verify.server";
import {
  MAX_CREDENTIAL_BYTES,
  type PresentedInputError,
  verifyPresentedFile,
  verifyPresentedText,
  verifyStoredCredential,
} from "~/modules/certification/public-verify.server";

const PasteSchema = z.object({ intent: z.literal("paste"), credential: z.string() });
const UploadSchema = z.object({ intent: z.literal("upload"), file: z.instanceof(File) });
const BulkSchema = z.object({ intent: z.literal("bulk"), csv: z.instanceof(File) });
const ActionSchema = z.discriminatedUnion("intent", [PasteSchema, UploadSchema, BulkSchema]);

type Intent = z.infer<typeof ActionSchema>["intent"];
type InputError = PresentedInputError | "csv_empty" | "bad_request" | "rate_limited" | "rate_limited_minute";

/** The field each intent's errors are shown under. */
const FIELD: Record<Intent, string> = { paste: "credential", upload: "file", bulk: "csv" };

/** `?id=` opens one of our credentials by uuid or link (the QR code's target). */
export async function loader({ request }: LoaderFunctionArgs) {
  const id = new URL(request.url).searchParams.get("id")?.trim() ?? "";
  if (!id) return data({ id, byId: null, notFound: false, maxBulkRows: MAX_BULK_ROWS });
  const view = await verifyStoredCredential({ credentialId: id });
  return data({ id, byId: view, notFound: !view, maxBulkRows: MAX_BULK_ROWS }, { status: view ? 200 : 404, headers: { "Cache-Control": "no-store" } });
}

// A form post is a few bytes more than its largest field; urlencoded text can triple in size.
const MAX_URLENCODED_BYTES = 4 * MAX_CREDENTIAL_BYTES;

async function readForm(request: Request): Promise<FormData | "too_large" | "bad_request"> {
  const contentType = request.headers.get("Content-Type") ?? "";
  try {
    if (contentType.startsWith("multipart/form-data")) {
      return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CREDENTIAL_BYTES }));
    }
    if (Number(request.headers.get("Content-Length") ?? 0) > MAX_URLENCODED_BYTES) return "too_large";
    return await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too_large";
    // A malformed body (bad boundary, truncated upload) is the sender's problem, not a server error.
    return "bad_request";
  }
}

function inputError(intent: Intent | null, error: InputError, status = 400) {
  return data({ intent, field: intent ? FIELD[intent] : null, error, result: null, bulk: null }, { status });
}

/** Verifies a pasted credential, an uploaded JSON or baked PNG, or (bulk) a CSV of links. Open to anyone. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const claimedIntent = typeof form === "string" ? null : form.get("intent");
  const intent = claimedIntent === "paste" || claimedIntent === "upload" || claimedIntent === "bulk" ? claimedIntent : null;
  if (typeof form === "string") return inputError(intent, form);
  const parsed = ActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return inputError(intent, "bad_request");

  if (parsed.data.intent === "bulk") {
    // Public and costly (up to 200 verifications): limited per client address.
    const rate = await consumePoint(bulkVerifyByIp, clientIp(request));
    if (!rate.allowed) return inputError("bulk", "rate_limited", 429);
    const file = parsed.data.csv;
    if (file.size > MAX_CREDENTIAL_BYTES) return inputError("bulk", "too_large");
    const bulk = await verifyCsvOfLinks({ csv: await file.text() });
    if (bulk.rows.length === 0) return inputError("bulk", "csv_empty");
    return data({ intent: "bulk" as const, field: null, error: null, result: null, bulk });
  }
  // Each check costs a verification: public, so limited per client address (the API token is not).
  if ((await checkVerifyRate(request)) !== null) return inputError(parsed.data.intent, "rate_limited_minute", 429);
  const outcome =
    parsed.data.intent === "paste"
      ? await verifyPresentedText(parsed.data.credential)
      : await verifyPresentedFile(new Uint8Array(await parsed.data.file.arrayBuffer()));
  if (!outcome.ok) return inputError(parsed.data.intent, outcome.error);
  return data({ intent: parsed.data.intent, field: null, error: null, result: outcome.view, bulk: null });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "credentials.verify.title");

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm";
const buttonClass = "rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60";
const cardClass = "space-y-3 rounded-xl border border-stone-200 bg-white p-5";

export default function VerifyPage() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const isBusy = navigation.state === "submitting";
  const messageOf = useProblemMessage();
  const errorsFor = (field: string) =>
    actionData?.error && actionData.field === field ? [`credentials.verify.errors.${actionData.error}`] : undefined;
  const result = actionData?.result ?? (actionData ? null : loaderData.byId);
  const bulk = actionData?.bulk ?? null;

  return (
    <div className="space-y-6">
      <PageTitle lead={t("credentials.verify.lead")}>{t("credentials.verify.title")}</PageTitle>

      {actionData?.error && !actionData.field ? <Alert tone="error">{t(`credentials.verify.errors.${actionData.error}`)}</Alert> : null}
      {!actionData && loaderData.notFound ? <Alert tone="error">{t("credentials.verify.notFound")}</Alert> : null}
      {result ? <CredentialVerification view={result} /> : null}

      {bulk ? (
        <section aria-labelledby="bulk-result" className={cardClass}>
          <h2 id="bulk-result" className="text-lg font-semibold">{t("credentials.verify.bulk.checked", { count: bulk.rows.length })}</h2>
          {bulk.isTruncated ? <Alert tone="info">{t("credentials.verify.bulk.truncated", { total: String(bulk.totalRows), max: String(loaderData.maxBulkRows) })}</Alert> : null}
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("credentials.verify.bulk.title")}</caption>
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="p-2 text-start">{t("credentials.verify.bulk.columns.line")}</th>
                  <th scope="col" className="p-2 text-start">{t("credentials.verify.bulk.columns.link")}</th>
                  <th scope="col" className="p-2 text-start">{t("credentials.verify.bulk.columns.status")}</th>
                  <th scope="col" className="p-2 text-start">{t("credentials.verify.bulk.columns.achievement")}</th>
                  <th scope="col" className="p-2 text-start">{t("credentials.verify.bulk.columns.holder")}</th>
                  <th scope="col" className="p-2 text-start">{t("credentials.verify.bulk.columns.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {bulk.rows.map((row) => (
                  <tr key={`${row.line}-${row.link}`} data-status={row.status} className="border-b border-stone-100 align-top">
                    <td className="p-2">{row.line}</td>
                    <td className="max-w-xs break-all p-2" dir="ltr">{row.link}</td>
                    <td className={`p-2 font-semibold ${row.status === "valid" ? "text-emerald-800" : "text-red-800"}`}>{t(`credentials.status.${row.status}`)}</td>
                    <td className="p-2"><bdi>{row.achievement ?? "—"}</bdi></td>
                    <td className="p-2"><bdi>{row.holder ?? "—"}</bdi></td>
                    <td className="p-2">
                      {row.reasons.length ? (
                        <ul className="space-y-1">
                          {row.reasons.map((problem) => <li key={problem.code}>{messageOf(problem)}</li>)}
                        </ul>
                      ) : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="by-link" className={cardClass}>
        <h2 id="by-link" className="text-lg font-semibold">{t("credentials.verify.byLinkTitle")}</h2>
        <Form method="get" className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <label htmlFor="verify-id" className="block text-sm font-medium">{t("credentials.verify.idLabel")}</label>
            <input id="verify-id" name="id" type="text" dir="ltr" defaultValue={loaderData.id} required className={inputClass} />
          </div>
          <button type="submit" className={buttonClass}>{t("credentials.verify.idSubmit")}</button>
        </Form>
      </section>

      <section aria-labelledby="paste" className={cardClass}>
        <h2 id="paste" className="text-lg font-semibold">{t("credentials.verify.pasteTitle")}</h2>
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="paste" />
          <div>
            <label htmlFor="verify-credential" className="block text-sm font-medium">{t("credentials.verify.pasteLabel")}</label>
            <textarea
              id="verify-credential"
              name="credential"
              rows={8}
              required
              dir="ltr"
              spellCheck={false}
              aria-invalid={errorsFor("credential") ? true : undefined}
              aria-describedby={errorsFor("credential") ? "verify-credential-error" : undefined}
              className={`${inputClass} font-mono text-sm`}
            />
            <FieldErrors id="verify-credential-error" errors={errorsFor("credential")} />
          </div>
          <button type="submit" disabled={isBusy} className={buttonClass}>{t("credentials.verify.pasteSubmit")}</button>
        </Form>
      </section>

      <section aria-labelledby="upload" className={cardClass}>
        <h2 id="upload" className="text-lg font-semibold">{t("credentials.verify.uploadTitle")}</h2>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <input type="hidden" name="intent" value="upload" />
          <div>
            <label htmlFor="verify-file" className="block text-sm font-medium">{t("credentials.verify.uploadLabel")}</label>
            <input
              id="verify-file"
              name="file"
              type="file"
              accept=".json,.jsonld,application/json,application/ld+json,.png,image/png"
              required
              aria-invalid={errorsFor("file") ? true : undefined}
              aria-describedby={`verify-file-hint${errorsFor("file") ? " verify-file-error" : ""}`}
              className={inputClass}
            />
            <p id="verify-file-hint" className="mt-1 text-sm text-stone-600">{t("credentials.verify.uploadHint")}</p>
            <FieldErrors id="verify-file-error" errors={errorsFor("file")} />
          </div>
          <button type="submit" disabled={isBusy} className={buttonClass}>{t("credentials.verify.uploadSubmit")}</button>
        </Form>
      </section>

      <section aria-labelledby="bulk" className={cardClass}>
        <h2 id="bulk" className="text-lg font-semibold">{t("credentials.verify.bulk.title")}</h2>
        <p id="verify-csv-hint" className="text-sm text-stone-700">{t("credentials.verify.bulk.lead", { max: String(loaderData.maxBulkRows) })}</p>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <input type="hidden" name="intent" value="bulk" />
          <div>
            <label htmlFor="verify-csv" className="block text-sm font-medium">{t("credentials.verify.bulk.label")}</label>
            <input
              id="verify-csv"
              name="csv"
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              required
              aria-invalid={errorsFor("csv") ? true : undefined}
              aria-describedby={`verify-csv-hint${errorsFor("csv") ? " verify-csv-error" : ""}`}
              className={inputClass}
            />
            <FieldErrors id="verify-csv-error" errors={errorsFor("csv")} />
          </div>
          <button type="submit" disabled={isBusy} className={buttonClass}>{t("credentials.verify.bulk.submit")}</button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
