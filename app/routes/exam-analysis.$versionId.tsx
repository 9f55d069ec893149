import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { formatNumber } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireRole } from "~/modules/accounts/auth.server";
import { localized } from "~/modules/catalog/localize";
import { loadItemAnalysis } from "~/modules/exams/item-analysis-route.server";

/** Item statistics for one exam version, for instructors (CSV export: the sibling route …/csv). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const language = await getLanguage(request);
  const analysis = await loadItemAnalysis(params.versionId ?? "");
  return {
    version: { ...analysis.version, title: localized(analysis.version.title, language) },
    attemptCount: analysis.attemptCount,
    rows: analysis.rows.map((r) => ({ ...r, prompt: localized(r.prompt, language) })),
  };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "analysis.title");

export default function ItemAnalysisPage() {
  const { t, i18n } = useTranslation();
  const { version, attemptCount, rows } = useLoaderData<typeof loader>();
  const num = (value: number | null, digits = 2) =>
    value === null ? "—" : formatNumber(value, i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (
    <div className="space-y-6">
      <PageTitle lead={t("analysis.lead", { version: version.version, count: attemptCount })}>{version.title}</PageTitle>
      <p>
        <Link to={`/exam-analysis/${version.id}/csv`} reloadDocument className="font-medium text-brand-700 underline">{t("analysis.csv")}</Link>
      </p>
      <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("analysis.title")}</caption>
          <thead>
            <tr className="border-b border-stone-200 text-start">
              <th scope="col" className="p-2 text-start">{t("analysis.item")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.attempts")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.facility")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.discrimination")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.index27")}</th>
              <th scope="col" className="p-2 text-start">{t("analysis.flags")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.itemId} className={`border-b border-stone-100 ${r.flags.length ? "bg-amber-50" : ""}`}>
                <td className="p-2">
                  <span className="font-mono text-xs">{r.itemId}</span>
                  <p className="line-clamp-2">{r.prompt}</p>
                  {r.optionFrequencies ? (
                    <p className="text-xs text-stone-600">
                      {r.optionFrequencies.options.map((o) => `${o.correct ? "✓ " : ""}${o.id}: ${o.count}`).join(" · ")} · {t("analysis.noAnswer")}: {r.optionFrequencies.noAnswer}
                    </p>
                  ) : null}
                </td>
                <td className="p-2">{r.attempts}</td>
                <td className="p-2">{num(r.facility)}</td>
                <td className="p-2">{num(r.discrimination)}</td>
                <td className="p-2">{num(r.discriminationIndex27)}</td>
                <td className="p-2">{r.flags.map((f) => t(`analysis.flag.${f}`)).join(", ")}</td>
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
