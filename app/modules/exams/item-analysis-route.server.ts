import { orErrorPage } from "~/lib/errors.server";
import { getItemAnalysis } from "./item-analysis.server";

/** getItemAnalysis for routes: an unknown version is a 404 response. */
export async function loadItemAnalysis(examVersionId: string, userIds?: readonly string[]) {
  return orErrorPage(getItemAnalysis({ examVersionId, userIds }));
}
