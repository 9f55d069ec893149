import { getFormProps, getInputProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Field, NewPasswordFields, PageTitle, SubmitButton } from "~/components/ui/form";
import { useZodForm } from "~/components/ui/use-zod-form";
import { clientIp } from "~/lib/rate-limit.server";
import { changePassword } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { ChangePasswordSchema } from "~/modules/accounts/schemas";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hideFields = ["currentPassword", "password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields }), changed: false }, { status: 400 });
  }
  const result = await changePassword({
    userId: user.id,
    sessionId: user.sessionId,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.password,
    ip: clientIp(request),
  });
  if (!result.ok) {
    return data(
      { result: submission.reply({ fieldErrors: { currentPassword: ["password.wrongCurrent"] }, hideFields }), changed: false },
      { status: 400 },
    );
  }
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "password.title");

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({ id: "change-password", schema: ChangePasswordSchema, lastResult: actionData?.result });
  return (
    <div className="mx-auto max-w-md">
      <PageTitle lead={t("password.lead")}>{t("password.title")}</PageTitle>
      <Form method="post" {...getFormProps(form)} className="space-y-5 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
        {actionData?.changed ? <Alert tone="success">{t("password.changed")}</Alert> : null}
        <Field
          label={t("fields.currentPassword")}
          errors={fields.currentPassword.errors}
          inputProps={{ ...getInputProps(fields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
        />
        <NewPasswordFields
          password={{ errors: fields.password.errors, inputProps: getInputProps(fields.password, { type: "password" }) }}
          confirmPassword={{
            errors: fields.confirmPassword.errors,
            inputProps: getInputProps(fields.confirmPassword, { type: "password" }),
          }}
        />
        <SubmitButton disabled={navigation.state === "submitting"}>{t("password.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
