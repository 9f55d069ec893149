import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatDate, formatDateTime, formatNumber } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { listConsents, withdrawConsent } from "~/modules/privacy/consents.server";
import { privacyContacts } from "~/modules/privacy/contacts.server";
import { pendingDeletion } from "~/modules/privacy/deletion.server";
import { exportDownloadPath, latestExport } from "~/modules/privacy/export.server";

/** /account/privacy: my rights in one place — my consents, a copy of my data, deleting my account, whom to write to. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [consents, deletion, current] = await Promise.all([listConsents(user.id), pendingDeletion(user.id), latestExport({ userId: user.id })]);
  return data(
    { consents, deletion, contacts: privacyContacts(), current: current ? { ...current, url: current.state === "ready" ? exportDownloadPath(current.id) : null } : null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "withdraw") return data({ error: "unknown_action" as const }, { status: 400 });
  const withdrawn = await withdrawConsent({ userId: user.id, kind: String(form.get("kind") ?? "") });
  if (!withdrawn) return data({ error: "not_withdrawable" as const }, { status: 400 });
  return redirect("/account/privacy?done=withdrawn");
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "privacy.account.title");

export default function AccountPrivacyPage() {
  const { t, i18n } = useTranslation();
  const { consents, deletion, contacts, current } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const lng = i18n.language;
  // While the export is prepared, the page looks again every 3 seconds (without JavaScript: reload it).
  useEffect(() => {
    if (current?.state !== "pending") return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 3_000);
    return () => clearInterval(timer);
  }, [current?.state, revalidator]);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <PageTitle lead={t("privacy.account.lead")}>{t("privacy.account.title")}</PageTitle>
      {params.get("done") === "withdrawn" ? <Alert tone="success">{t("privacy.account.withdrawn")}</Alert> : null}
      {actionData?.error ? <Alert tone="error">{t(`privacy.account.errors.${actionData.error}`)}</Alert> : null}
      {deletion ? (
        <Alert tone="error">
          {t("privacy.delete.scheduled", { date: formatDate(deletion.scheduledFor, lng, { dateStyle: "long" }) })}{" "}
          <Link to="/account/delete" className="underline">{t("privacy.delete.cancel")}</Link>
        </Alert>
      ) : null}

      <section aria-labelledby="consents" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="consents" className="text-lg font-semibold">{t("privacy.account.consents")}</h2>
        <ul className="divide-y divide-stone-100">
          {consents.map((c) => (
            <li key={c.kind} className="flex flex-wrap items-center justify-between gap-3 py-3" data-consent={c.kind} data-active={c.active}>
              <div>
                <p className="font-medium">{t(`privacy.consentKinds.${c.kind}`)}</p>
                <p className="text-sm text-stone-700">
                  {c.acceptedAt && c.version
                    ? c.active
                      ? t("privacy.account.given", { version: c.version, date: formatDate(c.acceptedAt, lng, { dateStyle: "long" }) })
                      : t("privacy.account.withdrawnOn", { version: c.version, date: formatDate(c.withdrawnAt ?? c.acceptedAt, lng, { dateStyle: "long" }) })
                    : t("privacy.account.never")}
                </p>
              </div>
              {c.withdrawable ? (
                <Form method="post">
                  <input type="hidden" name="kind" value={c.kind} />
                  <button type="submit" name="intent" value="withdraw" className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50">
                    {t("privacy.account.withdraw")}
                  </button>
                </Form>
              ) : c.kind === "privacy_notice" && c.active ? (
                <p className="text-sm text-stone-600">{t("privacy.account.noticeStays")}</p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section id="export" aria-labelledby="export-title" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="export-title" className="text-lg font-semibold">{t("privacy.export.title")}</h2>
        <p>{t("privacy.export.contents")}</p>
        {current?.state === "pending" ? (
          <div role="status" aria-live="polite" className="space-y-2 rounded-xl border border-sky-200 bg-sky-50 p-5" data-export-state="pending">
            <p className="font-medium">{t("privacy.export.pending")}</p>
            {current.total > 0 ? (
              <>
                <progress value={current.progress} max={current.total} className="w-full" aria-label={t("privacy.export.progressLabel")} />
                <p className="text-sm">{t("privacy.export.progress", { done: formatNumber(current.progress, lng), total: formatNumber(current.total, lng) })}</p>
              </>
            ) : (
              <p className="text-sm">{t("privacy.export.queued")}</p>
            )}
          </div>
        ) : null}
        {current?.state === "ready" && current.url ? (
          <div className="space-y-2 rounded-xl border border-emerald-200 bg-emerald-50 p-5" data-export-state="ready">
            <p className="font-medium">{t("privacy.export.ready", { date: current.expiresAt ? formatDateTime(current.expiresAt, lng) : "" })}</p>
            <a href={current.url} className="inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700" download>
              {t("privacy.export.download")}
            </a>
          </div>
        ) : null}
        {current?.state === "failed" ? <Alert tone="error">{t("privacy.export.failed")}</Alert> : null}
        {current?.state !== "pending" ? (
          <Form method="post" action="/account/export">
            <button type="submit" disabled={navigation.state !== "idle"} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
              {current ? t("privacy.export.again") : t("privacy.export.start")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="rights" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="rights" className="text-lg font-semibold">{t("privacy.account.rights")}</h2>
        <ul className="space-y-2">
          <li><Link to="/account/profile" className="font-medium text-brand-700 underline">{t("privacy.account.rectify")}</Link></li>
          <li><Link to="/account/delete" className="font-medium text-brand-700 underline">{t("privacy.delete.title")}</Link></li>
          <li><Link to="/privacy" className="font-medium text-brand-700 underline">{t("privacy.title")}</Link></li>
        </ul>
        {contacts.email ? (
          <p className="text-sm">
            {t("privacy.account.writeTo")} <a href={`mailto:${contacts.email}`} className="text-brand-700 underline" dir="ltr">{contacts.email}</a>
            {contacts.dpo ? <> · {t("privacy.contacts.dpo")} <a href={`mailto:${contacts.dpo}`} className="text-brand-700 underline" dir="ltr">{contacts.dpo}</a></> : null}
          </p>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
