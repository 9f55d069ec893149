import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders, csvSeparatorFor } from "~/lib/csv";
import { getLanguage } from "~/lib/i18n.server";
import { requireRole } from "~/modules/accounts/auth.server";
import { CONTENT_LANGUAGES } from "~/modules/catalog/content/types";
import { itemAnalysisCsv } from "~/modules/exams/item-analysis";
import { analysisCohort } from "~/modules/cohorts/analysis-scope.server";
import { loadItemAnalysis } from "~/modules/exams/item-analysis-route.server";

/** The item analysis as CSV (app/lib/csv.ts), headers and separator in the reader's language (?sep=). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["INSTRUCTOR", "CENTRE_ADMIN"]);
  const language = await getLanguage(request);
  const cohort = await analysisCohort(request);
  const analysis = await loadItemAnalysis(params.versionId ?? "", cohort?.learnerIds);
  const contentLanguage = CONTENT_LANGUAGES.find((l) => l === language) ?? "fr";
  const separator = csvSeparatorFor(new URL(request.url), language);
  return new Response(itemAnalysisCsv(analysis.rows, { language: contentLanguage, separator }), {
    headers: csvHeaders(`item-analysis-${analysis.version.examSlug}-v${analysis.version.version}.csv`),
  });
}
