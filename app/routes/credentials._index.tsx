import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/ui/form";
import { formatDate } from "~/lib/i18n";
import { getLanguage } from "~/lib/i18n.server";
import { pageMeta } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/auth.server";
import { type CredentialCard, listMyCredentialCards } from "~/modules/certification/sharing.server";
import { attemptsAwaitingReview } from "~/modules/exams/next-step.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const language = await getLanguage(request);
  const [cards, awaiting] = await Promise.all([listMyCredentialCards({ userId: user.id, language }), attemptsAwaitingReview({ userId: user.id, language })]);
  return data({ cards, awaiting }, { headers: { "Cache-Control": "private, no-store" } });
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "credentials.title");

export default function MyCredentialsPage() {
  const { t, i18n } = useTranslation();
  const { cards, awaiting } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <PageTitle lead={t("credentials.lead")}>{t("credentials.title")}</PageTitle>
      {awaiting.length > 0 ? (
        <ul className="space-y-3">
          {awaiting.map((a) => (
            <li key={a.attemptId} className="rounded-xl border border-amber-200 bg-amber-50 p-5" data-awaiting-review={a.courseId}>
              <p className="font-medium">{t("credentials.awaitingReview.title", { exam: a.title })}</p>
              <p className="text-sm">
                {t("credentials.awaitingReview.body", { date: a.submittedAt ? formatDate(a.submittedAt, i18n.language, { dateStyle: "long" }) : "" })}{" "}
                <Link to={`/exams/${a.attemptId}/result`} className="text-brand-700 underline">{t("credentials.awaitingReview.link")}</Link>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {cards.length === 0 && awaiting.length > 0 ? null : cards.length === 0 ? (
        <div className="rounded-xl border border-stone-200 bg-white p-6">
          <p>{t("credentials.empty")}</p>
          <p className="mt-3">
            <Link to="/courses" className="font-medium text-brand-700 underline">{t("credentials.browse")}</Link>
          </p>
        </div>
      ) : (
        <ul className="space-y-6">
          {cards.map((card) => (
            <li key={card.courseId}>
              {card.status === "issuing" ? <IssuingCard card={card} /> : <IssuedCard card={card} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function IssuingCard({ card }: { card: Extract<CredentialCard, { status: "issuing" }> }) {
  const { t, i18n } = useTranslation();
  return (
    <article aria-labelledby={`course-${card.courseId}`} className="rounded-xl border border-stone-200 bg-white p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`course-${card.courseId}`} className="text-lg font-semibold" dir="auto">{card.courseTitle}</h2>
        <span className="rounded-full bg-amber-100 px-3 py-0.5 text-sm font-medium text-amber-900">{t("credentials.issuing.badge")}</span>
      </div>
      <p className="mt-1 text-sm text-stone-600">{t("credentials.issuing.earnedOn", { date: formatDate(card.earnedAt, i18n.language) })}</p>
      <p className="mt-3 text-stone-700">{t("credentials.issuing.body")}</p>
    </article>
  );
}

const inputClass = "mt-1 block w-full rounded-md border border-stone-300 bg-stone-50 px-3 py-1.5 text-sm";
const buttonClass = "inline-flex items-center rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100";

function IssuedCard({ card }: { card: Extract<CredentialCard, { status: "issued" | "revoked" }> }) {
  const { t, i18n } = useTranslation();
  const summary = card.summary;
  const isRevoked = card.status === "revoked";
  const name = summary?.achievement.name ?? card.courseTitle;
  const idPrefix = `credential-${card.credentialId}`;
  return (
    <article aria-labelledby={`${idPrefix}-title`} className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${idPrefix}-title`} className="text-lg font-semibold" dir="auto">{name}</h2>
        <span
          data-status={isRevoked ? "revoked" : card.verification}
          className={`rounded-full px-3 py-0.5 text-sm font-medium ${isRevoked || card.verification !== "valid" ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`}
        >
          {t(`credentials.status.${isRevoked ? "revoked" : card.verification}`)}
        </span>
      </div>
      {isRevoked && card.revokedAt ? (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {t("credentials.revokedOn", { date: formatDate(card.revokedAt, i18n.language) })} — {t("credentials.revokedNotice")}
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="text-sm font-medium text-stone-600">{t("credentials.fields.issuer")}</dt>
        <dd dir="auto">{summary?.issuer.name ?? "Maharat"}</dd>
        {summary?.trainingCentre?.name ? (
          <>
            <dt className="text-sm font-medium text-stone-600">{t("credentials.fields.centre")}</dt>
            <dd dir="auto">{summary.trainingCentre.name}</dd>
          </>
        ) : null}
        <dt className="text-sm font-medium text-stone-600">{t("credentials.fields.issuedOn")}</dt>
        <dd>{formatDate(card.issuedAt, i18n.language)}</dd>
        {summary && summary.skills.length > 0 ? (
          <>
            <dt className="text-sm font-medium text-stone-600">{t("credentials.fields.skills")}</dt>
            <dd>
              <ul className="flex flex-wrap gap-2">
                {summary.skills.map((skill) => (
                  <li key={skill.name} dir="auto" className="rounded-full bg-stone-100 px-3 py-0.5 text-sm">{skill.name}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt className="text-sm font-medium text-stone-600">{t("credentials.fields.credentialId")}</dt>
        <dd dir="ltr" className="break-all font-mono text-sm">{card.credentialId}</dd>
      </dl>

      <section aria-labelledby={`${idPrefix}-actions`} className="space-y-3 border-t border-stone-200 pt-4">
        <h3 id={`${idPrefix}-actions`} className="font-semibold">{t("credentials.actions.heading")}</h3>
        <ul className="flex flex-wrap gap-2">
          <li><a href={`/credentials/${card.credentialId}.json?download`} download className={buttonClass}>{t("credentials.actions.json")}</a></li>
          <li><a href={`/credentials/${card.credentialId}.png`} download className={buttonClass}>{t("credentials.actions.png")}</a></li>
          <li><a href={`/credentials/${card.credentialId}.pdf?lng=${i18n.language}`} download className={buttonClass}>{t("credentials.actions.pdf")}</a></li>
          {isRevoked ? null : (
            <li>
              <a href={card.linkedIn.url} target="_blank" rel="noopener noreferrer" className="inline-flex items-center rounded-md bg-[#0a66c2] px-3 py-1.5 text-sm font-semibold text-white hover:bg-[#004182]">
                {t("credentials.actions.linkedin")}
              </a>
            </li>
          )}
          <li><Link to={`/credentials/${card.credentialId}`} className={buttonClass}>{t("credentials.actions.publicPage")}</Link></li>
        </ul>
        <p className="text-sm text-stone-600">{t("credentials.actions.hint")}</p>
      </section>

      {isRevoked ? null : (
        <>
          <div>
            <label htmlFor={`${idPrefix}-share`} className="block text-sm font-medium">{t("credentials.share.title")}</label>
            <input id={`${idPrefix}-share`} readOnly value={card.publicUrl} dir="ltr" aria-describedby={`${idPrefix}-share-hint`} className={inputClass} onFocus={(e) => e.currentTarget.select()} />
            <p id={`${idPrefix}-share-hint`} className="mt-1 text-sm text-stone-600">{t("credentials.share.hint")}</p>
          </div>
          <details className="rounded-md bg-stone-50 p-4">
            <summary className="cursor-pointer text-sm font-medium">{t("credentials.linkedin.title")}</summary>
            <p className="mt-2 text-sm text-stone-600">{t("credentials.linkedin.hint")}</p>
            <div className="mt-3 grid gap-3 sm:grid-cols-2">
              <CopyField id={`${idPrefix}-li-name`} label={t("credentials.linkedin.name")} value={card.linkedIn.name} />
              <CopyField id={`${idPrefix}-li-org`} label={t("credentials.linkedin.organization")} value={card.linkedIn.organizationName} />
              <CopyField id={`${idPrefix}-li-date`} label={t("credentials.linkedin.issueDate")} value={`${String(card.linkedIn.issueMonth).padStart(2, "0")}/${card.linkedIn.issueYear}`} />
              <CopyField id={`${idPrefix}-li-id`} label={t("credentials.linkedin.certId")} value={card.linkedIn.certId} />
              <div className="sm:col-span-2">
                <CopyField id={`${idPrefix}-li-url`} label={t("credentials.linkedin.certUrl")} value={card.linkedIn.certUrl} />
              </div>
            </div>
          </details>
        </>
      )}
    </article>
  );
}

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <input id={id} readOnly value={value} dir="auto" className={inputClass} onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
