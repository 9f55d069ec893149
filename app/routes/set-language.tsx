import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLanguage } from "~/lib/i18n";
import { serializeLanguageCookie } from "~/lib/i18n.server";
import { updateUserLocale } from "~/modules/accounts/accounts.server";
import { getCurrentUser } from "~/modules/accounts/auth.server";
import { safeRedirect } from "~/modules/accounts/schemas";

export async function loader() {
  return redirect("/");
}

/** The language switcher posts here: remember the choice (cookie, and the account for e-mails), then go back. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const language = formData.get("language");
  const redirectTo = safeRedirect(formData.get("redirectTo"), "/");
  if (!isLanguage(language)) return redirect(redirectTo);
  const user = await getCurrentUser(request);
  if (user && user.locale !== language) await updateUserLocale({ userId: user.id, locale: language });
  return redirect(redirectTo, { headers: { "Set-Cookie": await serializeLanguageCookie(request, language) } });
}
