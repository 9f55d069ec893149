import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MatchBreakdownTable } from "~/components/match-breakdown";
import type { MatchBreakdown } from "~/modules/matching/types";

export type CandidateJobPanelData = {
  isCandidate: boolean;
  jobOpen: boolean;
  isListed: boolean;
  breakdown: MatchBreakdown | null;
  exclusions: string[];
  application: "APPLIED" | "WITHDRAWN" | null;
  skillLabels: Record<string, string>;
} | null;

const primaryButton = "rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700";
const secondaryButton = "rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-100";

/**
 * The candidate's side of a public job page: "why this job matches you" (or why you are not shown), one-click
 * apply or withdraw, and the way to ask for a human review. Data from loadCandidateJobPanel (candidates/pages.server).
 */
export function CandidateJobPanel({ jobId, panel }: { jobId: string; panel: CandidateJobPanelData }) {
  const { t } = useTranslation();
  const here = `/jobs/${jobId}`;
  const objectLink = `/account/job-board/object?job=${encodeURIComponent(jobId)}`;
  if (!panel) {
    return (
      <p>
        <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="font-medium text-brand-700 underline">{t("jobBoard.panel.logIn")}</Link>
      </p>
    );
  }
  return (
    <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-5">
      <h2 className="text-lg font-semibold">{t("jobBoard.panel.title")}</h2>
      {!panel.isCandidate ? (
        <p>
          {t("jobBoard.matches.notCandidate")}{" "}
          <Link to="/account/job-board" className="font-medium text-brand-700 underline">{t("jobBoard.matches.optIn")}</Link>
        </p>
      ) : panel.isListed ? (
        <p>{t("jobBoard.object.listed")}</p>
      ) : (
        <div>
          <p>{t("jobBoard.object.notListed")}</p>
          <ul className="mt-1 list-disc ps-5">
            {panel.exclusions.map((code) => (
              <li key={code}>{t(`jobBoard.exclusions.${code}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {panel.isCandidate && panel.breakdown ? (
        <MatchBreakdownTable breakdown={panel.breakdown} skillLabels={panel.skillLabels} caption={panel.isListed ? t("jobBoard.matches.why") : t("jobBoard.object.wouldScore")} />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {panel.isCandidate && panel.jobOpen ? (
          <Form method="post" action="/account/job-board/apply" className="space-y-1">
            <input type="hidden" name="jobId" value={jobId} />
            <input type="hidden" name="redirectTo" value={`${here}#apply`} />
            {panel.application === "APPLIED" ? (
              <>
                <span className="me-3 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-900">{t("jobBoard.matches.applied")}</span>
                <button type="submit" name="intent" value="withdraw-application" className={secondaryButton}>{t("jobBoard.matches.withdrawApplication")}</button>
              </>
            ) : (
              <>
                <button type="submit" name="intent" value="apply" className={primaryButton}>{t("jobBoard.matches.apply")}</button>
                <p className="text-xs text-stone-600">{t("jobBoard.matches.applyExplains")}</p>
              </>
            )}
          </Form>
        ) : null}
        <Link to={objectLink} className="text-sm text-brand-700 underline">{t("jobBoard.matches.object")}</Link>
      </div>
    </div>
  );
}
