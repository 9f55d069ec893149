import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/lib/i18n.server";
import { getCurrentUser } from "~/modules/accounts/auth.server";
import { requireJobAccess } from "~/modules/jobs/jobs.server";
import { employerMatches } from "~/modules/candidates/employer-matches.server";
import { SCORING_RULES_VERSION } from "~/modules/matching/types";

function jsonError(status: number, error: string, message: string) {
  return Response.json({ error, message }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * GET /api/jobs/:jobId/matches — the ranked candidates of one of the employer's jobs, each with its breakdown, as
 * JSON (same list, same logging and same disclosure rule as the employer's page). Signed-in members of the job's
 * employer (or platform admins) only: 401 without a session, 403/404 otherwise. Credentials come as verification
 * results, with achievement names in the request's language (?lng=, cookie, Accept-Language) and with their ids only
 * for candidates who disclosed their identity for this job.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!(await getCurrentUser(request))) return jsonError(401, "unauthorized", "Sign in as a member of the job's employer.");
  let access: Awaited<ReturnType<typeof requireJobAccess>>;
  try {
    access = await requireJobAccess({ request, jobId: params.jobId ?? "" });
  } catch (thrown) {
    if (thrown instanceof Response) return jsonError(thrown.status === 404 ? 404 : 403, thrown.status === 404 ? "not_found" : "forbidden", "Not a job of your organisation.");
    if (isDataWithStatus(thrown)) return jsonError(thrown.init?.status === 404 ? 404 : 403, thrown.init?.status === 404 ? "not_found" : "forbidden", "Not a job of your organisation.");
    throw thrown;
  }
  const rows = await employerMatches({ jobId: access.job.id, viewerId: access.user.id, channel: "api", language: await getLanguage(request) });
  return Response.json(
    {
      job: { id: access.job.id, title: access.job.title, status: access.job.status },
      rulesVersion: SCORING_RULES_VERSION,
      candidates: rows.map(({ userId: _userId, ...row }) => ({
        rank: row.rank,
        handle: row.handle,
        group: row.breakdown.group,
        score: row.breakdown.score,
        breakdown: row.breakdown.contributions,
        region: row.region,
        openToRemote: row.openToRemote,
        languages: row.languages,
        credentials: row.credentials,
        applied: row.applied,
        contact: row.contact,
        identity: row.identity,
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** Remix's `data()` throw (a DataWithResponseInit) carries its status in `init`. */
function isDataWithStatus(value: unknown): value is { init: { status?: number } | null } {
  return typeof value === "object" && value !== null && "init" in value && "data" in value;
}
