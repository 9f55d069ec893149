import { describe, expect, it } from "vitest";
import { compareMatches, compileJob, matchKeyOf, SCORING_RULES, scoreCandidate, type RankableMatch } from "./scoring";
import { SCORING_RULES_VERSION, type JobForMatching, type SkillEvidence } from "./types";

const verified = (skillId: string, tier: number | null = 1): SkillEvidence => ({ skillId, verified: true, tier });
const declared = (skillId: string): SkillEvidence => ({ skillId, verified: false, tier: null });

/** Two required skills, one nice-to-have; every skill certified at tier 1 only (like content/ today). */
const job: JobForMatching = {
  id: "job-1",
  minTier: null,
  skills: [
    { skillId: "prompting", required: true, bestTier: 1 },
    { skillId: "ai-writing", required: true, bestTier: 1 },
    { skillId: "data-protection", required: false, bestTier: 1 },
  ],
};

/** A small seeded PRNG (mulberry32), so the property tests are reproducible. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("scoreCandidate: the rules", () => {
  it("weighs required ×3 and nice-to-have ×1, verified 10 and declared 4 per unit of weight", () => {
    const breakdown = scoreCandidate(job, [verified("prompting"), declared("ai-writing"), verified("data-protection")]);
    expect(breakdown).toEqual({
      group: "verified",
      score: 74.3, // 100 × (30 + 12 + 10) / (30 + 30 + 10) = 74.29
      points: 52,
      maxPoints: 70,
      rulesVersion: SCORING_RULES_VERSION,
      contributions: [
        { skillId: "prompting", required: true, evidence: "verified", tier: 1, points: 30, maxPoints: 30 },
        { skillId: "ai-writing", required: true, evidence: "declared", tier: null, points: 12, maxPoints: 30 },
        { skillId: "data-protection", required: false, evidence: "verified", tier: 1, points: 10, maxPoints: 10 },
      ],
    });
  });

  it("gives 100 to a candidate verified at the best tier of every skill, and counts missing skills as 0", () => {
    expect(scoreCandidate(job, [verified("prompting"), verified("ai-writing"), verified("data-protection")])?.score).toBe(100);
    const partial = scoreCandidate(job, [declared("data-protection")]);
    expect(partial).toMatchObject({ group: "declared", points: 4, maxPoints: 70, score: 5.7 });
    expect(partial?.contributions.map((c) => c.evidence)).toEqual(["missing", "missing", "declared"]);
  });

  it("returns null (not listed, no percentage) when the candidate has no evidence for any of the job's skills", () => {
    expect(scoreCandidate(job, [])).toBeNull();
    expect(scoreCandidate(job, [verified("rag-knowledge", 2), declared("ai-tourism"), declared("language-data")])).toBeNull();
    expect(scoreCandidate({ ...job, skills: [] }, [verified("prompting")])).toBeNull();
  });

  it("counts the best evidence once per skill, whatever the order or duplicates", () => {
    const a = scoreCandidate(job, [declared("prompting"), verified("prompting"), declared("prompting")]);
    const b = scoreCandidate(job, [verified("prompting")]);
    expect(a).toEqual(b);
    expect(a?.contributions[0]).toMatchObject({ evidence: "verified", points: 30 });
  });

  it("puts a verified holder of one required skill in the verified group; verified nice-to-haves alone do not", () => {
    expect(scoreCandidate(job, [verified("ai-writing")])?.group).toBe("verified");
    expect(scoreCandidate(job, [verified("data-protection"), declared("prompting")])?.group).toBe("declared");
  });

  it("ranks a verified holder of a required skill above a declared-only candidate with many declared skills", () => {
    const wide: JobForMatching = {
      id: "job-wide",
      minTier: null,
      skills: ["prompting", "ai-writing", "ai-data-analysis", "ai-automation"].map((skillId) => ({ skillId, required: true, bestTier: 2 })),
    };
    const holder = scoreCandidate(wide, [verified("prompting")]);
    const claimer = scoreCandidate(wide, [
      ...["prompting", "ai-writing", "ai-data-analysis", "ai-automation"].map(declared),
      ...["ai-concepts", "llm-fundamentals", "rag-knowledge", "ai-tourism"].map(declared),
    ]);
    if (!holder || !claimer) throw new Error("both match");
    // The claimer has more points (4 × 12 = 48 against 30 for one skill verified at tier 1) …
    expect(claimer.points).toBeGreaterThan(holder.points);
    expect(claimer.score).toBeGreaterThan(holder.score);
    // … and still comes second, whatever the tiebreak says.
    const order = [
      { userId: "claimer", key: matchKeyOf(claimer), groupOrder: 0, draw: -(2 ** 52) },
      { userId: "holder", key: matchKeyOf(holder), groupOrder: 0, draw: 2 ** 52 - 1 },
    ].sort(compareMatches);
    expect(order.map((o) => o.userId)).toEqual(["holder", "claimer"]);
    expect([holder.group, claimer.group]).toEqual(["verified", "declared"]);
  });
});

describe("scoreCandidate: minimum tier and tier bonus", () => {
  const tiered: JobForMatching = {
    id: "job-2",
    minTier: 2,
    skills: [
      { skillId: "prompting", required: true, bestTier: 3 },
      { skillId: "rag-knowledge", required: false, bestTier: 2 },
    ],
  };

  it("counts a credential below the job's minimum tier as declared, with the reason, and not for the verified group", () => {
    const breakdown = scoreCandidate(tiered, [verified("prompting", 1)]);
    expect(breakdown?.group).toBe("declared");
    expect(breakdown?.contributions[0]).toEqual({
      skillId: "prompting",
      required: true,
      evidence: "declared",
      tier: 1,
      points: 3 * SCORING_RULES.declared,
      maxPoints: 3 * 11,
      reason: "below_min_tier",
    });
  });

  it("counts a credential of unknown tier only for a job without a minimum tier", () => {
    expect(scoreCandidate(tiered, [verified("prompting", null)])?.contributions[0].evidence).toBe("declared");
    expect(scoreCandidate(job, [verified("prompting", null)])?.contributions[0]).toMatchObject({ evidence: "verified", points: 30 });
  });

  it("adds 1 point per unit of weight per tier above the minimum, up to the best tier that exists and at most 2", () => {
    expect(scoreCandidate(tiered, [verified("prompting", 2)])?.contributions[0]).toMatchObject({ evidence: "verified", points: 30, maxPoints: 33 });
    expect(scoreCandidate(tiered, [verified("prompting", 3)])?.contributions[0]).toMatchObject({ points: 33, maxPoints: 33 });
    // A tier above the best tier known (e.g. a course since archived and re-tiered) cannot exceed the maximum.
    expect(scoreCandidate(tiered, [verified("rag-knowledge", 3)])?.contributions[1]).toMatchObject({ points: 10, maxPoints: 10 });
    const wide: JobForMatching = { id: "job-3", minTier: null, skills: [{ skillId: "prompting", required: false, bestTier: 7 }] };
    expect(scoreCandidate(wide, [verified("prompting", 7)])?.contributions[0]).toMatchObject({ points: 12, maxPoints: 12 });
    // Without a known best tier the full bonus is assumed possible.
    const unknown: JobForMatching = { id: "job-4", minTier: null, skills: [{ skillId: "prompting", required: false }] };
    expect(scoreCandidate(unknown, [verified("prompting", 1)])).toMatchObject({ points: 10, maxPoints: 12, score: 83.3 });
  });

  it("prefers the higher tier when several credentials cover a skill", () => {
    expect(scoreCandidate(tiered, [verified("prompting", 1), verified("prompting", 3), verified("prompting", 2)])?.contributions[0]).toMatchObject({
      evidence: "verified",
      tier: 3,
      points: 33,
    });
  });
});

describe("determinism and the fast path", () => {
  const skills = ["prompting", "ai-writing", "data-protection", "rag-knowledge", "ai-tourism", "language-data"];

  function randomJob(next: () => number, index: number): JobForMatching {
    const chosen = skills.filter(() => next() < 0.5);
    const list = chosen.length > 0 ? chosen : ["prompting"];
    return {
      id: `job-${index}`,
      minTier: next() < 0.5 ? null : 1 + Math.floor(next() * 3),
      skills: list.map((skillId) => ({ skillId, required: next() < 0.5, bestTier: next() < 0.2 ? null : 1 + Math.floor(next() * 3) })),
    };
  }

  function randomEvidence(next: () => number): SkillEvidence[] {
    return skills.flatMap((skillId) => {
      const roll = next();
      if (roll < 0.4) return [];
      if (roll < 0.7) return [declared(skillId)];
      const tier = next() < 0.1 ? null : 1 + Math.floor(next() * 3);
      return next() < 0.3 ? [declared(skillId), verified(skillId, tier)] : [verified(skillId, tier)];
    });
  }

  it("gives the same breakdown for the same inputs, whatever the order of the evidence", () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const j = randomJob(next, i);
      const evidence = randomEvidence(next);
      const first = scoreCandidate(j, evidence);
      expect(scoreCandidate(j, [...evidence].reverse())).toEqual(first);
      expect(scoreCandidate(structuredClone(j), structuredClone(evidence))).toEqual(first);
    }
  });

  it("compileJob(job).keyOf agrees with scoreCandidate on random jobs and candidates", () => {
    const next = random(11);
    for (let i = 0; i < 200; i++) {
      const j = randomJob(next, i);
      const compiled = compileJob(j);
      for (let k = 0; k < 20; k++) {
        const evidence = randomEvidence(next);
        const breakdown = scoreCandidate(j, evidence);
        expect(compiled.keyOf(evidence)).toEqual(breakdown ? matchKeyOf(breakdown) : null);
        if (breakdown) {
          expect(breakdown.points).toBe(breakdown.contributions.reduce((sum, c) => sum + c.points, 0));
          expect(breakdown.points).toBeLessThanOrEqual(breakdown.maxPoints);
          expect(breakdown.score).toBe(Math.round((1000 * breakdown.points) / breakdown.maxPoints) / 10);
        }
      }
    }
  });

  it("orders by group, points, verified count, then the job's draw and never by the account id unless hashes collide", () => {
    const key = { group: "declared" as const, points: 12, verifiedCount: 0 };
    const rows: RankableMatch[] = [
      { userId: "a", key, groupOrder: 0, draw: 5 },
      { userId: "z", key, groupOrder: 0, draw: 1 },
      { userId: "m", key: { group: "declared", points: 12, verifiedCount: 1 }, groupOrder: 0, draw: 9 },
      { userId: "b", key: { group: "verified", points: 10, verifiedCount: 1 }, groupOrder: 0, draw: 99 },
      { userId: "c", key, groupOrder: 0, draw: 5 },
    ];
    expect([...rows].sort(compareMatches).map((r) => r.userId)).toEqual(["b", "m", "z", "a", "c"]);
    expect([...rows].reverse().sort(compareMatches).map((r) => r.userId)).toEqual(["b", "m", "z", "a", "c"]);
  });
});
