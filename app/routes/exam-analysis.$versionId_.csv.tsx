import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/lib/i18n.server";
import { requireRole } from "~/modules/accounts/auth.server";
import { CONTENT_LANGUAGES } from "~/modules/catalog/content/types";
import { itemAnalysisCsv } from "~/modules/exams/item-analysis";
import { analysisCohort } from "~/modules/cohorts/analysis-scope.server";
import { loadItemAnalysis } from "~/modules/exams/item-analysis-route.server";

/** The item analysis as CSV (UTF-8 with BOM, so Excel opens Arabic correctly). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const language = await getLanguage(request);
  const cohort = await analysisCohort(request);
  const analysis = await loadItemAnalysis(params.versionId ?? "", cohort?.learnerIds);
  const contentLanguage = CONTENT_LANGUAGES.find((l) => l === language) ?? "fr";
  return new Response(itemAnalysisCsv(analysis.rows, { language: contentLanguage }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="item-analysis-${analysis.version.examSlug}-v${analysis.version.version}.csv"`,
    },
  });
}
