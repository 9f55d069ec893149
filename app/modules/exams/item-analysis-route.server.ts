import { data } from "@remix-run/node";
import { AttemptError } from "./attempts.server";
import { getItemAnalysis } from "./item-analysis.server";

/** getItemAnalysis for routes: an unknown version is a 404 response. */
export async function loadItemAnalysis(examVersionId: string, userIds?: readonly string[]) {
  try {
    return await getItemAnalysis({ examVersionId, userIds });
  } catch (error) {
    if (error instanceof AttemptError) throw data({ error: error.code }, { status: error.status });
    throw error;
  }
}
