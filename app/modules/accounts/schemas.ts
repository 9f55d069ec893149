import { z } from "zod";
import { supportedLanguages } from "~/lib/i18n";

// Messages are catalogue keys, translated where they are shown (forms render t(error)).
const email = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254, "validation.emailInvalid")
  .email("validation.emailInvalid")
  .transform((v) => v.toLowerCase());

const newPassword = z
  .string({ error: "validation.required" })
  .min(10, "validation.passwordTooShort")
  .max(128, "validation.passwordTooLong");

export const PRIVACY_NOTICE_VERSION = "2026-12-06";

export const SignupSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(2, "validation.nameTooShort").max(120, "validation.nameTooLong"),
  email,
  password: newPassword,
  language: z.enum(supportedLanguages).default("fr"),
  consent: z.literal("on", { error: "validation.consentRequired" }),
  redirectTo: z.string().optional(),
});

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "validation.required" }).min(1, "validation.required").max(128, "validation.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "validation.passwordsDiffer",
    path: ["confirmPassword"],
  });

/** A centre's invitation: choosing the first password is the person's sign-up, so they accept the privacy notice. */
export const InvitationPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
    consent: z.literal("on", { error: "validation.consentRequired" }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "validation.passwordsDiffer",
    path: ["confirmPassword"],
  });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).min(1, "validation.required"),
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "validation.passwordsDiffer",
    path: ["confirmPassword"],
  });

// Any origin we own would do: targets are resolved against it and must stay on it.
const REDIRECT_BASE = "http://maharat.invalid";

/**
 * A same-origin path to redirect to, or `fallback`. The target is parsed as browsers parse it (tabs and newlines
 * dropped, backslashes read as slashes), so "/\t/evil.example" is seen as the off-site "//evil.example" it becomes;
 * what comes back is the parser's serialisation, percent-encoded and free of CR/LF, safe for a Location header.
 */
export function safeRedirect(to: unknown, fallback = "/learn") {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2_000) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
