// One plain-language sentence for an employer: why this candidate is where they are. Pure; the page translates the
// parts (matches.reason.*). Built from the same breakdown as the table, so the sentence and the details agree.
import type { MatchBreakdown } from "./types";

export type MatchReason = {
  requiredTotal: number;
  requiredVerified: number;
  requiredDeclared: number;
  niceVerified: number;
  niceDeclared: number;
};

export function matchReason(breakdown: MatchBreakdown): MatchReason {
  const count = (required: boolean, evidence: "verified" | "declared") =>
    breakdown.contributions.filter((c) => c.required === required && c.evidence === evidence).length;
  return {
    requiredTotal: breakdown.contributions.filter((c) => c.required).length,
    requiredVerified: count(true, "verified"),
    requiredDeclared: count(true, "declared"),
    niceVerified: count(false, "verified"),
    niceDeclared: count(false, "declared"),
  };
}

/** A contribution's points on the score's own 0–100 scale (the table and the score then use one scale). */
export const onScoreScale = (points: number, maxPoints: number) => (maxPoints > 0 ? (points / maxPoints) * 100 : 0);
