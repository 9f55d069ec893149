import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, FormErrors, NewPasswordFields, PageTitle, PrivacyConsentField, SubmitButton } from "~/components/ui/form";
import { clientIp } from "~/lib/rate-limit.server";
import { getResetTokenState, resetPassword } from "~/modules/accounts/accounts.server";
import { InvitationPasswordSchema, ResetPasswordSchema } from "~/modules/accounts/schemas";
import { redirectWithNewSession, serializeBlankSessionCookie } from "~/modules/accounts/session.server";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  // An invitation link (an account a centre created) uses the same form, worded as choosing a first password.
  return getResetTokenState(params.token ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  // An invitation is the person's sign-up: they accept the privacy notice, and are then signed in (as a sign-up is).
  const { purpose } = await getResetTokenState(params.token ?? "");
  const submission = parseWithZod(formData, { schema: purpose === "invitation" ? InvitationPasswordSchema : ResetPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
  }
  const language = await getLanguage(request);
  const result = await resetPassword({ token: params.token ?? "", newPassword: submission.value.password, ip: clientIp(request), consentLocale: purpose === "invitation" ? language : undefined });
  if (!result.ok) {
    return data({ result: submission.reply({ formErrors: ["reset.invalidLink"], hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
  }
  if (result.purpose === "invitation") return redirectWithNewSession({ userId: result.userId, request, redirectTo: "/learn?welcome=1" });
  return redirect("/login?notice=password-reset", { headers: { "Set-Cookie": await serializeBlankSessionCookie(request) } });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data?.purpose === "invitation" ? pageMeta(matches, "reset.invitationTitle") : pageMeta(matches, "reset.title");

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { usable, purpose } = useLoaderData<typeof loader>();
  const isInvitation = purpose === "invitation";
  const title = isInvitation ? t("reset.invitationTitle") : t("reset.title");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = isInvitation ? InvitationPasswordSchema : ResetPasswordSchema;
  const [form, fields] = useForm<{ password: string; confirmPassword: string; consent?: string }>({
    id: "reset-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  if (!usable) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <PageTitle>{title}</PageTitle>
        <Alert tone="error">{t("reset.invalidLink")}</Alert>
        <Link to="/forgot-password" className="font-medium text-brand-700 underline">{t("reset.askAgain")}</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={isInvitation ? t("reset.invitationLead") : t("reset.lead")}>{title}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
        <FormErrors errors={form.errors} />
        <NewPasswordFields
          password={{ errors: fields.password.errors, inputProps: getInputProps(fields.password, { type: "password" }) }}
          confirmPassword={{
            errors: fields.confirmPassword.errors,
            inputProps: getInputProps(fields.confirmPassword, { type: "password" }),
          }}
        />
        {isInvitation ? (
          // The centre created the account; choosing the first password is the person's own sign-up.
          <PrivacyConsentField errors={fields.consent.errors} inputProps={getInputProps(fields.consent, { type: "checkbox" })} />
        ) : null}
        <SubmitButton disabled={navigation.state === "submitting"}>{isInvitation ? t("reset.invitationSubmit") : t("reset.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
