// The guided job-post form, rendered by /employer/jobs/new and /employer/jobs/:jobId/edit. It lives beside the jobs
// domain because only those two pages use it. Every value comes from the server (the saved post, or what the last
// submit sent back), so the form works the same with JavaScript off; the `key` remounts it after each answer so
// checkboxes pre-ticked by a suggestion show.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, FieldErrors } from "~/components/ui/form";
import { listSeparator } from "~/modules/jobs/format";
import type { SuggestionView } from "~/modules/jobs/job-form.server";
import { CONTRACT_TYPES, WORK_MODES } from "~/modules/jobs/options";
import { REGIONS, regionLabel, WORK_LANGUAGES } from "~/modules/jobs/regions";
import type { JobFormErrors, JobFormValues } from "~/modules/jobs/schemas";

export type JobFormSkill = { id: string; label: string; tier: number | null };
export type JobFormTier = { level: number; title: string };
export type JobFormEmployer = { id: string; name: string };

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 aria-[invalid]:border-red-600";
const primaryButton = "rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700";
const secondaryButton = "rounded-md border border-stone-300 bg-white px-4 py-2.5 font-medium text-stone-800 hover:bg-stone-50";

function describedBy(id: string, errors: string[] | undefined, hint = false) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function SuggestionNotice({ suggestion, skills }: { suggestion: SuggestionView; skills: JobFormSkill[] }) {
  const { t, i18n } = useTranslation();
  const labels = new Map(skills.map((s) => [s.id, s.label]));
  return (
    <Alert tone="info">
      {suggestion.failure ? <p>{t("employerJobs.suggestion.fallback")}</p> : null}
      {suggestion.skillIds.length === 0 ? (
        <p>{t("employerJobs.suggestion.none")}</p>
      ) : (
        <>
          <p>{suggestion.source === "ai" ? t("employerJobs.suggestion.ai", { model: suggestion.model ?? "" }) : t("employerJobs.suggestion.local")}</p>
          <ul className="mt-1 list-disc ps-5">
            {suggestion.skillIds.map((id) => (
              <li key={id}>
                <span dir="auto">{labels.get(id) ?? id}</span>
                {suggestion.matched[id]?.length ? (
                  // Each phrase isolated (<bdi>): French keywords inside an Arabic sentence keep their own order.
                  <span className="block text-stone-700">
                    {t("employerJobs.suggestion.matched")}{" "}
                    {suggestion.matched[id].map((phrase, i) => (
                      <span key={phrase}>
                        {i > 0 ? listSeparator(i18n.language) : ""}
                        <bdi>{phrase}</bdi>
                      </span>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="mt-1">{t("employerJobs.suggestion.confirm")}</p>
        </>
      )}
    </Alert>
  );
}

export function JobPostForm({
  formKey,
  values,
  errors,
  suggestion,
  skills,
  tiers,
  employers,
  status,
}: {
  formKey: string;
  values: JobFormValues;
  errors: JobFormErrors;
  suggestion: SuggestionView | null;
  skills: JobFormSkill[];
  tiers: JobFormTier[];
  /** Only on the "new" page: the employers the user may post for. */
  employers: JobFormEmployer[] | null;
  /** The post's status when editing; null for a new post. */
  status: "DRAFT" | "PUBLISHED" | null;
}) {
  const { t, i18n } = useTranslation();
  const hasErrors = Object.values(errors).some((list) => list && list.length > 0);
  const suggested = new Set(suggestion?.skillIds ?? []);
  const groups = new Map<number | null, JobFormSkill[]>();
  for (const skill of skills) groups.set(skill.tier, [...(groups.get(skill.tier) ?? []), skill]);

  return (
    <Form key={formKey} method="post" noValidate className="space-y-6 rounded-xl border border-stone-200 bg-white p-6">
      {hasErrors ? <Alert tone="error">{t("employerJobs.form.errorSummary")}</Alert> : null}
      <FieldErrors id="form-error" errors={errors.form} />
      {suggestion ? <SuggestionNotice suggestion={suggestion} skills={skills} /> : null}

      {employers && employers.length > 1 ? (
        <div>
          <label htmlFor="employerId" className="block text-sm font-medium">{t("employerJobs.form.employer")}</label>
          <select id="employerId" name="employerId" defaultValue={values.employerId} className={inputClass} aria-invalid={errors.employerId ? true : undefined} aria-describedby={describedBy("employerId", errors.employerId)}>
            <option value="">{t("employerJobs.form.employerNone")}</option>
            {employers.map((e) => (
              <option key={e.id} value={e.id}>{e.name}</option>
            ))}
          </select>
          <FieldErrors id="employerId-error" errors={errors.employerId} />
        </div>
      ) : employers && employers.length === 1 ? (
        <>
          <input type="hidden" name="employerId" value={employers[0].id} />
          <p className="text-sm text-stone-700">
            {t("employerJobs.form.postingFor")} <bdi className="font-medium">{employers[0].name}</bdi>
          </p>
          <FieldErrors id="employerId-error" errors={errors.employerId} />
        </>
      ) : null}

      <div>
        <label htmlFor="title" className="block text-sm font-medium">{t("employerJobs.form.title")}</label>
        <input id="title" name="title" defaultValue={values.title} maxLength={140} dir="auto" className={inputClass} aria-invalid={errors.title ? true : undefined} aria-describedby={describedBy("title", errors.title, true)} />
        <p id="title-hint" className="mt-1 text-sm text-stone-600">{t("employerJobs.form.titleHint")}</p>
        <FieldErrors id="title-error" errors={errors.title} />
      </div>

      <div>
        <label htmlFor="description" className="block text-sm font-medium">{t("employerJobs.form.description")}</label>
        <textarea id="description" name="description" defaultValue={values.description} rows={10} dir="auto" className={inputClass} aria-invalid={errors.description ? true : undefined} aria-describedby={describedBy("description", errors.description, true)} />
        <p id="description-hint" className="mt-1 text-sm text-stone-600">{t("employerJobs.form.descriptionHint")}</p>
        <FieldErrors id="description-error" errors={errors.description} />
        <button type="submit" name="intent" value="suggest" className={`mt-2 ${secondaryButton}`}>{t("employerJobs.form.suggest")}</button>
      </div>

      <fieldset aria-describedby={describedBy("workMode", errors.workMode)}>
        <legend className="text-sm font-medium">{t("employerJobs.form.workMode")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {WORK_MODES.map((mode) => (
            <label key={mode} className="inline-flex items-center gap-2">
              <input type="radio" name="workMode" value={mode} defaultChecked={values.workMode === mode} />
              {t(`jobs.workMode.${mode}`)}
            </label>
          ))}
        </div>
        <FieldErrors id="workMode-error" errors={errors.workMode} />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="region" className="block text-sm font-medium">{t("employerJobs.form.region")}</label>
          <select id="region" name="region" defaultValue={values.region} className={inputClass} aria-invalid={errors.region ? true : undefined} aria-describedby={describedBy("region", errors.region, true)}>
            <option value="">{t("employerJobs.form.regionNone")}</option>
            {REGIONS.map((r) => (
              <option key={r.id} value={r.id}>{regionLabel(r.id, i18n.language)}</option>
            ))}
          </select>
          <p id="region-hint" className="mt-1 text-sm text-stone-600">{t("employerJobs.form.regionHint")}</p>
          <FieldErrors id="region-error" errors={errors.region} />
        </div>
        <div>
          <label htmlFor="contractType" className="block text-sm font-medium">{t("employerJobs.form.contractType")}</label>
          <select id="contractType" name="contractType" defaultValue={values.contractType} className={inputClass} aria-invalid={errors.contractType ? true : undefined} aria-describedby={describedBy("contractType", errors.contractType)}>
            <option value="">{t("employerJobs.form.contractNone")}</option>
            {CONTRACT_TYPES.map((c) => (
              <option key={c} value={c}>{t(`jobs.contract.${c}`)}</option>
            ))}
          </select>
          <FieldErrors id="contractType-error" errors={errors.contractType} />
        </div>
      </div>

      <fieldset aria-describedby={describedBy("languages", errors.languages)}>
        <legend className="text-sm font-medium">{t("employerJobs.form.languages")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {WORK_LANGUAGES.map((language) => (
            <label key={language} className="inline-flex items-center gap-2">
              <input type="checkbox" name="languages" value={language} defaultChecked={values.languages.includes(language)} />
              {t(`jobs.languages.${language}`)}
            </label>
          ))}
        </div>
        <FieldErrors id="languages-error" errors={errors.languages} />
      </fieldset>

      <fieldset aria-describedby={["skills-hint", errors.requiredSkills ? "requiredSkills-error" : null, errors.niceSkills ? "niceSkills-error" : null].filter(Boolean).join(" ")}>
        <legend className="text-sm font-medium">{t("employerJobs.form.skills")}</legend>
        <p id="skills-hint" className="text-sm text-stone-600">{t("employerJobs.form.skillsHint")}</p>
        <FieldErrors id="requiredSkills-error" errors={errors.requiredSkills} />
        <FieldErrors id="niceSkills-error" errors={errors.niceSkills} />
        {[...groups.entries()].map(([tier, list]) => (
          <table key={tier ?? "other"} className="mt-3 w-full text-sm">
            <caption className="pb-1 text-start font-medium text-stone-800">
              {tier === null ? t("employerJobs.form.otherSkills") : t("employerJobs.form.tierGroup", { level: tier })}
            </caption>
            <thead>
              <tr className="border-b border-stone-200 text-stone-600">
                <th scope="col" className="py-1 text-start font-normal">{t("employerJobs.form.skill")}</th>
                <th scope="col" className="w-24 py-1 text-center font-normal">{t("employerJobs.form.skillRequired")}</th>
                <th scope="col" className="w-24 py-1 text-center font-normal">{t("employerJobs.form.skillNice")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((skill) => (
                <tr key={skill.id} className="border-b border-stone-100">
                  <th scope="row" id={`skill-${skill.id}`} className="py-1.5 pe-2 text-start font-normal">
                    <span dir="auto">{skill.label}</span>
                    {suggested.has(skill.id) ? (
                      <span className="ms-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("employerJobs.form.suggested")}</span>
                    ) : null}
                  </th>
                  <td className="text-center">
                    <input
                      type="checkbox"
                      name="requiredSkills"
                      value={skill.id}
                      defaultChecked={values.requiredSkills.includes(skill.id)}
                      aria-label={t("employerJobs.form.skillRequiredFor", { skill: skill.label })}
                      className="size-5"
                    />
                  </td>
                  <td className="text-center">
                    <input
                      type="checkbox"
                      name="niceSkills"
                      value={skill.id}
                      defaultChecked={values.niceSkills.includes(skill.id)}
                      aria-label={t("employerJobs.form.skillNiceFor", { skill: skill.label })}
                      className="size-5"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </fieldset>

      <div>
        <label htmlFor="minTier" className="block text-sm font-medium">{t("employerJobs.form.minTier")}</label>
        <select id="minTier" name="minTier" defaultValue={values.minTier} className={inputClass} aria-invalid={errors.minTier ? true : undefined} aria-describedby={describedBy("minTier", errors.minTier, true)}>
          <option value="">{t("employerJobs.form.minTierNone")}</option>
          {tiers.map((tier) => (
            <option key={tier.level} value={String(tier.level)}>{t("employerJobs.form.minTierOption", { level: tier.level, title: tier.title })}</option>
          ))}
        </select>
        <p id="minTier-hint" className="mt-1 text-sm text-stone-600">{t("employerJobs.form.minTierHint")}</p>
        <FieldErrors id="minTier-error" errors={errors.minTier} />
      </div>

      <div className="flex flex-wrap gap-3 border-t border-stone-100 pt-4">
        {status === "PUBLISHED" ? (
          <button type="submit" name="intent" value="save" className={primaryButton}>{t("employerJobs.form.saveChanges")}</button>
        ) : (
          <>
            <button type="submit" name="intent" value="publish" className={primaryButton}>{t("employerJobs.form.publish")}</button>
            <button type="submit" name="intent" value="save" className={secondaryButton}>{t("employerJobs.form.saveDraft")}</button>
          </>
        )}
      </div>
    </Form>
  );
}
