import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/auth.server";
import { listLearnerCohorts } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cohorts = await listLearnerCohorts({ userId: user.id });
  return { name: user.name, cohorts };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "nav.learn");

export default function LearnerDashboard() {
  const { t, i18n } = useTranslation();
  const { name, cohorts } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("learn.lead")}>{t("learn.title", { name })}</PageTitle>
      {params.get("welcome") ? <Alert tone="success">{t("learn.welcome")}</Alert> : null}
      <section aria-labelledby="my-cohorts" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="my-cohorts" className="text-lg font-semibold">{t("learn.cohorts")}</h2>
        {cohorts.length === 0 ? (
          <p className="mt-3 text-stone-700">{t("learn.noCohort")}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {cohorts.map(({ cohort }) => (
              <li key={cohort.id} className="rounded-md bg-stone-50 p-3">
                <p className="font-medium">{cohort.name}</p>
                <p className="text-sm text-stone-600">
                  {cohort.organisation.name}
                  {cohort.startsOn ? ` · ${t("common.from", { date: formatDate(cohort.startsOn, i18n.language) })}` : ""}
                  {cohort.endsOn ? ` ${t("common.to", { date: formatDate(cohort.endsOn, i18n.language) })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="tiers" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="tiers" className="text-lg font-semibold">{t("learn.pathTitle")}</h2>
        <ol className="mt-3 list-decimal space-y-2 ps-6">
          <li>{t("home.tier1")}</li>
          <li>{t("home.tier2")}</li>
          <li>{t("home.tier3")}</li>
        </ol>
        <p className="mt-3 text-sm text-stone-600">{t("learn.catalogueSoon")}</p>
      </section>
    </div>
  );
}
