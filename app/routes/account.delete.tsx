import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { parseEnv } from "~/lib/env.server";
import { formatDate } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { serializeBlankSessionCookie } from "~/modules/accounts/session.server";
import { cancelDeletion, organisationsOnlyAdministeredBy, pendingDeletion, scheduleDeletion } from "~/modules/privacy/deletion.server";

/** /account/delete: delete my account, confirmed by password, after a grace period during which I can cancel. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [pending, onlyAdminOf] = await Promise.all([pendingDeletion(user.id), organisationsOnlyAdministeredBy(user.id)]);
  return data({ pending, onlyAdminOf, graceDays: parseEnv().ACCOUNT_DELETION_GRACE_DAYS }, { headers: { "Cache-Control": "no-store" } });
}

/** POST /account/delete with `password` schedules the deletion (grace 0: carried out at once); intent=cancel cancels it. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") === "cancel") {
    const cancelled = await cancelDeletion({ userId: user.id });
    return cancelled ? redirect("/account/delete?done=cancelled") : data({ error: "nothing_to_cancel" as const, organisations: [] as string[] }, { status: 409 });
  }
  const password = String(form.get("password") ?? "");
  if (password === "") return data({ error: "password_required" as const, organisations: [] as string[] }, { status: 400 });
  const result = await scheduleDeletion({ userId: user.id, password });
  if (!result.ok) {
    return data({ error: result.refusal.code, organisations: result.refusal.organisations ?? [] }, { status: result.refusal.code === "last_admin" ? 409 : 400 });
  }
  if (result.erased) return redirect("/login?notice=account-deleted", { headers: { "Set-Cookie": await serializeBlankSessionCookie(request) } });
  return redirect("/account/delete?done=scheduled");
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "privacy.delete.title");

export default function DeleteAccountPage() {
  const { t, i18n } = useTranslation();
  const { pending, onlyAdminOf, graceDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const lng = i18n.language;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <nav className="text-sm"><Link to="/account/privacy" className="text-brand-700 underline">{t("privacy.title")}</Link></nav>
      <PageTitle lead={t("privacy.delete.lead")}>{t("privacy.delete.title")}</PageTitle>
      {done === "cancelled" ? <Alert tone="success">{t("privacy.delete.cancelled")}</Alert> : null}
      {actionData?.error === "last_admin" ? <Alert tone="error">{t("privacy.delete.errors.last_admin", { organisations: actionData.organisations.join(", ") })}</Alert> : null}
      {actionData?.error === "nothing_to_cancel" ? <Alert tone="error">{t("privacy.delete.errors.nothing_to_cancel")}</Alert> : null}
      {pending ? (
        <div className="space-y-3 rounded-xl border border-amber-200 bg-amber-50 p-5" data-deletion="scheduled">
          <p className="font-medium">{t("privacy.delete.scheduled", { date: formatDate(pending.scheduledFor, lng, { dateStyle: "long" }) })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="cancel" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
              {t("privacy.delete.cancel")}
            </button>
          </Form>
        </div>
      ) : (
        <>
          <section className="space-y-2 rounded-xl border border-stone-200 bg-white p-6">
            <h2 className="text-lg font-semibold">{t("privacy.delete.whatTitle")}</h2>
            <ul className="list-disc space-y-1 ps-6">
              <li>{t("privacy.delete.what.erased")}</li>
              <li>{t("privacy.delete.what.credentials")}</li>
              <li>{t("privacy.delete.what.kept")}</li>
              <li>{graceDays > 0 ? t("privacy.delete.what.grace", { count: graceDays }) : t("privacy.delete.what.now")}</li>
            </ul>
            <p><Link to="/account/privacy#export" className="text-brand-700 underline">{t("privacy.delete.exportFirst")}</Link></p>
          </section>
          {onlyAdminOf.length > 0 ? (
            <Alert tone="error">{t("privacy.delete.errors.last_admin", { organisations: onlyAdminOf.join(", ") })}</Alert>
          ) : (
            <Form method="post" className="space-y-4 rounded-xl border border-red-200 bg-red-50 p-6" noValidate>
              <div>
                <label htmlFor="delete-password" className="block text-sm font-medium">{t("privacy.delete.password")}</label>
                <input
                  id="delete-password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2"
                  aria-invalid={actionData?.error === "wrong_password" || actionData?.error === "password_required" ? true : undefined}
                  aria-describedby={actionData?.error ? "delete-password-error" : undefined}
                />
                <FieldErrors
                  id="delete-password-error"
                  errors={actionData?.error === "wrong_password" || actionData?.error === "password_required" ? [`privacy.delete.errors.${actionData.error}`] : undefined}
                />
              </div>
              <button type="submit" disabled={navigation.state !== "idle"} className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
                {t("privacy.delete.submit")}
              </button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
