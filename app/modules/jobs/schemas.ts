import { z } from "zod";
import { CONTRACT_TYPES, MAX_SKILLS_PER_LIST, WORK_MODES } from "./options";
import { isRegion, WORK_LANGUAGES } from "./regions";

// Messages are catalogue keys, translated where they are shown (forms render t(error)).

/** What the job-post form sends, kept as typed so a refused form comes back exactly as it left. */
export type JobFormValues = {
  employerId: string;
  title: string;
  description: string;
  workMode: string;
  region: string;
  contractType: string;
  languages: string[];
  requiredSkills: string[];
  niceSkills: string[];
  minTier: string;
};

export type JobFormField = Exclude<keyof JobFormValues, "employerId">;
export type JobFormErrors = Partial<Record<JobFormField | "employerId" | "form", string[]>>;

// Echoing a pasted 1 MB text back into the page helps nobody: the schema refuses anything over the limits anyway.
const MAX_ECHO_CHARS = 20_000;
const MAX_ECHO_ITEMS = 100;

function text(formData: FormData, name: string) {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, MAX_ECHO_CHARS) : "";
}

function list(formData: FormData, name: string) {
  return formData
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .slice(0, MAX_ECHO_ITEMS)
    .map((v) => v.slice(0, 200));
}

/** The form's fields as typed (nothing validated, nothing dropped but absurd lengths). */
export function readJobFormValues(formData: FormData): JobFormValues {
  return {
    employerId: text(formData, "employerId"),
    title: text(formData, "title"),
    description: text(formData, "description"),
    workMode: text(formData, "workMode"),
    region: text(formData, "region"),
    contractType: text(formData, "contractType"),
    languages: list(formData, "languages"),
    requiredSkills: list(formData, "requiredSkills"),
    niceSkills: list(formData, "niceSkills"),
    minTier: text(formData, "minTier"),
  };
}

export const EMPTY_JOB_FORM: JobFormValues = {
  employerId: "",
  title: "",
  description: "",
  workMode: "ON_SITE",
  region: "",
  contractType: "",
  languages: ["fr"],
  requiredSkills: [],
  niceSkills: [],
  minTier: "",
};

const unique = <T>(values: T[]) => [...new Set(values)];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The job post schema. The taxonomy and the tiers live in the database, so the known skill ids and tier levels are
 * passed in: a forged id is refused here rather than stored.
 */
export function jobPostSchema({ skillIds, tierLevels }: { skillIds: readonly string[]; tierLevels: readonly number[] }) {
  const knownSkills = new Set(skillIds);
  const skillList = z
    .array(z.string().refine((id) => knownSkills.has(id), "employerJobs.errors.skill_unknown"))
    .max(MAX_SKILLS_PER_LIST, "employerJobs.errors.too_many_skills")
    .transform(unique);
  return z
    .object({
      title: z.string().trim().min(3, "employerJobs.errors.title_too_short").max(140, "employerJobs.errors.title_too_long"),
      description: z.string().trim().min(30, "employerJobs.errors.description_too_short").max(8_000, "employerJobs.errors.description_too_long"),
      workMode: z.enum(WORK_MODES, { error: "employerJobs.errors.work_mode_invalid" }),
      region: z
        .string()
        .trim()
        .transform((v) => (v === "" ? null : v))
        .refine((v) => v === null || isRegion(v), "employerJobs.errors.region_invalid"),
      contractType: z.enum(CONTRACT_TYPES, { error: "employerJobs.errors.contract_invalid" }),
      languages: z
        .array(z.enum(WORK_LANGUAGES, { error: "employerJobs.errors.language_invalid" }))
        .min(1, "employerJobs.errors.languages_required")
        .transform(unique),
      requiredSkills: skillList.refine((ids) => ids.length > 0, "employerJobs.errors.required_skill_needed"),
      niceSkills: skillList,
      minTier: z
        .string()
        .trim()
        .transform((v) => (v === "" ? null : Number(v)))
        .refine((v) => v === null || (Number.isInteger(v) && tierLevels.includes(v)), "employerJobs.errors.tier_invalid"),
    })
    // Cross-field rules run even when another field is wrong (`when`), so the employer sees every problem at once.
    // On site and hybrid work happen somewhere: the region is what candidates filter on.
    .refine((job) => job.workMode === "REMOTE" || Boolean(job.region), {
      message: "employerJobs.errors.region_required",
      path: ["region"],
      when: () => true,
    })
    .refine((job) => !job.requiredSkills.some((id) => job.niceSkills.includes(id)), {
      message: "employerJobs.errors.skill_both",
      path: ["niceSkills"],
      when: ({ value }) => isRecord(value) && Array.isArray(value.requiredSkills) && Array.isArray(value.niceSkills),
    });
}

export type JobPostInput = z.output<ReturnType<typeof jobPostSchema>>;

const FIELDS = new Set<string>(["title", "description", "workMode", "region", "contractType", "languages", "requiredSkills", "niceSkills", "minTier"]);

function isField(value: unknown): value is JobFormField {
  return typeof value === "string" && FIELDS.has(value);
}

/** Validates typed values: the input ready to store, or the catalogue keys of what is wrong, per field. */
export function parseJobForm({
  values,
  skillIds,
  tierLevels,
}: {
  values: JobFormValues;
  skillIds: readonly string[];
  tierLevels: readonly number[];
}): { ok: true; input: JobPostInput } | { ok: false; errors: JobFormErrors } {
  const result = jobPostSchema({ skillIds, tierLevels }).safeParse(values);
  if (result.success) return { ok: true, input: result.data };
  const errors: JobFormErrors = {};
  for (const issue of result.error.issues) {
    const field = isField(issue.path[0]) ? issue.path[0] : "form";
    const messages = (errors[field] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return { ok: false, errors };
}
