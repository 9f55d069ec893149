import type { ActionFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { csvHeaders } from "~/lib/csv";
import { getFixedT, getLanguage } from "~/lib/i18n.server";
import { requireCohortAccess } from "~/modules/cohorts/access.server";
import { EnrolmentError, type EnrolmentRowProblem, rejectedEnrolmentCsv } from "~/modules/cohorts/enrolment.server";
import { readEnrolmentUpload } from "~/modules/cohorts/enrolment-upload.server";

/**
 * POST (the import result's button, with the file's text): the rows this file did not import, as a CSV to fix and
 * upload again — the file's own columns, order and separator, plus the reason in the reader's language.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "", need: "manage" });
  const upload = await readEnrolmentUpload(request);
  if (upload === "too_large" || upload === "bad_request" || !upload.csv) return data({ error: "bad_request" }, { status: upload === "too_large" ? 413 : 400 });
  const t = await getFixedT(await getLanguage(request));
  const reasonOf = (problems: EnrolmentRowProblem[]) => problems.map((p) => t(`enrolment.problem.${p.code}`, "params" in p ? p.params : {})).join(" ; ");
  try {
    const csv = await rejectedEnrolmentCsv({ cohortId: access.cohort.id, csv: upload.csv, reasonHeader: t("enrolment.rejectedReason"), reasonOf });
    return new Response(csv, { headers: csvHeaders(`rejected-rows-${access.cohort.id}.csv`) });
  } catch (error) {
    if (error instanceof EnrolmentError) return data({ error: error.code }, { status: error.status });
    throw error;
  }
}
