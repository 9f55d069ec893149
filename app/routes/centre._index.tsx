import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { requireRole } from "~/modules/accounts/auth.server";
import { listAdministeredCentres } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "CENTRE_ADMIN");
  const centres = await listAdministeredCentres({ userId: user.id, isPlatformAdmin: user.roles.includes("PLATFORM_ADMIN") });
  return { centres };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "centre.title");

export default function CentresPage() {
  const { t } = useTranslation();
  const { centres } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("centre.lead")}>{t("centre.title")}</PageTitle>
      <ul className="grid gap-4 sm:grid-cols-2">
        {centres.map((c) => (
          <li key={c.id} className="rounded-xl border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">
              <Link to={`/centre/${c.slug}`} className="text-brand-700 underline">{c.name}</Link>
            </h2>
            <p className="text-sm text-stone-600">{c.city}</p>
            <p className="mt-2 text-sm">
              {t("centre.cohortCount", { count: c._count.cohorts })} · {t("centre.staffCount", { count: c._count.memberships })}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
