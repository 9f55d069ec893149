import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { appOrigin, isMissingAppUrl } from "~/lib/origin.server";
import { createCentre } from "~/modules/cohorts/centre-page.server";
import { CentreSchema } from "~/modules/cohorts/schemas";
import { formatNumber } from "~/lib/i18n";
import { requireRole } from "~/modules/accounts/auth.server";
import { getPlatformOverview } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";
import { CsvDownload } from "~/components/csv-download";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "PLATFORM_ADMIN");
  return { ...(await getPlatformOverview()), appUrlMissing: isMissingAppUrl() ? appOrigin() : null };
}

/** A platform admin creates a training centre; its first admin is invited by e-mail. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "PLATFORM_ADMIN");
  const form = await request.formData();
  const parsed = CentreSchema.safeParse(Object.fromEntries([...form].map(([k, v]) => [k, String(v)])));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return data({ fieldErrors }, { status: 400 });
  }
  const centre = await createCentre({ ...parsed.data, actorId: user.id, origin: appOrigin() });
  return redirect(`/centre/${centre.slug}`);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin.title");

export default function AdminPage() {
  const { t, i18n } = useTranslation();
  const overview = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  return (
    <div className="space-y-6">
      <PageTitle lead={t("admin.lead")}>{t("admin.title")}</PageTitle>
      {overview.appUrlMissing ? <Alert tone="error">{t("admin.appUrlMissing", { origin: overview.appUrlMissing })}</Alert> : null}
      <dl className="grid gap-4 sm:grid-cols-3">
        {[
          ["admin.users", overview.users],
          ["admin.organisations", overview.organisations.length],
          ["admin.cohorts", overview.cohorts],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded-xl border border-stone-200 bg-white p-5">
            <dt className="text-sm text-stone-600">{t(String(label))}</dt>
            <dd className="text-3xl font-bold">{formatNumber(Number(value), i18n.language)}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="orgs" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="orgs" className="text-lg font-semibold">{t("admin.organisations")}</h2>
        <ul className="mt-3 space-y-2">
          {overview.organisations.map((o) => (
            <li key={o.id}>
              {o.kind === "TRAINING_CENTRE" ? (
                <Link to={`/centre/${o.slug}`} className="font-medium text-brand-700 underline">{o.name}</Link>
              ) : (
                <span className="font-medium">{o.name}</span>
              )}{" "}
              — {t(`orgKinds.${o.kind}`)}
              {o.city ? ` · ${o.city}` : ""} · {t("admin.members", { count: o._count.memberships })}
            </li>
          ))}
        </ul>
      </section>
      <Form method="post" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" noValidate>
        <h2 className="text-lg font-semibold">{t("cohorts.centre.createTitle")}</h2>
        <p className="text-sm text-stone-600">{t("cohorts.centre.createLead")}</p>
        {actionData ? <Alert tone="error">{t("cohorts.errors.form_invalid")}</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-3">
          {(
            [
              ["name", "cohorts.centre.name", "text"],
              ["city", "cohorts.centre.city", "text"],
              ["website", "cohorts.centre.website", "url"],
              ["adminName", "cohorts.centre.adminName", "text"],
              ["adminEmail", "cohorts.centre.adminEmail", "email"],
            ] as const
          ).map(([name, label, type]) => (
            <div key={name}>
              <label htmlFor={`centre-${name}`} className="block text-sm font-medium">{t(label)}</label>
              <input
                id={`centre-${name}`}
                name={name}
                type={type}
                className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2"
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={errors[name] ? `centre-${name}-error` : undefined}
              />
              <FieldErrors id={`centre-${name}-error`} errors={errors[name]} />
            </div>
          ))}
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t("cohorts.centre.create")}</button>
      </Form>
      <p>
        <Link to="/dev/outbox" className="font-medium text-brand-700 underline">{t("admin.outbox")}</Link>
      </p>
      <p>
        <CsvDownload href="/admin/processing-record.csv" label={t("processing.download")} className="font-medium text-brand-700 underline" />
      </p>
    </div>
  );
}
