import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { formatDate } from "~/lib/i18n";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { nameOnCertificates } from "~/modules/accounts/names";
import { profileOf, updateProfile } from "~/modules/accounts/profile.server";
import { localized } from "~/modules/catalog/localize";
import { CredentialError, reissueWithCurrentName } from "~/modules/certification/issuer.server";
import { credentialsWithAnOldName } from "~/modules/certification/sharing.server";
import { prisma } from "~/lib/db.server";

/** /account/profile: correct my name and the name printed on my certificates; re-issue those with the old name. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await profileOf(user.id);
  const printedName = nameOnCertificates(profile);
  const outdated = await credentialsWithAnOldName({ userId: user.id, printedName });
  const language = await getLanguage(request);
  const courses = await prisma.course.findMany({ where: { id: { in: outdated.map((c) => c.courseId) } }, select: { id: true, title: true } });
  return data(
    {
      profile,
      printedName,
      outdated: outdated.map((c) => ({ ...c, title: localized(courses.find((x) => x.id === c.courseId)?.title, language) || c.courseId })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") === "reissue") {
    try {
      await reissueWithCurrentName({ credentialId: String(form.get("credentialId") ?? ""), userId: user.id });
    } catch (error) {
      if (error instanceof CredentialError) return data({ error: error.code, fieldErrors: {} }, { status: error.status >= 500 ? 409 : error.status });
      throw error;
    }
    return redirect("/account/profile?done=reissued");
  }
  const result = await updateProfile({ userId: user.id, form });
  if (!result.ok) return data({ error: "form_invalid", fieldErrors: result.fieldErrors }, { status: 400 });
  return redirect("/account/profile?done=saved");
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "profile.title");

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2";

export default function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { profile, printedName, outdated } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const errors: Partial<Record<string, string[]>> = actionData?.fieldErrors ?? {};
  const field = (name: "name" | "certificateName" | "certificateNameLatin", value: string | null, hint?: string) => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">{t(`profile.fields.${name}`)}</label>
      {hint ? <p id={`${name}-hint`} className="text-sm text-stone-600">{hint}</p> : null}
      <input
        id={name}
        name={name}
        defaultValue={value ?? ""}
        dir="auto"
        className={inputClass}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? `${name}-hint` : "", errors[name] ? `${name}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      <FieldErrors id={`${name}-error`} errors={errors[name]} />
    </div>
  );
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <nav className="text-sm"><Link to="/account" className="text-brand-700 underline">{t("account.title")}</Link></nav>
      <PageTitle lead={t("profile.lead")}>{t("profile.title")}</PageTitle>
      {done === "saved" ? <Alert tone="success">{t("profile.saved")}</Alert> : null}
      {done === "reissued" ? <Alert tone="success">{t("profile.reissued")}</Alert> : null}
      {actionData?.error && actionData.error !== "form_invalid" ? <Alert tone="error">{t(`profile.errors.${actionData.error}`, { defaultValue: t("profile.errors.not_found") })}</Alert> : null}
      <Form method="post" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" noValidate>
        {field("name", profile.name)}
        {field("certificateName", profile.certificateName, t("profile.hints.certificateName"))}
        {field("certificateNameLatin", profile.certificateNameLatin, t("profile.hints.certificateNameLatin"))}
        <p className="text-sm">{t("profile.printedAs")} <bdi className="font-semibold">{printedName}</bdi></p>
        <button type="submit" disabled={navigation.state !== "idle"} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {t("profile.save")}
        </button>
      </Form>
      {outdated.length > 0 ? (
        <section aria-labelledby="outdated" className="space-y-3 rounded-xl border border-amber-200 bg-amber-50 p-6">
          <h2 id="outdated" className="text-lg font-semibold">{t("profile.outdated.title")}</h2>
          <p className="text-sm">{t("profile.outdated.lead")}</p>
          <ul className="space-y-3">
            {outdated.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-3" data-outdated-credential={c.id}>
                <span>
                  <bdi className="font-medium">{c.title}</bdi> · {t("profile.outdated.signedAs")} <bdi>{c.signedName}</bdi> · {formatDate(c.issuedAt, i18n.language, { dateStyle: "medium" })}
                </span>
                <Form method="post">
                  <input type="hidden" name="credentialId" value={c.id} />
                  <button type="submit" name="intent" value="reissue" className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50">
                    {t("profile.outdated.reissue")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
