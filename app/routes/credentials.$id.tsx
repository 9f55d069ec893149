import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CredentialVerification } from "~/components/credential-verification";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { pageMeta } from "~/lib/meta";
import { prefersJsonLd } from "~/lib/negotiation.server";
import { getCurrentUser, requireUser } from "~/modules/accounts/auth.server";
import { canRevokeCredential, CredentialError, revokeCredential } from "~/modules/certification/issuer.server";
import { isCredentialRemovedByHolder, verifyStoredCredential } from "~/modules/certification/public-verify.server";

/**
 * The public page of one of our credentials (its id URL, the share link): verified now, for anyone, no account.
 * Static siblings (/credentials/status/…, /credentials/verify, /credentials/issue) rank before this dynamic segment.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // The id URL of the credential: wallets and verifiers asking for JSON-LD get the signed document (303).
  if (prefersJsonLd(request)) throw redirect(`/credentials/${encodeURIComponent(params.id ?? "")}.json`, { status: 303, headers: { Vary: "Accept" } });
  const view = await verifyStoredCredential({ credentialId: params.id ?? "" });
  if (!view) {
    // Its holder deleted their account: the page says so, and that the copy they hold still verifies.
    if (await isCredentialRemovedByHolder({ credentialId: params.id ?? "" })) return data({ view: null, canRevoke: false }, { headers: { "Cache-Control": "no-store" } });
    throw data({ error: "not_found" }, { status: 404 });
  }
  const viewer = await getCurrentUser(request);
  const canRevoke = viewer ? await canRevokeCredential({ credentialId: params.id ?? "", userId: viewer.id }) : false;
  return data({ view, canRevoke }, { headers: { "Cache-Control": "no-store", Vary: "Accept" } });
}

/** Revocation by a platform admin or an admin of the co-branding centre, with a reason (the bit is flipped). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const reason = String(form.get("reason") ?? "").trim();
  if (reason.length < 3 || reason.length > 500) return data({ error: "reason_required" as const }, { status: 400 });
  try {
    await revokeCredential({ credentialId: params.id ?? "", actor: { userId: user.id }, reason });
  } catch (error) {
    if (error instanceof CredentialError && (error.code === "forbidden" || error.code === "not_found" || error.code === "already_revoked" || error.code === "reason_required")) {
      return data({ error: error.code }, { status: error.status });
    }
    throw error;
  }
  return redirect(`/credentials/${params.id ?? ""}?revoked=1`);
}

export const meta: MetaFunction = ({ matches }) => [...pageMeta(matches, "credentials.publicPage.title"), { name: "robots", content: "noindex" }];

export default function PublicCredentialPage() {
  const { t } = useTranslation();
  const { view, canRevoke } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("credentials.publicPage.lead")}>{t("credentials.publicPage.title")}</PageTitle>
      {params.get("revoked") ? <Alert tone="success">{t("credentials.revoke.done")}</Alert> : null}
      {actionData?.error && actionData.error !== "reason_required" ? <Alert tone="error">{t(`credentials.revoke.errors.${actionData.error}`)}</Alert> : null}
      {view ? <CredentialVerification view={view} /> : <Alert tone="info">{t("credentials.publicPage.removedByHolder")}</Alert>}
      {canRevoke ? (
        <Form method="post" className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-5">
          <h2 className="text-lg font-semibold">{t("credentials.revoke.title")}</h2>
          <p className="text-sm">{t("credentials.revoke.lead")}</p>
          <label htmlFor="revoke-reason" className="block text-sm font-medium">{t("credentials.revoke.reason")}</label>
          <textarea id="revoke-reason" name="reason" required minLength={3} maxLength={500} rows={2} aria-describedby={actionData?.error === "reason_required" ? "revoke-reason-error" : undefined} className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2" />
          <FieldErrors id="revoke-reason-error" errors={actionData?.error === "reason_required" ? ["credentials.revoke.errors.reason_required"] : undefined} />
          <button type="submit" disabled={navigation.state !== "idle"} className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
            {t("credentials.revoke.submit")}
          </button>
        </Form>
      ) : null}
      <p>
        <Link to="/verify" className="font-medium text-brand-700 underline">{t("credentials.publicPage.verifyAnother")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
