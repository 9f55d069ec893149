import { cohortLearnerIds, requireCohortAccessById } from "./access.server";

/**
 * `?cohort=<id>` on the item analysis pages: the cohort (checked like its dashboard: its instructors and its
 * centre's admins) and its learners, whose attempts alone are analysed. Null without the parameter.
 */
export async function analysisCohort(request: Request) {
  const cohortId = new URL(request.url).searchParams.get("cohort");
  if (!cohortId) return null;
  const access = await requireCohortAccessById({ request, cohortId });
  return { id: access.cohort.id, name: access.cohort.name, centre: access.centre, learnerIds: await cohortLearnerIds(access.cohort.id) };
}
