import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/auth.server";
import { requestExport } from "~/modules/privacy/export.server";

/** The export's page is the privacy page's "copy of my data" section. */
export async function loader() {
  return redirect("/account/privacy#export");
}

/**
 * POST /account/export starts an export (or keeps the one being prepared). JSON clients get 202 and where to look
 * (GET /account/export.json); a form post goes back to the privacy page, which shows its progress.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { id } = await requestExport({ userId: user.id });
  if ((request.headers.get("Accept") ?? "").includes("application/json")) {
    return Response.json({ id, state: "pending", url: null, status: "/account/export.json" }, { status: 202, headers: { "Cache-Control": "no-store" } });
  }
  return redirect("/account/privacy?done=export#export");
}
