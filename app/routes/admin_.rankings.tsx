import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { formatDateTime, formatNumber } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { listRankingLogs } from "~/modules/matching/audit.server";

/** Platform admins: every ranking shown (audit of automated decisions, law 09-08). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "PLATFORM_ADMIN");
  const jobId = new URL(request.url).searchParams.get("job") ?? undefined;
  return { logs: await listRankingLogs({ jobId }) };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "matches.audit.title");

export default function RankingAudit() {
  const { t, i18n } = useTranslation();
  const { logs } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("matches.audit.lead")}>{t("matches.audit.title")}</PageTitle>
      {logs.length === 0 ? (
        <p>{t("matches.audit.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white" tabIndex={0} role="region" aria-label={t("matches.audit.title")}>
          <table className="w-full text-start text-sm">
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="p-2 text-start">{t("matches.audit.when")}</th>
                <th scope="col" className="p-2 text-start">{t("matches.audit.job")}</th>
                <th scope="col" className="p-2 text-start">{t("matches.audit.viewer")}</th>
                <th scope="col" className="p-2 text-start">{t("matches.audit.channel")}</th>
                <th scope="col" className="p-2 text-start">{t("matches.audit.rules")}</th>
                <th scope="col" className="p-2 text-start">{t("matches.audit.shown")}</th>
              </tr>
            </thead>
            <tbody>
              {logs.map((log) => (
                <tr key={log.id} className="border-b border-stone-100">
                  <td className="p-2">
                    <Link to={`/admin/rankings/${log.id}`} className="text-brand-700 underline">{formatDateTime(log.createdAt, i18n.language)}</Link>
                  </td>
                  <td className="p-2"><bdi>{log.jobTitle}</bdi></td>
                  <td className="p-2"><bdi>{log.viewer ?? "—"}</bdi></td>
                  <td className="p-2">{t(`matches.audit.channels.${log.channel}`, { defaultValue: log.channel })}</td>
                  <td className="p-2"><code>{log.rulesVersion}</code></td>
                  <td className="p-2">{formatNumber(log.shown, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
