import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, PageTitle, PrivacyConsentField, SubmitButton } from "~/components/ui/form";
import { useZodForm } from "~/components/ui/use-zod-form";
import { languageNames, supportedLanguages } from "~/lib/i18n";
import { getLanguage, serializeLanguageCookie, tooManyAttemptsMessage } from "~/lib/i18n.server";
import { clientIp } from "~/lib/rate-limit.server";
import { signUp } from "~/modules/accounts/accounts.server";
import { requireAnonymous } from "~/modules/accounts/auth.server";
import { safeRedirect, SignupSchema } from "~/modules/accounts/schemas";
import { createSession, serializeSessionCookie } from "~/modules/accounts/session.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { language: await getLanguage(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { name, email, password, language, redirectTo } = submission.value;
  const result = await signUp({ name, email, password, language, ip: clientIp(request) });
  if (!result.ok) {
    const message =
      result.reason === "rate_limited" ? await tooManyAttemptsMessage(request, result.retryAfterSeconds) : "auth.emailTaken";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }) },
      { status: result.reason === "rate_limited" ? 429 : 400 },
    );
  }
  const { token, session } = await createSession({ userId: result.userId, userAgent: request.headers.get("User-Agent") });
  const headers = new Headers();
  headers.append("Set-Cookie", await serializeSessionCookie(request, token, session.expiresAt));
  headers.append("Set-Cookie", await serializeLanguageCookie(request, language));
  return redirect(safeRedirect(redirectTo, "/learn?welcome=1"), { headers });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "signup.title");

export default function SignupPage() {
  const { t } = useTranslation();
  const { language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({ id: "signup", schema: SignupSchema, lastResult: actionData?.result, shouldRevalidate: "onInput" });
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={t("signup.lead")}>{t("signup.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label={t("fields.name")}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
        />
        <Field
          label={t("fields.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", dir: "ltr" }}
        />
        <Field
          label={t("fields.password")}
          hint={t("fields.passwordHint")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <div>
          <label htmlFor={fields.language.id} className="block text-sm font-medium text-stone-800">
            {t("fields.language")}
          </label>
          <select
            id={fields.language.id}
            name={fields.language.name}
            defaultValue={fields.language.initialValue ?? language}
            className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2"
          >
            {supportedLanguages.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {languageNames[lng]}
              </option>
            ))}
          </select>
        </div>
        <PrivacyConsentField errors={fields.consent.errors} inputProps={getInputProps(fields.consent, { type: "checkbox" })} />
        <SubmitButton disabled={navigation.state === "submitting"}>{t("signup.submit")}</SubmitButton>
        <p className="text-sm text-stone-700">
          {t("signup.haveAccount")}{" "}
          <Link to="/login" className="font-medium text-brand-700 underline">
            {t("nav.login")}
          </Link>
        </p>
      </Form>
    </div>
  );
}
