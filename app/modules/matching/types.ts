// The contract between matching (app/modules/matching), the employer's pages (app/modules/jobs) and the
// candidate's pages (app/modules/candidates). Pure types and the rules version; no I/O.

/** Bumped whenever the scoring rules change; recorded with every ranking shown (RankingLog.rulesVersion). */
export const SCORING_RULES_VERSION = "2026-11-22.1";

export type JobRequirement = {
  skillId: string;
  required: boolean;
  /** Highest tier at which the platform certifies this skill (from the courses that teach it). It sets the skill's
   * maxPoints, so a candidate verified at that tier scores full marks; when absent, the full tier bonus is assumed. */
  bestTier?: number | null;
};

/** What a job asks, as matching reads it. */
export type JobForMatching = { id: string; skills: JobRequirement[]; minTier: number | null };

/** One piece of a candidate's evidence for a skill: from a valid credential (with its tier) or declared. */
export type SkillEvidence = { skillId: string; verified: boolean; tier: number | null };

export type SkillContribution = {
  skillId: string;
  required: boolean;
  /** "verified": a valid credential covers it (at or above the job's minimum tier); "declared": the candidate says so,
   * or a credential below the minimum tier; "missing": nothing. */
  evidence: "verified" | "declared" | "missing";
  tier: number | null;
  points: number;
  maxPoints: number;
  /** Why the evidence is weaker than it looks: "below_min_tier" = a valid credential covers the skill, but below the
   * job's minimum tier, so it counts as declared (`tier` is that credential's tier). */
  reason?: "below_min_tier";
};

export type MatchBreakdown = {
  /** "verified" when a valid credential covers at least one required skill: ranks above every "declared" one. */
  group: "verified" | "declared";
  /** 0–100, rounded to one decimal: points / maxPoints. */
  score: number;
  points: number;
  maxPoints: number;
  contributions: SkillContribution[];
  rulesVersion: string;
};

export type RankedCandidate = {
  userId: string;
  handle: string;
  rank: number;
  breakdown: MatchBreakdown;
  /** When asked for: how many other listed candidates have exactly the same standing (ordered among them by the draw). */
  tiedWith?: number;
};
