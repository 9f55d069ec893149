import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { formatDateTime } from "~/lib/i18n";
import { clientIp } from "~/lib/rate-limit.server";
import { listUserSessions, recordSecurityEvent, revokeUserSession } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { invalidateUserSessions, serializeBlankSessionCookie } from "~/modules/accounts/session.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessions = await listUserSessions(user.id);
  return { sessions: sessions.map((s) => ({ ...s, isCurrent: s.id === user.sessionId })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "sign-out-everywhere") {
    await invalidateUserSessions({ userId: user.id });
    await recordSecurityEvent({ userId: user.id, type: "signed_out_everywhere", ip: clientIp(request) });
    return redirect("/login?notice=signed-out-everywhere", { headers: { "Set-Cookie": await serializeBlankSessionCookie(request) } });
  }
  if (intent === "revoke") {
    const sessionId = String(formData.get("sessionId") ?? "");
    const revoked = await revokeUserSession({ userId: user.id, sessionId });
    if (!revoked) return data({ error: "sessions.notFound" }, { status: 404 });
    return { error: null };
  }
  return data({ error: "errors.badRequest.title" }, { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "sessions.title");

export default function SessionsPage() {
  const { t, i18n } = useTranslation();
  const { sessions } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("sessions.lead")}>{t("sessions.title")}</PageTitle>
      <ul className="space-y-3">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-stone-200 bg-white p-4">
            <div>
              <p className="font-medium" dir="auto">{s.userAgent ?? t("sessions.unknownDevice")}</p>
              <p className="text-sm text-stone-600">
                {t("sessions.started", { date: formatDateTime(s.createdAt, i18n.language) })} ·{" "}
                {t("sessions.expires", { date: formatDateTime(s.expiresAt, i18n.language) })}
              </p>
            </div>
            {s.isCurrent ? (
              <span className="rounded bg-brand-50 px-2 py-1 text-sm text-brand-800">{t("sessions.current")}</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" name="intent" value="revoke" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100">
                  {t("sessions.revoke")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <Form method="post">
        <button type="submit" name="intent" value="sign-out-everywhere" className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
          {t("sessions.signOutEverywhere")}
        </button>
      </Form>
    </div>
  );
}
