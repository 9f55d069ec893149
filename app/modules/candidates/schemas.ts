// The candidate's forms, shared by the server (parseWithZod) and the pages (conform). Messages are catalogue keys,
// translated where they are shown.
import { z } from "zod";
import { isRegion, WORK_LANGUAGES } from "~/modules/jobs";

/** Consent row written at opt-in (Consent.kind) and the version of the notice the candidate accepted. Bump the
 * version whenever the notice on /account/job-board changes what is shown or how matching works. */
export const JOB_BOARD_CONSENT_KIND = "job_board";
export const JOB_BOARD_CONSENT_VERSION = "2026-11-22";

export const OptInSchema = z.object({
  intent: z.literal("opt-in"),
  consent: z.literal("on", { error: "jobBoard.errors.consentRequired" }),
});

export const PreferencesSchema = z.object({
  intent: z.literal("save-preferences"),
  // Empty means "anywhere in Morocco"; conform turns an empty field into undefined.
  region: z
    .string()
    .optional()
    .refine((v) => v === undefined || isRegion(v), "jobBoard.errors.region"),
  openToRemote: z.boolean().default(false),
  languages: z.array(z.enum(WORK_LANGUAGES, { error: "jobBoard.errors.language" })).max(WORK_LANGUAGES.length),
  // Checked against the taxonomy by the server (an unknown id is a tampered form, answered with a 400).
  declaredSkillIds: z.array(z.string().min(1).max(100)).max(200),
});

export const ContactDecisionSchema = z.object({
  intent: z.enum(["contact-accept", "contact-decline"]),
  requestId: z.string().min(1).max(100),
});

export const WithdrawSchema = z.object({ intent: z.literal("withdraw") });

export const ApplySchema = z.object({
  intent: z.enum(["apply", "withdraw-application"]),
  jobId: z.string().min(1).max(100),
  redirectTo: z.string().max(500).optional(),
});

export const OBJECTION_MIN_LENGTH = 10;
export const OBJECTION_MAX_LENGTH = 2000;

export const ObjectionSchema = z.object({
  jobId: z.string({ error: "jobBoard.errors.jobNotFound" }).min(1).max(100),
  message: z
    .string({ error: "jobBoard.errors.messageTooShort" })
    .trim()
    .min(OBJECTION_MIN_LENGTH, "jobBoard.errors.messageTooShort")
    .max(OBJECTION_MAX_LENGTH, "jobBoard.errors.messageTooLong"),
});

export const AnswerObjectionSchema = z.object({
  intent: z.literal("answer"),
  objectionId: z.string().min(1).max(100),
  answer: z
    .string({ error: "jobBoard.errors.answerTooShort" })
    .trim()
    .min(OBJECTION_MIN_LENGTH, "jobBoard.errors.answerTooShort")
    .max(4000, "jobBoard.errors.answerTooLong"),
});
