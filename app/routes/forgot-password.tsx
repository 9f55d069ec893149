import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Field, FormErrors, PageTitle, SubmitButton } from "~/components/ui/form";
import { useZodForm } from "~/components/ui/use-zod-form";
import { tooManyAttemptsMessage } from "~/lib/i18n.server";
import { clientIp } from "~/lib/rate-limit.server";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { ForgotPasswordSchema } from "~/modules/accounts/schemas";
import { appOrigin } from "~/lib/origin.server";
import { pageMeta } from "~/lib/meta";

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), sent: false }, { status: 400 });
  }
  const result = await requestPasswordReset({
    email: submission.value.email,
    ip: clientIp(request),
    origin: appOrigin(),
  });
  if (!result.ok) {
    return data(
      { result: submission.reply({ formErrors: [await tooManyAttemptsMessage(request, result.retryAfterSeconds)] }), sent: false },
      { status: 429 },
    );
  }
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "forgot.title");

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({ id: "forgot-password", schema: ForgotPasswordSchema, lastResult: actionData?.result });
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={t("forgot.lead")}>{t("forgot.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
        {actionData?.sent ? <Alert tone="success">{t("forgot.sent")}</Alert> : null}
        <FormErrors errors={form.errors} />
        <Field
          label={t("fields.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email", dir: "ltr" }}
        />
        <SubmitButton disabled={navigation.state === "submitting"}>{t("forgot.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
