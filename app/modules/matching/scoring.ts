// The matching rules: how one candidate's skill evidence scores against one job, and how candidates are ordered.
// Pure: no Prisma, no Remix, no I/O, no clock, no randomness. These rules are shown to employers and candidates
// (the breakdown table); change them only together with SCORING_RULES_VERSION in types.ts.
//
// Inputs are the job's skills (required or nice-to-have, minimum tier) and the candidate's skill evidence
// (verified by a valid credential with its tier, or declared). Nothing else about the person is a parameter: not
// the name, gender, age, photo, nationality, address, school, account age or language of the interface. Region,
// remote work and languages decide who is listed (filters, see ranking.server.ts), never the score.
//
// Per job skill (weight: required 3, nice-to-have 1; "base tier" = the job's minimum tier, or 1 when it has none):
//   - verified:  a valid credential covers the skill at or above the base tier
//                → weight × (10 + tier bonus), tier bonus = 1 per tier above the base tier, at most 2 (and no
//                higher than the skill's `bestTier` allows);
//   - declared:  the candidate declares the skill, or the only credential covering it is below the job's minimum
//                tier (it then counts as declared, reason "below_min_tier") → weight × 4;
//   - missing:   → 0.
//   The best evidence per skill counts (a verified skill that is also declared counts once, as verified).
//   maxPoints of a skill = weight × (10 + the bonus of the best tier at which the platform certifies that skill,
//   `bestTier`), so a candidate verified at the highest tier that exists for every skill scores 100.
// points = the sum over the job's skills; score = 100 × points / maxPoints, rounded to one decimal.
// No score from missing data: a candidate with no evidence for any of the job's skills gets no breakdown (null)
// and is not listed; a percentage is never invented for someone we know nothing about.
//
// Order (compareMatches):
//   1. group "verified" (a verified required skill) before "declared": a credential holder of a required skill
//      ranks above every candidate who only declares skills, however many;
//   2. points, higher first (within one job this is the score);
//   3. the number of the job's skills that are verified, higher first (proof before claims at equal points);
//   4. a fair draw among equals, per job: a hash of the account id keyed by the job (PostgreSQL's
//      hashtextextended(account id, job seed), the seed being the first 8 bytes of the job id's MD5; a class of
//      more than 5,000 is first cut into groups that the job orders, see ranking.server.ts). Nothing about
//      the person or the time they joined enters it; the list is the same on every visit; and since each job draws
//      afresh, each of two equal candidates comes first for about half of the jobs (a test checks it over many
//      jobs). An earlier version rotated one fixed hash per candidate: cheaper to read from an index, but the same
//      candidate then led the same rival on almost every job;
//   5. the account id, only if two hashes collide.
import { SCORING_RULES_VERSION, type JobForMatching, type JobRequirement, type MatchBreakdown, type SkillContribution, type SkillEvidence } from "./types";

/** The numbers behind the rules above, for pages that explain them (labels live in the message catalogue). */
export const SCORING_RULES = {
  weight: { required: 3, niceToHave: 1 },
  /** Points per unit of weight. */
  verified: 10,
  declared: 4,
  tierBonusPerLevel: 1,
  tierBonusMaxLevels: 2,
} as const;

/** What one skill's evidence is worth for one job, before weighting; shared by scoring and the fast ranking path. */
type SkillLevel =
  | { evidence: "missing"; tier: null; bonusLevels: 0; belowMinTier: false }
  | { evidence: "declared"; tier: number | null; bonusLevels: 0; belowMinTier: boolean }
  | { evidence: "verified"; tier: number | null; bonusLevels: number; belowMinTier: false };

const MISSING: SkillLevel = { evidence: "missing", tier: null, bonusLevels: 0, belowMinTier: false };

function baseTier(job: Pick<JobForMatching, "minTier">) {
  return job.minTier ?? 1;
}

function bonusLevels(tier: number | null, requirement: JobRequirement, base: number) {
  if (tier === null) return 0;
  const best = requirement.bestTier ?? base + SCORING_RULES.tierBonusMaxLevels;
  return Math.min(Math.max(0, Math.min(tier, best) - base), SCORING_RULES.tierBonusMaxLevels);
}

/** The level one piece of evidence reaches for this job skill. */
function levelOf(evidence: SkillEvidence, requirement: JobRequirement, job: Pick<JobForMatching, "minTier">): SkillLevel {
  if (!evidence.verified) return { evidence: "declared", tier: null, bonusLevels: 0, belowMinTier: false };
  // A credential of unknown tier satisfies a job without a minimum tier, and no other.
  const meetsMinimum = job.minTier === null ? true : evidence.tier !== null && evidence.tier >= job.minTier;
  if (!meetsMinimum) return { evidence: "declared", tier: evidence.tier, bonusLevels: 0, belowMinTier: true };
  return { evidence: "verified", tier: evidence.tier, bonusLevels: bonusLevels(evidence.tier, requirement, baseTier(job)), belowMinTier: false };
}

function weightOf(requirement: JobRequirement) {
  return requirement.required ? SCORING_RULES.weight.required : SCORING_RULES.weight.niceToHave;
}

function pointsOf(level: SkillLevel, requirement: JobRequirement) {
  const weight = weightOf(requirement);
  if (level.evidence === "verified") return weight * (SCORING_RULES.verified + SCORING_RULES.tierBonusPerLevel * level.bonusLevels);
  if (level.evidence === "declared") return weight * SCORING_RULES.declared;
  return 0;
}

