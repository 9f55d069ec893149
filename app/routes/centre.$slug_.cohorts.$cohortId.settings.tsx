import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Alert, FieldErrors, PageTitle } from "~/components/ui/form";
import { getLanguage } from "~/lib/i18n.server";
import { requireCohortAccess } from "~/modules/cohorts/access.server";
import { INACTIVE_DAYS } from "~/modules/cohorts/progress";
import { cohortSettings, saveCohortSettings } from "~/modules/cohorts/settings.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "", need: "manage" });
  return { centre: access.centre, ...(await cohortSettings({ access, language: await getLanguage(request) })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const access = await requireCohortAccess({ request, slug: params.slug ?? "", cohortId: params.cohortId ?? "", need: "manage" });
  const result = await saveCohortSettings({ access, form: await request.formData() });
  if (!result.ok) return data(result, { status: result.status });
  return redirect(`/centre/${access.centre.slug}/cohorts/${access.cohort.id}/settings?saved=${result.saved}`);
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [{ title: loaderData ? `${loaderData.cohort.name} · Maharat` : "Maharat" }];

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2";
const buttonClass = "rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700";

export default function CohortSettings() {
  const { t } = useTranslation();
  const { centre, cohort, courses, windows, staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const errors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  return (
    <div className="space-y-8">
      <nav aria-label={t("cohorts.breadcrumb")} className="text-sm">
        <Link to={`/centre/${centre.slug}/cohorts/${cohort.id}`} className="text-brand-700 underline" dir="auto">{cohort.name}</Link>
      </nav>
      <PageTitle lead={t("cohorts.settings.lead")}>{t("cohorts.settings.title")}</PageTitle>
      {saved ? <Alert tone="success">{t(`cohorts.settings.saved.${saved}`)}</Alert> : null}
      {actionData && !actionData.ok && actionData.error ? <Alert tone="error">{t(`cohorts.errors.${actionData.error}`)}</Alert> : null}

      <Form method="post" className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" noValidate>
        <h2 className="text-lg font-semibold">{t("cohorts.settings.details")}</h2>
        <input type="hidden" name="intent" value="details" />
        <div>
          <label htmlFor="name" className="block text-sm font-medium">{t("cohorts.form.name")}</label>
          <input id="name" name="name" defaultValue={cohort.name} required className={inputClass} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? "name-error" : undefined} />
          <FieldErrors id="name-error" errors={errors.name} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="startsOn" className="block text-sm font-medium">{t("cohorts.form.startsOn")}</label>
            <input id="startsOn" name="startsOn" type="date" defaultValue={cohort.startsOn} className={inputClass} />
            <FieldErrors id="startsOn-error" errors={errors.startsOn} />
          </div>
          <div>
            <label htmlFor="endsOn" className="block text-sm font-medium">{t("cohorts.form.endsOn")}</label>
            <input id="endsOn" name="endsOn" type="date" defaultValue={cohort.endsOn} className={inputClass} />
            <FieldErrors id="endsOn-error" errors={errors.endsOn} />
          </div>
        </div>
        <div>
          <label htmlFor="behindFrom" className="block text-sm font-medium">{t("cohorts.form.behindFrom")}</label>
          <p id="behindFrom-hint" className="text-sm text-stone-600">{t("cohorts.form.behindFromHint", { days: INACTIVE_DAYS })}</p>
          <input id="behindFrom" name="behindFrom" type="date" defaultValue={cohort.behindFrom} className={inputClass} aria-describedby="behindFrom-hint" />
          <FieldErrors id="behindFrom-error" errors={errors.behindFrom} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("cohorts.form.path")}</legend>
          <p className="text-sm text-stone-600">{t("cohorts.form.pathHint")}</p>
          <ul className="mt-2 space-y-1">
            {courses.map((c) => (
              <li key={c.id}>
                <label className="inline-flex items-center gap-2">
                  <input type="checkbox" name="courseIds" value={c.id} defaultChecked={c.onPath} />
                  <span dir="auto">{c.title}</span>
                  <span className="text-sm text-stone-600">· {t("home.tierLabel", { level: c.tier })}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit" className={buttonClass}>{t("cohorts.settings.save")}</button>
      </Form>

      <section className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" aria-labelledby="windows">
        <h2 id="windows" className="text-lg font-semibold">{t("cohorts.settings.windows")}</h2>
        <p className="text-sm text-stone-600">{t("cohorts.settings.windowsLead")}</p>
        {windows.length === 0 ? <p>{t("cohorts.noPath")}</p> : null}
        {windows.map((w) => (
          <Form key={w.courseId} method="post" className="flex flex-wrap items-end gap-3 border-t border-stone-100 pt-3">
            <input type="hidden" name="intent" value="window" />
            <input type="hidden" name="courseId" value={w.courseId} />
            <p className="w-full font-medium" dir="auto">{w.title}</p>
            <div>
              <label htmlFor={`opens-${w.courseId}`} className="block text-sm">{t("cohorts.settings.opensAt")}</label>
              <input id={`opens-${w.courseId}`} name="opensAt" type="datetime-local" defaultValue={w.opensAt} className={inputClass} />
            </div>
            <div>
              <label htmlFor={`closes-${w.courseId}`} className="block text-sm">{t("cohorts.settings.closesAt")}</label>
              <input id={`closes-${w.courseId}`} name="closesAt" type="datetime-local" defaultValue={w.closesAt} className={inputClass} />
            </div>
            <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium">{t("cohorts.settings.saveWindow")}</button>
          </Form>
        ))}
        <p className="text-sm text-stone-600">{t("cohorts.settings.timeZone")}</p>
      </section>

      <Form method="post" className="space-y-3 rounded-xl border border-stone-200 bg-white p-6">
        <h2 className="text-lg font-semibold">{t("cohorts.settings.instructors")}</h2>
        <input type="hidden" name="intent" value="instructors" />
        {staff.length === 0 ? (
          <p>{t("cohorts.settings.noStaff")}</p>
        ) : (
          <ul className="space-y-1">
            {staff.map((s) => (
              <li key={s.userId}>
                <label className="inline-flex items-center gap-2">
                  <input type="checkbox" name="instructorIds" value={s.userId} defaultChecked={s.assigned} />
                  <span dir="auto">{s.name}</span> <span className="text-sm text-stone-600">{s.email}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <button type="submit" className={buttonClass}>{t("cohorts.settings.saveInstructors")}</button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
