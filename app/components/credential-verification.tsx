import { useTranslation } from "react-i18next";
import { formatDate, isLanguage } from "~/lib/i18n";

// Serialisable shapes of app/modules/certification/public-verify.server.ts (components import nothing *.server).
type Localised = { fr: string; ar: string; en: string };
type ProblemView = { code: string; message: Localised };
export type VerificationViewData = {
  status: "valid" | "invalid" | "revoked" | "expired" | "not_yet_valid";
  verified: boolean;
  errors: ProblemView[];
  warnings: ProblemView[];
  summary: {
    credentialId?: string;
    issuer: { id: string; name?: string; url?: string };
    achievement: { name?: string };
    skills: { name: string }[];
    subject: { name?: string };
    trainingCentre?: { name?: string };
    issuedOn?: string;
    validUntil?: string;
    revokedAt?: string;
  } | null;
};

const TONES = {
  valid: "border-emerald-300 bg-emerald-50 text-emerald-950",
  invalid: "border-red-300 bg-red-50 text-red-950",
  revoked: "border-red-300 bg-red-50 text-red-950",
  expired: "border-amber-300 bg-amber-50 text-amber-950",
  not_yet_valid: "border-amber-300 bg-amber-50 text-amber-950",
} as const;

/** A problem's reason in the reader's language (credentials/ writes each in fr, ar and en). */
export function useProblemMessage() {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : "fr";
  return (problem: ProblemView) => problem.message[language];
}

/** The outcome of a verification: verdict, reasons, and what the credential says (when its signature checked out). */
export function CredentialVerification({ view, headingLevel = 2 }: { view: VerificationViewData; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const messageOf = useProblemMessage();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const summary = view.summary;
  return (
    <section aria-labelledby="verification-result" className="space-y-4">
      <div role="status" data-status={view.status} className={`rounded-xl border-2 p-5 ${TONES[view.status]}`}>
        <Heading id="verification-result" className="text-xl font-bold">
          {t(`credentials.verify.headline.${view.status}`)}
        </Heading>
        <p className="mt-1">{t(`credentials.verify.explain.${view.status}`)}</p>
        {summary?.revokedAt ? (
          <p className="mt-1 font-medium">{t("credentials.revokedOn", { date: formatDate(summary.revokedAt, i18n.language) })}</p>
        ) : null}
        {view.errors.length > 0 ? (
          <div className="mt-3">
            <p className="font-semibold">{t("credentials.verify.reasons")}</p>
            <ul className="mt-1 list-disc space-y-1 ps-6">
              {view.errors.map((problem) => (
                <li key={problem.code} data-code={problem.code}>{messageOf(problem)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {view.warnings.length > 0 ? (
          <div className="mt-3">
            <p className="font-semibold">{t("credentials.verify.notes")}</p>
            <ul className="mt-1 list-disc space-y-1 ps-6">
              {view.warnings.map((problem) => (
                <li key={problem.code} data-code={problem.code}>{messageOf(problem)}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {summary ? (
        <dl className="grid gap-x-6 gap-y-3 rounded-xl border border-stone-200 bg-white p-5 sm:grid-cols-[auto_1fr]">
          {summary.achievement.name ? (
            <SummaryRow label={t("credentials.fields.achievement")}>
              <span dir="auto" className="font-semibold">{summary.achievement.name}</span>
            </SummaryRow>
          ) : null}
          {summary.subject.name ? (
            <SummaryRow label={t("credentials.fields.holder")}>
              <span dir="auto">{summary.subject.name}</span>
            </SummaryRow>
          ) : null}
          <SummaryRow label={t("credentials.fields.issuer")}>
            <span dir="auto">{summary.issuer.name ?? summary.issuer.id}</span>{" "}
            <span dir="ltr" className="text-sm text-stone-600">({summary.issuer.id})</span>
          </SummaryRow>
          {summary.trainingCentre?.name ? (
            <SummaryRow label={t("credentials.fields.centre")}>
              <span dir="auto">{summary.trainingCentre.name}</span>
            </SummaryRow>
          ) : null}
          {summary.issuedOn ? <SummaryRow label={t("credentials.fields.issuedOn")}>{formatDate(summary.issuedOn, i18n.language)}</SummaryRow> : null}
          {summary.validUntil ? <SummaryRow label={t("credentials.fields.validUntil")}>{formatDate(summary.validUntil, i18n.language)}</SummaryRow> : null}
          {summary.skills.length > 0 ? (
            <SummaryRow label={t("credentials.fields.skills")}>
              <ul className="flex flex-wrap gap-2">
                {summary.skills.map((skill) => (
                  <li key={skill.name} dir="auto" className="rounded-full bg-stone-100 px-3 py-0.5 text-sm">{skill.name}</li>
                ))}
              </ul>
            </SummaryRow>
          ) : null}
          {summary.credentialId ? (
            <SummaryRow label={t("credentials.fields.credentialId")}>
              <span dir="ltr" className="break-all font-mono text-sm">{summary.credentialId}</span>
            </SummaryRow>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}

function SummaryRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-sm font-medium text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
