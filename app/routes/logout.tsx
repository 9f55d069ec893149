import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getCurrentUser } from "~/modules/accounts/auth.server";
import { invalidateSession, serializeBlankSessionCookie } from "~/modules/accounts/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getCurrentUser(request);
  if (user) await invalidateSession(user.sessionId);
  return redirect("/", { headers: { "Set-Cookie": await serializeBlankSessionCookie(request) } });
}
