import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { requireRole } from "~/modules/accounts/auth.server";
import { listTaughtCohorts } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "INSTRUCTOR");
  return { cohorts: await listTaughtCohorts({ userId: user.id }) };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "teach.title");

export default function TeachPage() {
  const { t, i18n } = useTranslation();
  const { cohorts } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("teach.lead")}>{t("teach.title")}</PageTitle>
      {cohorts.length === 0 ? <p>{t("teach.none")}</p> : null}
      <ul className="space-y-4">
        {cohorts.map((c) => (
          <li key={c.id} className="rounded-xl border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">{c.name}</h2>
            <p className="text-sm text-stone-600">
              {c.organisation.name}
              {c.startsOn ? ` · ${formatDate(c.startsOn, i18n.language)}` : ""}
            </p>
            <p className="mt-2">{t("teach.learners", { count: c.members.length })}</p>
            <ul className="mt-2 list-disc ps-6 text-sm">
              {c.members.map((m) => (
                <li key={m.user.id} dir="auto">{m.user.name}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
