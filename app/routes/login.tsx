import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Field, FormErrors, PageTitle, SubmitButton } from "~/components/ui/form";
import { useZodForm } from "~/components/ui/use-zod-form";
import { isLanguage } from "~/lib/i18n";
import { languageCookie, serializeLanguageCookie, tooManyAttemptsMessage } from "~/lib/i18n.server";
import { clientIp } from "~/lib/rate-limit.server";
import { authenticate } from "~/modules/accounts/accounts.server";
import { accountRoles, requireAnonymous } from "~/modules/accounts/auth.server";
import { homePathFor } from "~/modules/accounts/roles";
import { LoginSchema, safeRedirect } from "~/modules/accounts/schemas";
import { redirectWithNewSession } from "~/modules/accounts/session.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await authenticate({ email, password, ip: clientIp(request) });
  if (!result.ok) {
    const message =
      result.reason === "rate_limited"
        ? await tooManyAttemptsMessage(request, result.retryAfterSeconds)
        : "auth.invalidCredentials";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: result.reason === "rate_limited" ? 429 : 400 },
    );
  }
  const user = await accountRoles(result.userId);
  if (!user) throw new Response("Not found", { status: 404 });
  const home = homePathFor(user.roles);
  // The interface follows the language the person chose: on this device (the switcher's cookie), else the one stored
  // on their account; never the browser's Accept-Language once they are known.
  const chosenHere = isLanguage(await languageCookie.parse(request.headers.get("Cookie")));
  const languageCookies = !chosenHere && isLanguage(user.locale) ? [await serializeLanguageCookie(request, user.locale)] : [];
  return redirectWithNewSession({ userId: result.userId, request, redirectTo: safeRedirect(redirectTo, home), extraCookies: languageCookies });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "login.title");

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({ id: "login", schema: LoginSchema, lastResult: actionData?.result });
  const notice = searchParams.get("notice");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={t("login.lead")}>{t("login.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
        {notice === "password-reset" ? <Alert tone="success">{t("reset.done")}</Alert> : null}
        {notice === "signed-out-everywhere" ? <Alert tone="success">{t("sessions.signedOutEverywhere")}</Alert> : null}
        {notice === "account-deleted" ? <Alert tone="success">{t("privacy.delete.done")}</Alert> : null}
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={t("fields.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", dir: "ltr" }}
        />
        <Field
          label={t("fields.password")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
        />
        <SubmitButton disabled={navigation.state === "submitting"}>{t("login.submit")}</SubmitButton>
        <div className="flex flex-wrap justify-between gap-2 text-sm">
          <Link to="/forgot-password" className="font-medium text-brand-700 underline">
            {t("login.forgot")}
          </Link>
          <Link to="/signup" className="font-medium text-brand-700 underline">
            {t("login.noAccount")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
