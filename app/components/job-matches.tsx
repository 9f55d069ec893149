import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CandidateHandle } from "./candidate-handle";
import { MatchBreakdownTable } from "~/components/match-breakdown";
import { matchReason } from "~/modules/matching/explain";
import { formatDate, formatNumber } from "~/lib/i18n";
import type { MatchBreakdown } from "~/modules/matching/types";

export type JobMatchView = {
  rank: number;
  /** Other listed candidates with exactly the same standing (null: not counted). */
  tiedWith: number | null;
  handle: string;
  breakdown: MatchBreakdown;
  region: string | null;
  openToRemote: boolean;
  languages: string[];
  /** Verification results (employer-matches.server.ts CredentialCheck); `id` only once the candidate disclosed. */
  credentials: Array<{ status: "valid" | "revoked" | "expired"; issuer: string; name: string; issuedOn: string; id?: string }>;
  applied: boolean;
  contact: "none" | "pending" | "accepted" | "declined";
  identity: { name: string; email: string } | null;
};

/**
 * The employer's ranked list for one job: pseudonymous profiles (skills, credentials, languages, region) with
 * each score's breakdown; identity, and links to the credentials, only where the candidate shared it. A contact
 * request posts intent=contact.
 */
export function JobMatches({
  matches,
  skillLabels,
  regionLabels,
  languageLabels,
  published,
}: {
  matches: JobMatchView[];
  skillLabels: Record<string, string>;
  regionLabels: Record<string, string>;
  languageLabels: Record<string, string>;
  published: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  /** "Holds AI Foundations, which verifies 4 of the 5 required skills; declares 1 more." — the same words in every language. */
  function reasonSentence(breakdown: MatchBreakdown, credentialNames: string[]) {
    const r = matchReason(breakdown);
    const parts = [
      r.requiredVerified > 0 && credentialNames.length > 0
        ? t("matches.reason.verified", { credentials: credentialNames.join(", "), count: r.requiredVerified, total: r.requiredTotal })
        : t("matches.reason.noneVerified", { total: r.requiredTotal }),
    ];
    if (r.requiredDeclared > 0) parts.push(t("matches.reason.declared", { count: r.requiredDeclared }));
    if (r.niceVerified + r.niceDeclared > 0) parts.push(t("matches.reason.nice", { count: r.niceVerified + r.niceDeclared }));
    return `${parts.join(" ; ")}.`;
  }
  return (
    <section id="matches" aria-labelledby="matches-title" className="space-y-4">
      <h2 id="matches-title" className="text-xl font-semibold">{t("matches.title")}</h2>
      <p className="text-sm text-stone-600">{t("matches.lead")}</p>
      {!published ? <p>{t("matches.notPublished")}</p> : matches.length === 0 ? <p>{t("matches.none")}</p> : null}
      <ol className="space-y-4">
        {matches.map((m) => (
          <li key={m.handle} className="rounded-xl border border-stone-200 bg-white p-5" data-group={m.breakdown.group} data-handle={m.handle}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-lg font-semibold">
                {t("matches.rank")} {formatNumber(m.rank, lng)} · {m.identity ? <bdi>{m.identity.name}</bdi> : <CandidateHandle handle={m.handle} />}
              </h3>
              <p className="text-sm">
                <span className={m.breakdown.group === "verified" ? "font-semibold text-emerald-800" : "text-amber-800"}>{t(`matches.groups.${m.breakdown.group}`)}</span>
                {" · "}
                {t("matches.score")} {formatNumber(m.breakdown.score, lng, { maximumFractionDigits: 1 })}/100
              </p>
            </div>
            {m.tiedWith ? (
              <p className="text-sm text-stone-700" data-tied-with={m.tiedWith}>{t("matches.tied", { count: m.tiedWith })}</p>
            ) : null}
            {m.identity ? (
              <p className="text-sm">
                {t("matches.identity")}: <bdi>{m.identity.name}</bdi> · <a href={`mailto:${m.identity.email}`} className="text-brand-700 underline">{m.identity.email}</a>
              </p>
            ) : null}
            <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-stone-600">{t("matches.region")}</dt>
              <dd>
                {m.region ? regionLabels[m.region] ?? m.region : t("matches.anywhere")}
                {m.openToRemote ? ` · ${t("matches.remote")}` : ""}
              </dd>
              <dt className="text-stone-600">{t("matches.languages")}</dt>
              <dd>{m.languages.map((l) => languageLabels[l] ?? l).join(", ") || "—"}</dd>
              <dt className="text-stone-600">{t("matches.credentials")}</dt>
              <dd>
                {m.credentials.length === 0 ? (
                  "—"
                ) : (
                  <>
                    <ul className="space-y-1">
                      {m.credentials.map((c, i) => (
                        <li key={`${i}-${c.name}`} data-credential-status={c.status}>
                          {c.id ? <a href={`/credentials/${c.id}`} className="text-brand-700 underline"><bdi>{c.name}</bdi></a> : <bdi className="font-medium">{c.name}</bdi>}
                          {" · "}
                          {t("matches.credentialCheck", {
                            status: t(`credentials.status.${c.status}`),
                            issuer: c.issuer,
                            // A date without a time: shown as the same day wherever the page is rendered.
                            date: formatDate(c.issuedOn, lng, { dateStyle: "long", timeZone: "UTC" }),
                          })}
                        </li>
                      ))}
                    </ul>
                    {m.credentials.some((c) => !c.id) ? <p className="text-stone-600">{t("matches.credentialsPrivate")}</p> : null}
                  </>
                )}
              </dd>
            </dl>
            <p className="mt-2 text-sm text-stone-800" data-testid="match-reason">{reasonSentence(m.breakdown, m.credentials.map((c) => c.name))}</p>
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("matches.details")}</summary>
              <div className="mt-2">
                <MatchBreakdownTable breakdown={m.breakdown} skillLabels={skillLabels} />
              </div>
            </details>
            <div className="mt-3 text-sm">
              {m.applied ? <p className="font-medium text-emerald-800">{t("matches.applied")}</p> : null}
              {m.contact === "none" && !m.applied ? (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="contact" />
                  <input type="hidden" name="handle" value={m.handle} />
                  <div className="grow">
                    <label htmlFor={`msg-${m.handle}`} className="block text-sm">{t("matches.contact.message")}</label>
                    <input id={`msg-${m.handle}`} name="message" maxLength={1000} className="mt-1 block w-full rounded-md border border-stone-300 px-3 py-1.5" />
                  </div>
                  <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 font-medium">{t("matches.contact.request")}</button>
                </Form>
              ) : m.contact !== "none" ? (
                <p>{t(`matches.contact.${m.contact}`)}</p>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
