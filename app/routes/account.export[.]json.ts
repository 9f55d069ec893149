import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCurrentUser } from "~/modules/accounts/auth.server";
import { exportDownloadPath, latestExport } from "~/modules/privacy/export.server";

/**
 * GET /account/export.json: where my data export stands, `{"state":"pending"|"ready","url":…}` (`url` downloads the
 * ZIP once ready, else null; "failed" after the queue gave up). 404 when none was asked for (or it expired).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const headers = { "Cache-Control": "no-store" };
  const user = await getCurrentUser(request);
  if (!user) return Response.json({ error: "unauthorized", message: "Sign in first." }, { status: 401, headers });
  const current = await latestExport({ userId: user.id });
  if (!current) return Response.json({ error: "no_export", message: "No export was asked for, or it expired: POST /account/export." }, { status: 404, headers });
  return Response.json(
    {
      state: current.state,
      url: current.state === "ready" ? exportDownloadPath(current.id) : null,
      progress: { done: current.progress, total: current.total },
      expiresAt: current.expiresAt,
    },
    { headers },
  );
}
