import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatDateTime } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { emailPreferences, listNotifications, markAllRead, saveEmailPreferences } from "~/modules/notifications/notify.server";

/** /account/notifications: what happened to me, newest first, and which kinds I want by e-mail. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [{ items, unread }, preferences] = await Promise.all([listNotifications({ userId: user.id }), emailPreferences(user.id)]);
  return data({ items, unread, preferences }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "read") {
    await markAllRead({ userId: user.id });
    return redirect("/account/notifications");
  }
  if (intent === "preferences") {
    await saveEmailPreferences({ userId: user.id, emailed: new Set(form.getAll("email").map(String)) });
    return redirect("/account/notifications?done=saved#preferences");
  }
  return data({ error: "unknown_action" }, { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "notifications.title");

const buttonClass = "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50";

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { items, unread, preferences } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const text = (kind: string, values: unknown) => t(`notifications.kinds.${kind}.message`, typeof values === "object" && values !== null ? (values as Record<string, string>) : {});
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <PageTitle lead={t("notifications.lead", { count: unread })}>{t("notifications.title")}</PageTitle>
      {params.get("done") === "saved" ? <Alert tone="success">{t("notifications.saved")}</Alert> : null}
      <section aria-labelledby="list" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="list" className="text-lg font-semibold">{t("notifications.recent")}</h2>
          {unread > 0 ? (
            <Form method="post">
              <button type="submit" name="intent" value="read" className={buttonClass}>{t("notifications.markAllRead")}</button>
            </Form>
          ) : null}
        </div>
        {items.length === 0 ? (
          <p className="text-stone-600">{t("notifications.none")}</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
            {items.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start justify-between gap-2 p-4" data-kind={n.kind} data-unread={n.readAt ? undefined : "true"}>
                <div className="min-w-0">
                  <p className={n.readAt ? "" : "font-semibold"}>
                    {n.readAt ? null : <span className="sr-only">{t("notifications.unread")} </span>}
                    <Link to={n.href} className="text-brand-700 underline">{text(n.kind, n.values)}</Link>
                  </p>
                  <p className="text-sm text-stone-600">{formatDateTime(n.createdAt, i18n.language)}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section id="preferences" aria-labelledby="preferences-title" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="preferences-title" className="text-lg font-semibold">{t("notifications.emailTitle")}</h2>
        <p className="text-sm text-stone-700">{t("notifications.emailLead")}</p>
        <Form method="post" className="space-y-2">
          {preferences.map((p) => (
            <label key={p.kind} className="flex items-start gap-2">
              <input type="checkbox" name="email" value={p.kind} defaultChecked={p.email} disabled={p.locked} className="mt-1 size-4" />
              <span>
                {t(`notifications.kinds.${p.kind}.label`)}
                {p.locked ? <span className="text-sm text-stone-600"> · {t("notifications.locked")}</span> : null}
              </span>
            </label>
          ))}
          <button type="submit" name="intent" value="preferences" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            {t("notifications.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
