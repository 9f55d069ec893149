import { z } from "zod";

// Messages are catalogue keys, translated where they are shown (forms render t(error)).
const optionalDate = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(z.union([z.null(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "cohorts.errors.date_invalid")]))
  .transform((v) => (v === null ? null : new Date(`${v}T00:00:00Z`)))
  .refine((d) => d === null || !Number.isNaN(d.getTime()), "cohorts.errors.date_invalid");

export const CohortSchema = z
  .object({
    name: z.string({ error: "validation.required" }).trim().min(2, "cohorts.errors.name_too_short").max(120, "cohorts.errors.name_too_long"),
    startsOn: optionalDate,
    endsOn: optionalDate,
    behindFrom: optionalDate,
    courseIds: z.array(z.string().min(1)).max(20),
  })
  .refine((v) => !v.startsOn || !v.endsOn || v.startsOn <= v.endsOn, { message: "cohorts.errors.dates_order", path: ["endsOn"] });

const optionalDateTime = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : v))
  .pipe(z.union([z.null(), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "cohorts.errors.date_invalid")]));

/** An exam window as typed in a datetime-local field (the centre's local time, Africa/Casablanca). */
export const ExamWindowSchema = z.object({ courseId: z.string().min(1), opensAt: optionalDateTime, closesAt: optionalDateTime });

export const CentreSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(2, "cohorts.errors.name_too_short").max(160, "cohorts.errors.name_too_long"),
  city: z.string().trim().max(80).optional().transform((v) => v || null),
  website: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/.test(v), "cohorts.errors.website_invalid"),
  adminName: z.string({ error: "validation.required" }).trim().min(2, "validation.nameTooShort").max(120, "validation.nameTooLong"),
  adminEmail: z.string({ error: "validation.required" }).trim().toLowerCase().email("validation.emailInvalid"),
});

export const StaffInviteSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(2, "validation.nameTooShort").max(120, "validation.nameTooLong"),
  email: z.string({ error: "validation.required" }).trim().toLowerCase().email("validation.emailInvalid"),
  role: z.enum(["ADMIN", "INSTRUCTOR"], { error: "cohorts.errors.role_invalid" }),
});

/** Zod issues as translated-message keys per form field; `fields` maps a schema key to the form's field name. */
export function fieldErrorsOf<F extends string>(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, fields: Record<string, F>) {
  const errors: Partial<Record<F, string[]>> = {};
  for (const issue of issues) {
    const field = fields[String(issue.path[0])];
    if (field) (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

/** The cohort form (create and settings) read and checked: the cohort's fields, or the field errors to show. */
export function readCohortForm(form: FormData) {
  const parsed = CohortSchema.safeParse({
    name: String(form.get("name") ?? ""),
    startsOn: String(form.get("startsOn") ?? ""),
    endsOn: String(form.get("endsOn") ?? ""),
    behindFrom: String(form.get("behindFrom") ?? ""),
    courseIds: form.getAll("courseIds").map(String),
  });
  if (parsed.success) return { ok: true as const, cohort: parsed.data };
  return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error.issues, { name: "name", startsOn: "startsOn", endsOn: "endsOn", behindFrom: "behindFrom" }) };
}
