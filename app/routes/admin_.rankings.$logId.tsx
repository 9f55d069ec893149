import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CandidateHandle } from "~/components/candidate-handle";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { formatDateTime, formatNumber } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { getRankingLog } from "~/modules/matching/audit.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "PLATFORM_ADMIN");
  const log = await getRankingLog(params.logId ?? "");
  if (!log) throw data({ error: "not_found" }, { status: 404 });
  return { log };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "matches.audit.title");

export default function RankingLogPage() {
  const { t, i18n } = useTranslation();
  const { log } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="space-y-6">
      <nav aria-label={t("cohorts.breadcrumb")} className="text-sm">
        <Link to="/admin/rankings" className="text-brand-700 underline">{t("matches.audit.title")}</Link>
      </nav>
      <PageTitle lead={`${formatDateTime(log.createdAt, lng)} · ${t(`matches.audit.channels.${log.channel}`, { defaultValue: log.channel })} · ${log.rulesVersion}`}>
        <bdi>{log.jobTitle}</bdi>
      </PageTitle>
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white" tabIndex={0} role="region" aria-label={t("matches.audit.title")}>
        <table className="w-full text-start text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2 text-start">{t("matches.rank")}</th>
              <th scope="col" className="p-2 text-start">{t("matches.candidate")}</th>
              <th scope="col" className="p-2 text-start">{t("matches.group")}</th>
              <th scope="col" className="p-2 text-start">{t("matches.score")}</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.map((e) => (
              <tr key={e.rank} className="border-b border-stone-100">
                <td className="p-2">{formatNumber(e.rank, lng)}</td>
                <td className="p-2"><CandidateHandle handle={e.handle} /></td>
                <td className="p-2">{t(`matches.groups.${e.group}`, { defaultValue: e.group })}</td>
                <td className="p-2">{formatNumber(e.score, lng, { maximumFractionDigits: 1 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
