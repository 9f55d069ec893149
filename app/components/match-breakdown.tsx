import { useTranslation } from "react-i18next";
import { formatNumber } from "~/lib/i18n";
import { onScoreScale } from "~/modules/matching/explain";
import type { MatchBreakdown, SkillContribution } from "~/modules/matching/types";

type Props = {
  breakdown: MatchBreakdown;
  /** Skill labels by id in the reader's language; an unknown id is shown as is. */
  skillLabels: Record<string, string>;
  /** Visible caption; defaults to "Skill-by-skill breakdown". */
  caption?: string;
};

const EVIDENCE_STYLE: Record<SkillContribution["evidence"], string> = {
  verified: "bg-emerald-50 text-emerald-900 border-emerald-200",
  declared: "bg-amber-50 text-amber-900 border-amber-200",
  missing: "bg-stone-100 text-stone-700 border-stone-200",
};

/**
 * How one candidate matches one job, skill by skill: the same table for the candidate ("why") and for the
 * employer, so both read the same explanation. Pure: renders its props, fetches nothing. The evidence is spelled
 * out in words (colour only repeats it), and every figure is on the score's one scale (0–100): each skill's points and
 * its maximum add up to the score and to 100. A required skill weighs three times a nice-to-have one.
 */
export function MatchBreakdownTable({ breakdown, skillLabels, caption }: Props) {
  const { t, i18n } = useTranslation();
  const num = (value: number) => formatNumber(value, i18n.language, { maximumFractionDigits: 1 });
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption ?? t("jobBoard.breakdown.caption")}>
        <table className="w-full text-sm">
          <caption className="pb-1 text-start font-medium text-stone-800">{caption ?? t("jobBoard.breakdown.caption")}</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2 text-start">{t("jobBoard.breakdown.skill")}</th>
              <th scope="col" className="p-2 text-start">{t("jobBoard.breakdown.weight")}</th>
              <th scope="col" className="p-2 text-start">{t("jobBoard.breakdown.evidence")}</th>
              <th scope="col" className="p-2 text-end">{t("jobBoard.breakdown.points")}</th>
            </tr>
          </thead>
          <tbody>
            {breakdown.contributions.map((c) => (
              <tr key={c.skillId} className="border-b border-stone-100">
                <th scope="row" className="p-2 text-start font-normal">
                  <bdi>{skillLabels[c.skillId] ?? c.skillId}</bdi>
                </th>
                <td className="p-2">{c.required ? t("jobBoard.breakdown.requiredWeight") : t("jobBoard.breakdown.niceWeight")}</td>
                <td className="p-2">
                  <span className={`inline-block rounded border px-2 py-0.5 ${EVIDENCE_STYLE[c.evidence]}`}>
                    {c.evidence === "verified"
                      ? c.tier === null
                        ? t("jobBoard.breakdown.verified")
                        : t("jobBoard.breakdown.verifiedTier", { tier: c.tier })
                      : c.evidence === "declared"
                        ? c.reason === "below_min_tier"
                          ? t("jobBoard.breakdown.belowMinTier", { tier: c.tier ?? "?" })
                          : t("jobBoard.breakdown.declared")
                        : t("jobBoard.breakdown.missing")}
                  </span>
                </td>
                <td className="p-2 text-end tabular-nums">
                  {t("jobBoard.breakdown.pointsValue", { points: num(onScoreScale(c.points, breakdown.maxPoints)), max: num(onScoreScale(c.maxPoints, breakdown.maxPoints)) })}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3} className="p-2 text-start">{t("jobBoard.breakdown.total")}</th>
              <td className="p-2 text-end font-semibold tabular-nums">
                {t("jobBoard.breakdown.pointsValue", { points: num(breakdown.score), max: num(100) })}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="text-sm text-stone-700">
        {breakdown.group === "verified" ? t("jobBoard.breakdown.groupVerified") : t("jobBoard.breakdown.groupDeclared")}
      </p>
      <p className="text-xs text-stone-600">
        {t("jobBoard.breakdown.rulesVersion")} <code dir="ltr">{breakdown.rulesVersion}</code>
      </p>
    </div>
  );
}
