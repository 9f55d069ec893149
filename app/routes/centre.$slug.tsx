import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { requireOrganisationRole } from "~/modules/accounts/auth.server";
import { getCentreOverview } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisationRole({
    request,
    slug: params.slug ?? "",
    kind: "TRAINING_CENTRE",
    roles: ["ADMIN"],
  });
  return { centre: await getCentreOverview({ organisationId: organisation.id }) };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "centre.title");

export default function CentrePage() {
  const { t, i18n } = useTranslation();
  const { centre } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-8">
      <PageTitle lead={centre.city ?? undefined}>{centre.name}</PageTitle>
      <section aria-labelledby="cohorts" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="cohorts" className="text-lg font-semibold">{t("centre.cohorts")}</h2>
        <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="cohorts">
          <table className="w-full text-start text-sm">
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-2 text-start">{t("centre.cohort")}</th>
                <th scope="col" className="py-2 text-start">{t("centre.dates")}</th>
                <th scope="col" className="py-2 text-start">{t("centre.learners")}</th>
                <th scope="col" className="py-2 text-start">{t("centre.instructors")}</th>
              </tr>
            </thead>
            <tbody>
              {centre.cohorts.map((c) => (
                <tr key={c.id} className="border-b border-stone-100">
                  <td className="py-2 font-medium">{c.name}</td>
                  <td className="py-2">
                    {c.startsOn ? formatDate(c.startsOn, i18n.language, { dateStyle: "medium" }) : "—"} –{" "}
                    {c.endsOn ? formatDate(c.endsOn, i18n.language, { dateStyle: "medium" }) : "—"}
                  </td>
                  <td className="py-2">{c.members.filter((m) => m.role === "LEARNER").length}</td>
                  <td className="py-2">{c.members.filter((m) => m.role === "INSTRUCTOR").length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="staff" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="staff" className="text-lg font-semibold">{t("centre.staff")}</h2>
        <ul className="mt-3 space-y-1">
          {centre.memberships.map((m) => (
            <li key={`${m.user.id}-${m.role}`}>
              <span dir="auto">{m.user.name}</span> — {t(`orgRoles.${m.role}`)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
