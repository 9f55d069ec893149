import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 space-y-1 text-sm text-red-700">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

type FieldProps = {
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { id: string; name: string };
};

/** A labelled input with its hint and translated errors wired through aria-describedby. */
export function Field({ label, hint, errors, inputProps }: FieldProps) {
  const errorId = `${inputProps.id}-error`;
  const hintId = `${inputProps.id}-hint`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={inputProps.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        {...inputProps}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 aria-[invalid]:border-red-600"
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, ...props }: React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="submit"
      {...props}
      className="inline-flex w-full items-center justify-center rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto"
    >
      {children}
    </button>
  );
}

export function Alert({ tone = "info", children }: { tone?: "info" | "error" | "success"; children: React.ReactNode }) {
  const styles = {
    info: "border-sky-200 bg-sky-50 text-sky-900",
    error: "border-red-200 bg-red-50 text-red-900",
    success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm ${styles}`}>
      {children}
    </div>
  );
}

/** Errors about the whole form (not one field), translated; announced by screen readers. */
export function FormErrors({ errors }: { errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <Alert tone="error">
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </Alert>
  );
}

/** The new password and its confirmation (reset and change forms share them). */
export function NewPasswordFields({
  password,
  confirmPassword,
}: {
  password: { errors?: string[]; inputProps: FieldProps["inputProps"] };
  confirmPassword: { errors?: string[]; inputProps: FieldProps["inputProps"] };
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={t("fields.newPassword")}
        hint={t("fields.passwordHint")}
        errors={password.errors}
        inputProps={{ ...password.inputProps, autoComplete: "new-password" }}
      />
      <Field
        label={t("fields.confirmPassword")}
        errors={confirmPassword.errors}
        inputProps={{ ...confirmPassword.inputProps, autoComplete: "new-password" }}
      />
    </>
  );
}

export function PageTitle({ children, lead }: { children: React.ReactNode; lead?: React.ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{children}</h1>
      {lead ? <p className="mt-2 text-stone-700">{lead}</p> : null}
    </div>
  );
}

/** "I have read the privacy notice" (sign-up, and an invited person's first password): required, with its errors. */
export function PrivacyConsentField({ errors, inputProps }: { errors?: string[]; inputProps: React.InputHTMLAttributes<HTMLInputElement> & { id: string } }) {
  const { t } = useTranslation();
  const errorId = `${inputProps.id}-error`;
  return (
    <div>
      <div className="flex items-start gap-3">
        <input {...inputProps} className="mt-1 size-5 shrink-0 accent-brand-600" aria-describedby={errors?.length ? errorId : undefined} />
        <label htmlFor={inputProps.id} className="text-sm text-stone-800">
          {t("signup.consent")}{" "}
          <Link to="/privacy" target="_blank" className="font-medium text-brand-700 underline">
            {t("signup.consentLink")}
          </Link>
        </label>
      </div>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
