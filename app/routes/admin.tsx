import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { formatNumber } from "~/lib/i18n";
import { requireRole } from "~/modules/accounts/auth.server";
import { getPlatformOverview } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "PLATFORM_ADMIN");
  return getPlatformOverview();
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "admin.title");

export default function AdminPage() {
  const { t, i18n } = useTranslation();
  const overview = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("admin.lead")}>{t("admin.title")}</PageTitle>
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
      <p>
        <Link to="/dev/outbox" className="font-medium text-brand-700 underline">{t("admin.outbox")}</Link>
      </p>
    </div>
  );
}
