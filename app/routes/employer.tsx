import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { requireRole } from "~/modules/accounts/auth.server";
import { listEmployerOrganisations } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  return { employers: await listEmployerOrganisations({ userId: user.id, isPlatformAdmin: user.roles.includes("PLATFORM_ADMIN") }) };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "employer.title");

export default function EmployerPage() {
  const { t } = useTranslation();
  const { employers } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("employer.lead")}>{t("employer.title")}</PageTitle>
      <ul className="space-y-4">
        {employers.map((e) => (
          <li key={e.id} className="rounded-xl border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">{e.name}</h2>
            <p className="text-sm text-stone-600">
              {e.employerType ? t(`employerTypes.${e.employerType}`) : null}
              {e.city ? ` · ${e.city}` : ""}
            </p>
            <h3 className="mt-3 font-medium">{t("employer.team")}</h3>
            <ul className="list-disc ps-6 text-sm">
              {e.memberships.map((m) => (
                <li key={`${m.user.email}-${m.role}`}>
                  <span dir="auto">{m.user.name}</span> — {t(`orgRoles.${m.role}`)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p className="text-sm text-stone-600">{t("employer.jobsSoon")}</p>
    </div>
  );
}
