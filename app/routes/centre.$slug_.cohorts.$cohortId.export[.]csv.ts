import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders, csvSeparatorFor } from "~/lib/csv";
import { getFixedT, getLanguage } from "~/lib/i18n.server";
import { requireCohortAccess } from "~/modules/cohorts/access.server";
import { cohortExportLabels } from "~/modules/cohorts/export-labels.server";
import { cohortProgressCsv } from "~/modules/cohorts/export";
import { loadCohortLearners, loadCohortPath } from "~/modules/cohorts/progress.server";

/** The cohort's progress and results as CSV (app/lib/csv.ts), headers and separator in the reader's language (?sep=). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "" });
  const language = await getLanguage(request);
  const path = await loadCohortPath({ cohortId: access.cohort.id, language });
  const rows = await loadCohortLearners({ cohort: access.cohort, path });
  const separator = csvSeparatorFor(new URL(request.url), language);
  const csv = cohortProgressCsv({ rows, path, labels: cohortExportLabels(await getFixedT(language)), separator });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, { headers: csvHeaders(`cohort-${access.cohort.id}-${day}.csv`) });
}
