// The job-post form's server half, shared by /employer/jobs/new and /employer/jobs/:jobId/edit so both pages stay
// thin. One form, several buttons (the `intent` field): "suggest" re-renders the form with suggested skills
// pre-ticked, "save" and "publish" validate and write, "close" closes an existing post. Whatever is refused comes back
// with every typed value, so nothing is lost, JavaScript or not.
import crypto from "node:crypto";
import type { CurrentUser } from "~/modules/accounts/index.server";
import { createJobPost, JobError, type JobRecord, type JobTaxonomy, changeJobStatus, updateJobPost } from "./jobs.server";
import { type JobFormErrors, type JobFormValues, parseJobForm, readJobFormValues } from "./schemas";
import { getSkillSuggester, type SkillSuggester, type SuggestionFailure } from "./skill-suggester.server";
import { withLessonKeywords } from "./lesson-keywords";
import { lessonKeywords } from "./lesson-keywords.server";
import { SKILL_KEYWORDS } from "./skill-keywords";

export type SuggestionView = {
  skillIds: string[];
  matched: Record<string, string[]>;
  source: "ai" | "local";
  model: string | null;
  failure: SuggestionFailure | null;
};

export type JobFormPayload = {
  values: JobFormValues;
  errors: JobFormErrors;
  suggestion: SuggestionView | null;
  /** Changes with every answer so the page remounts the form with the values sent back (checkboxes included). */
  formKey: string;
};

export type JobFormOutcome = { kind: "redirect"; to: string } | { kind: "form"; status: 200 | 400 | 403 | 409; payload: JobFormPayload };

/** The values a saved post shows in its edit form. */
export function jobFormValuesOf(job: Pick<JobRecord, "employerId" | "title" | "description" | "workMode" | "region" | "contractType" | "languages" | "skills" | "minTier">): JobFormValues {
  return {
    employerId: job.employerId,
    title: job.title,
    description: job.description,
    workMode: job.workMode,
    region: job.region ?? "",
    contractType: job.contractType,
    languages: job.languages,
    requiredSkills: job.skills.filter((s) => s.required).map((s) => s.skillId),
    niceSkills: job.skills.filter((s) => !s.required).map((s) => s.skillId),
    minTier: job.minTier === null ? "" : String(job.minTier),
  };
}

function form(status: 200 | 400 | 403 | 409, values: JobFormValues, errors: JobFormErrors = {}, suggestion: SuggestionView | null = null): JobFormOutcome {
  return { kind: "form", status, payload: { values, errors, suggestion, formKey: crypto.randomUUID() } };
}

/**
 * Handles a post of the job form. `job` is the post being edited (already through requireJobAccess), or null on the
 * "new" page, where the employer comes from the form and is checked against the user's memberships.
 */
export async function handleJobForm({
  formData,
  user,
  job,
  taxonomy,
  suggester = getSkillSuggester(),
}: {
  formData: FormData;
  user: Pick<CurrentUser, "id" | "roles">;
  job: JobRecord | null;
  taxonomy: JobTaxonomy;
  suggester?: SkillSuggester;
}): Promise<JobFormOutcome> {
  const intent = formData.get("intent");
  const values = readJobFormValues(formData);
  if (job) values.employerId = job.employerId;

  try {
    if (intent === "close" && job) {
      await changeJobStatus({ job, command: "close" });
      return { kind: "redirect", to: `/employer/jobs/${job.id}?done=closed` };
    }

    if (intent === "suggest") {
      if (`${values.title}${values.description}`.trim().length < 10) {
        return form(400, values, { description: ["employerJobs.errors.suggest_needs_text"] });
      }
      const suggestion = await suggester.suggest({
        title: values.title,
        description: values.description,
        skills: taxonomy.skills.map((s) => ({ id: s.id, label: s.labels, description: s.descriptions })),
        keywords: withLessonKeywords(SKILL_KEYWORDS, await lessonKeywords()),
      });
      // Suggestions are never pre-ticked as required (that decides who is ranked at all): they are ticked as
      // nice-to-have unless the employer already chose, and the employer promotes to required what the job needs.
      const niceSkills = [...new Set([...values.niceSkills, ...suggestion.skillIds.filter((id) => !values.requiredSkills.includes(id))])];
      return form(200, { ...values, niceSkills }, {}, suggestion);
    }

    if (intent !== "save" && intent !== "publish") return form(400, values, { form: ["employerJobs.errors.intent_invalid"] });

    const parsed = parseJobForm({ values, skillIds: taxonomy.skills.map((s) => s.id), tierLevels: taxonomy.tiers.map((t) => t.level) });
    const employerMissing = !job && values.employerId === "";
    if (!parsed.ok || employerMissing) {
      const errors: JobFormErrors = parsed.ok ? {} : parsed.errors;
      if (employerMissing) errors.employerId = ["employerJobs.errors.employer_required"];
      return form(400, values, errors);
    }

    if (job) {
      const saved = await updateJobPost({ job, input: parsed.input, command: intent });
      return { kind: "redirect", to: `/employer/jobs/${saved.id}?done=${intent === "publish" ? "published" : "saved"}` };
    }
    const created = await createJobPost({ user, employerId: values.employerId, input: parsed.input, publish: intent === "publish" });
    return { kind: "redirect", to: `/employer/jobs/${created.id}?done=${intent === "publish" ? "published" : "saved"}` };
  } catch (error) {
    if (error instanceof JobError && error.code === "employer_forbidden") return form(403, values, { employerId: ["employerJobs.errors.employer_forbidden"] });
    if (error instanceof JobError && error.code === "closed") return form(409, values, { form: ["employerJobs.errors.closed"] });
    throw error;
  }
}
