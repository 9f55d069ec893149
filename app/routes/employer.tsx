import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, PageTitle } from "~/components/ui/form";
import { requireRole } from "~/modules/accounts/auth.server";
import { createAcademy } from "~/modules/cohorts/centre-page.server";
import { CohortError } from "~/modules/cohorts/cohorts.server";
import { listEmployerOrganisations } from "~/modules/organisations/organisations.server";
import { pageMeta } from "~/lib/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  const employers = await listEmployerOrganisations({ userId: user.id, isPlatformAdmin: user.roles.includes("PLATFORM_ADMIN") });
  return {
    employers: employers.map((e) => ({
      ...e,
      canCreateAcademy: user.roles.includes("PLATFORM_ADMIN") || e.memberships.some((m) => m.user.id === user.id && m.role === "ADMIN"),
    })),
  };
}

/** An employer's admin opens the employer's internal academy (a training centre it owns), then runs it at /centre. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "EMPLOYER");
  const form = await request.formData();
  try {
    const academy = await createAcademy({ employerId: String(form.get("employerId") ?? ""), name: String(form.get("name") ?? ""), actor: { id: user.id, isPlatformAdmin: user.roles.includes("PLATFORM_ADMIN") } });
    return redirect(`/centre/${academy.slug}`);
  } catch (error) {
    if (error instanceof CohortError) return data({ error: error.code }, { status: error.status });
    throw error;
  }
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "employer.title");

export default function EmployerPage() {
  const { t } = useTranslation();
  const { employers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("employer.lead")}>{t("employer.title")}</PageTitle>
      {actionData?.error ? <Alert tone="error">{t(`cohorts.errors.${actionData.error}`)}</Alert> : null}
      <ul className="space-y-4">
        {employers.map((e) => (
          <li key={e.id} className="rounded-xl border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">{e.name}</h2>
            <p className="text-sm text-stone-600">
              {e.employerType ? t(`employerTypes.${e.employerType}`) : null}
              {e.city ? ` · ${e.city}` : ""}
            </p>
            <h3 className="mt-3 font-medium">{t("employer.academy.title")}</h3>
            {e.academies.length > 0 ? (
              <ul className="list-disc ps-6 text-sm">
                {e.academies.map((a) => (
                  <li key={a.id}>
                    <Link to={`/centre/${a.slug}`} className="text-brand-700 underline" dir="auto">{a.name}</Link> · {t("centre.cohortCount", { count: a._count.cohorts })}
                  </li>
                ))}
              </ul>
            ) : e.canCreateAcademy ? (
              <Form method="post" className="mt-1 space-y-2">
                <p className="text-sm text-stone-600">{t("employer.academy.lead")}</p>
                <input type="hidden" name="employerId" value={e.id} />
                <label htmlFor={`academy-${e.id}`} className="block text-sm font-medium">{t("employer.academy.name")}</label>
                <input id={`academy-${e.id}`} name="name" required defaultValue={t("employer.academy.defaultName", { employer: e.name })} className="block w-full rounded-md border border-stone-300 px-3 py-1.5" />
                <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium">{t("employer.academy.create")}</button>
              </Form>
            ) : (
              <p className="text-sm text-stone-600">{t("employer.academy.none")}</p>
            )}
            <h3 className="mt-3 font-medium">{t("employer.team")}</h3>
            <ul className="list-disc ps-6 text-sm">
              {e.memberships.map((m) => (
                <li key={`${m.user.email}-${m.role}`}>
                  <span dir="auto">{m.user.name}</span> — {t(`orgRoles.${m.role}`)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <section aria-labelledby="employer-jobs" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="employer-jobs" className="text-lg font-semibold">{t("employerJobs.section.title")}</h2>
        <p className="text-sm text-stone-600">{t("employerJobs.section.lead")}</p>
        <p className="mt-2">
          <Link to="/employer/jobs" className="font-medium text-brand-700 underline">{t("employerJobs.section.link")}</Link>
        </p>
      </section>
    </div>
  );
}
