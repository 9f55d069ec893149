import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { appOrigin } from "~/lib/origin.server";
import { requireCentreAccess } from "~/modules/cohorts/access.server";
import { centrePage, handleCentreAction } from "~/modules/cohorts/centre-page.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCentreAccess({ request, slug: params.slug ?? "", need: "manage" });
  return centrePage({ centre: access.centre, language: await getLanguage(request) });
}

/** Create a cohort, or invite a member of staff. */
export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCentreAccess({ request, slug: params.slug ?? "", need: "manage" });
  const result = await handleCentreAction({ access, form: await request.formData(), origin: appOrigin() });
  if (!result.ok) return data(result, { status: result.status });
  if (result.cohortId) return redirect(`/centre/${access.centre.slug}/cohorts/${result.cohortId}`);
  return redirect(`/centre/${access.centre.slug}?invited=1`);
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "centre.title");

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2";
const buttonClass = "rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700";

export default function CentrePage() {
  const { t, i18n } = useTranslation();
  const { centre, cohorts, staff, courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  const lng = i18n.language;
  return (
    <div className="space-y-8">
      <PageTitle lead={centre.city ?? undefined}>
        <span dir="auto">{centre.name}</span>
      </PageTitle>
      {params.get("invited") ? <Alert tone="success">{t("cohorts.staff.invited")}</Alert> : null}
      {actionData && !actionData.ok && actionData.error ? <Alert tone="error">{t(`cohorts.errors.${actionData.error}`)}</Alert> : null}

      <section aria-labelledby="cohorts" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="cohorts" className="text-lg font-semibold">{t("centre.cohorts")}</h2>
        {cohorts.length === 0 ? <p className="mt-2">{t("cohorts.none")}</p> : null}
        <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="cohorts">
          <table className="w-full text-start text-sm">
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-2 text-start">{t("centre.cohort")}</th>
                <th scope="col" className="py-2 text-start">{t("centre.dates")}</th>
                <th scope="col" className="py-2 text-start">{t("centre.learners")}</th>
                <th scope="col" className="py-2 text-start">{t("centre.instructors")}</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.id} className="border-b border-stone-100">
                  <td className="py-2 font-medium">
                    <Link to={`/centre/${centre.slug}/cohorts/${c.id}`} className="text-brand-700 underline" dir="auto">{c.name}</Link>
                  </td>
                  <td className="py-2">
                    {c.startsOn ? formatDate(c.startsOn, lng, { dateStyle: "medium" }) : "—"} – {c.endsOn ? formatDate(c.endsOn, lng, { dateStyle: "medium" }) : "—"}
                  </td>
                  <td className="py-2">{c.learners}</td>
                  <td className="py-2">{c.instructors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <Form method="post" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" noValidate>
        <h2 className="text-lg font-semibold">{t("cohorts.create.title")}</h2>
        <input type="hidden" name="intent" value="create-cohort" />
        <div>
          <label htmlFor="cohort-name" className="block text-sm font-medium">{t("cohorts.form.name")}</label>
          <input id="cohort-name" name="name" required className={inputClass} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? "cohort-name-error" : undefined} />
          <FieldErrors id="cohort-name-error" errors={errors.name} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="startsOn" className="block text-sm font-medium">{t("cohorts.form.startsOn")}</label>
            <input id="startsOn" name="startsOn" type="date" className={inputClass} />
            <FieldErrors id="startsOn-error" errors={errors.startsOn} />
          </div>
          <div>
            <label htmlFor="endsOn" className="block text-sm font-medium">{t("cohorts.form.endsOn")}</label>
            <input id="endsOn" name="endsOn" type="date" className={inputClass} />
            <FieldErrors id="endsOn-error" errors={errors.endsOn} />
          </div>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("cohorts.form.path")}</legend>
          <ul className="mt-2 space-y-1">
            {courses.map((c) => (
              <li key={c.id}>
                <label className="inline-flex items-center gap-2">
                  <input type="checkbox" name="courseIds" value={c.id} defaultChecked={c.tier === 1} />
                  <span dir="auto">{c.title}</span>
                  <span className="text-sm text-stone-600">· {t("home.tierLabel", { level: c.tier })}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className={buttonClass}>{t("cohorts.create.submit")}</button>
      </Form>

      <section aria-labelledby="staff" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="staff" className="text-lg font-semibold">{t("centre.staff")}</h2>
        <ul className="space-y-1">
          {staff.map((m) => (
            <li key={`${m.userId}-${m.role}`}>
              <span dir="auto">{m.name}</span> <span className="text-sm text-stone-600">{m.email}</span> — {t(`orgRoles.${m.role}`)}
              {m.invited ? <span className="text-sm text-amber-700"> · {t("cohorts.invitedPending")}</span> : null}
            </li>
          ))}
        </ul>
        <Form method="post" className="grid gap-3 border-t border-stone-100 pt-4 sm:grid-cols-4 sm:items-end" noValidate>
          <input type="hidden" name="intent" value="invite-staff" />
          <div>
            <label htmlFor="staff-name" className="block text-sm font-medium">{t("cohorts.staff.name")}</label>
            <input id="staff-name" name="name" className={inputClass} />
            <FieldErrors id="staff-name-error" errors={errors.staffName} />
          </div>
          <div>
            <label htmlFor="staff-email" className="block text-sm font-medium">{t("cohorts.staff.email")}</label>
            <input id="staff-email" name="email" type="email" className={inputClass} />
            <FieldErrors id="staff-email-error" errors={errors.email} />
          </div>
          <div>
            <label htmlFor="staff-role" className="block text-sm font-medium">{t("cohorts.staff.role")}</label>
            <select id="staff-role" name="role" className={inputClass}>
              <option value="INSTRUCTOR">{t("orgRoles.INSTRUCTOR")}</option>
              <option value="ADMIN">{t("orgRoles.ADMIN")}</option>
            </select>
          </div>
          <button type="submit" className={buttonClass}>{t("cohorts.staff.invite")}</button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