function maxPointsOf(requirement: JobRequirement, job: Pick<JobForMatching, "minTier">) {
  const base = baseTier(job);
  const best = requirement.bestTier ?? base + SCORING_RULES.tierBonusMaxLevels;
  const levels = Math.min(Math.max(0, best - base), SCORING_RULES.tierBonusMaxLevels);
  return weightOf(requirement) * (SCORING_RULES.verified + SCORING_RULES.tierBonusPerLevel * levels);
}

/** Better evidence first: verified (higher tier bonus, then higher tier) over declared over missing. */
function isBetter(a: SkillLevel, b: SkillLevel) {
  const rank = (l: SkillLevel) => (l.evidence === "verified" ? 2 : l.evidence === "declared" ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  if (a.bonusLevels !== b.bonusLevels) return a.bonusLevels > b.bonusLevels;
  if ((a.tier ?? 0) !== (b.tier ?? 0)) return (a.tier ?? 0) > (b.tier ?? 0);
  // Same points either way; a credential below the minimum tier is shown rather than a bare declaration.
  return a.belowMinTier && !b.belowMinTier;
}

function bestLevel(job: JobForMatching, requirement: JobRequirement, evidence: readonly SkillEvidence[]) {
  let best = MISSING;
  for (const item of evidence) {
    if (item.skillId !== requirement.skillId) continue;
    const level = levelOf(item, requirement, job);
    if (isBetter(level, best)) best = level;
  }
  return best;
}

function round1(value: number) {
  return Math.round(value * 10) / 10;
}

/**
 * The candidate's breakdown for the job, or null when they have no evidence for any of its skills (not listed).
 * Contributions follow the order of `job.skills`.
 */
export function scoreCandidate(job: JobForMatching, evidence: readonly SkillEvidence[]): MatchBreakdown | null {
  let hasEvidence = false;
  let isVerifiedGroup = false;
  let points = 0;
  let maxPoints = 0;
  const contributions: SkillContribution[] = [];
  for (const requirement of job.skills) {
    const level = bestLevel(job, requirement, evidence);
    const skillPoints = pointsOf(level, requirement);
    const skillMax = maxPointsOf(requirement, job);
    if (level.evidence !== "missing") hasEvidence = true;
    if (level.evidence === "verified" && requirement.required) isVerifiedGroup = true;
    points += skillPoints;
    maxPoints += skillMax;
    const contribution: SkillContribution = {
      skillId: requirement.skillId,
      required: requirement.required,
      evidence: level.evidence,
      tier: level.tier,
      points: skillPoints,
      maxPoints: skillMax,
    };
    if (level.belowMinTier) contribution.reason = "below_min_tier";
    contributions.push(contribution);
  }
  if (!hasEvidence || maxPoints === 0) return null;
  return {
    group: isVerifiedGroup ? "verified" : "declared",
    score: round1((100 * points) / maxPoints),
    points,
    maxPoints,
    contributions,
    rulesVersion: SCORING_RULES_VERSION,
  };
}

/** The part of the order that comes from the rules (steps 1–3): equal keys are ties, broken by the draw. */
export type MatchKey = { group: MatchBreakdown["group"]; points: number; verifiedCount: number };

export function matchKeyOf(breakdown: MatchBreakdown): MatchKey {
  return {
    group: breakdown.group,
    points: breakdown.points,
    verifiedCount: breakdown.contributions.filter((c) => c.evidence === "verified").length,
  };
}

/** Negative when `a` ranks before `b` on the rules alone (steps 1–3); 0 for a tie. */
export function compareMatchKeys(a: MatchKey, b: MatchKey) {
  if (a.group !== b.group) return a.group === "verified" ? -1 : 1;
  if (a.points !== b.points) return b.points - a.points;
  return b.verifiedCount - a.verifiedCount;
}

/**
 * `groupOrder`, then `draw`: the candidate's draw for the job (step 4), smaller first, computed by the database
 * (ranking.server.ts: the job's order of the groups a large class is cut into, then a hash within the group).
 */
export type RankableMatch = { userId: string; key: MatchKey; groupOrder: number; draw: number };

/** The full order (steps 1–5): negative when `a` is listed before `b`. */
export function compareMatches(a: RankableMatch, b: RankableMatch) {
  const byRules = compareMatchKeys(a.key, b.key);
  if (byRules !== 0) return byRules;
  if (a.groupOrder !== b.groupOrder) return a.groupOrder - b.groupOrder;
  if (a.draw !== b.draw) return a.draw - b.draw;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/**
 * A job's rules compiled for scoring many candidates quickly (the ranking reads thousands of distinct skill
 * profiles per request): the same functions as scoreCandidate, evaluated once per job skill and evidence level.
 * `keyOf` returns null exactly when scoreCandidate would.
 */
export function compileJob(job: JobForMatching) {
  const skillIndex = new Map(job.skills.map((s, i) => [s.skillId, i]));
  return {
    skillIndex,
    keyOf(evidence: readonly SkillEvidence[]): MatchKey | null {
      const best: SkillLevel[] = job.skills.map(() => MISSING);
      for (const item of evidence) {
        const index = skillIndex.get(item.skillId);
        if (index === undefined) continue;
        const level = levelOf(item, job.skills[index], job);
        if (isBetter(level, best[index])) best[index] = level;
      }
      let hasEvidence = false;
      let isVerifiedGroup = false;
      let points = 0;
      let verifiedCount = 0;
      best.forEach((level, i) => {
        if (level.evidence === "missing") return;
        hasEvidence = true;
        points += pointsOf(level, job.skills[i]);
        if (level.evidence === "verified") {
          verifiedCount += 1;
          if (job.skills[i].required) isVerifiedGroup = true;
        }
      });
      if (!hasEvidence) return null;
      return { group: isVerifiedGroup ? "verified" : "declared", points, verifiedCount };
    },
  };
}
