import crypto from "node:crypto";
import { beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { prisma } from "~/lib/db.server";
import { sql } from "~/lib/sql.server";
import { explainCandidate, explainCandidateForJobs, explainListing, forgetMatchingCaches, drawSeed, drawSettings, groupBits, logRanking, rankCandidates } from "./ranking.server";
import { compareMatches, matchKeyOf, scoreCandidate, type MatchKey } from "./scoring";
import { createCandidate, createJob, grantCredential, seedCatalogue, seededRandom, TEST_COURSES, TEST_SKILLS, type JobSpec } from "./test-fixtures";
import { SCORING_RULES_VERSION, type JobForMatching, type SkillEvidence } from "./types";
import { refreshAllVerifiedSkills, refreshVerifiedSkills } from "./verified-skills.server";

beforeEach(async () => {
  forgetMatchingCaches();
  await seedCatalogue();
});

const BEST_TIER = new Map<string, number>(TEST_COURSES.flatMap((c) => c.skills.map((s) => [s, c.tier] as const)));

/**
 * The ranking computed the slow, obvious way, independently of the matching index: every active profile and its
 * CandidateSkill rows, the listing filters as the module documents them, scoreCandidate and compareMatches.
 */
async function referenceRanking(jobId: string) {
  const job = await prisma.jobPost.findUniqueOrThrow({
    where: { id: jobId },
    select: { id: true, minTier: true, region: true, workMode: true, languages: true, skills: { select: { skillId: true, required: true } } },
  });
  const forMatching: JobForMatching = {
    id: job.id,
    minTier: job.minTier,
    skills: [...job.skills]
      .sort((a, b) => Number(b.required) - Number(a.required) || (a.skillId < b.skillId ? -1 : 1))
      .map((s) => ({ ...s, bestTier: BEST_TIER.get(s.skillId) ?? null })),
  };
  const [profiles, skills] = await Promise.all([
    prisma.candidateProfile.findMany({ where: { active: true }, select: { userId: true, region: true, openToRemote: true, languages: true } }),
    prisma.candidateSkill.findMany({ select: { userId: true, skillId: true, verified: true, tier: true } }),
  ]);
  // The draw among equals (scoring.ts step 4, ranking.server.ts): each class of equal standing, counted before the
  // listing filters, is cut into groups by the top bits of the candidate's fixed hash (the first 4 bytes of the MD5
  // of the account id) when large; the job orders the groups and, within one, the account ids, by PostgreSQL's
  // seeded hashes. Recomputed here from those definitions alone.
  const scored = profiles.flatMap((p) => {
    const breakdown = scoreCandidate(forMatching, skills.filter((s) => s.userId === p.userId) satisfies SkillEvidence[]);
    return breakdown ? [{ profile: p, breakdown, key: matchKeyOf(breakdown) }] : [];
  });
  const classSize = new Map<string, number>();
  const className = (k: MatchKey) => `${k.group}|${k.points}|${k.verifiedCount}`;
  for (const c of scored) classSize.set(className(c.key), (classSize.get(className(c.key)) ?? 0) + 1);
  const draws = new Map(
    (
      await sql<{ userId: string; groupOrder: string; draw: string }>(
        `SELECT u."id" AS "userId",
                (hashint4extended(((('x' || substr(md5(u."id"), 1, 8))::bit(32)::int::bigint + 2147483648) >> (32 - u."bits"))::int, $1::bigint) >> 11)::text AS "groupOrder",
                (hashtextextended(u."id", $1::bigint) >> 11)::text AS "draw"
         FROM unnest($2::text[], $3::int[]) AS u("id", "bits")`,
        [drawSeed(job.id), scored.map((c) => c.profile.userId), scored.map((c) => groupBits(classSize.get(className(c.key)) ?? 0))],
      )
    ).map((r) => [r.userId, { groupOrder: Number(r.groupOrder), draw: Number(r.draw) }]),
  );
  return scored
    .filter(({ profile: p }) => {
      if (job.workMode === "REMOTE") {
        if (!p.openToRemote) return false;
      } else if (job.region !== null && p.region !== null && p.region !== job.region) return false;
      return job.languages.length === 0 || p.languages.length === 0 || job.languages.every((l) => p.languages.includes(l));
    })
    .map((c) => ({ userId: c.profile.userId, breakdown: c.breakdown, key: c.key, groupOrder: 0, draw: 0, ...draws.get(c.profile.userId) }))
    .sort(compareMatches);
}

const REGIONS = ["casablanca-settat", "rabat-sale-kenitra", "souss-massa"];
const LANGUAGES = ["ar", "fr", "en", "dar"];
// Popular skills far more common than niche ones, as on the platform.
const POPULARITY: Record<string, number> = {
  prompting: 0.5,
  "ai-concepts": 0.35,
  "data-protection": 0.2,
  "ai-writing": 0.25,
  "rag-knowledge": 0.1,
  "ai-automation": 0.12,
  "ai-tourism": 0.06,
  "multilingual-service": 0.08,
  "data-annotation": 0.03,
  "language-data": 0.02,
};

async function createRandomCandidates(count: number, seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const profiles = [];
  const skills = [];
  for (let i = 0; i < count; i++) {
    const userId = `cand-${seed}-${i}`;
    profiles.push({
      userId,
      handle: `Candidat·e R${seed}-${i}`,
      region: next() < 0.3 ? null : pick(REGIONS),
      openToRemote: next() < 0.6,
      languages: next() < 0.15 ? [] : LANGUAGES.filter(() => next() < 0.5),
      active: next() < 0.9,
    });
    // Credentials prove a course's whole list of skills, so verified skills come in blocks.
    const verified = new Map<string, number>();
    if (next() < 0.35) {
      for (const course of TEST_COURSES) {
        if (course.tier === 1 || next() < 0.3) for (const skillId of course.skills) verified.set(skillId, course.tier);
      }
    }
    for (const [skillId, tier] of verified) skills.push({ userId, skillId, verified: true, tier, credentialId: null });
    for (const skillId of TEST_SKILLS) {
      if (next() < POPULARITY[skillId]) skills.push({ userId, skillId, verified: false, tier: null, credentialId: null });
    }
  }
  await prisma.candidateProfile.createMany({ data: profiles });
  await prisma.candidateSkill.createMany({ data: skills });
}

function randomJobSpec(next: () => number): JobSpec {
  const skillIds = TEST_SKILLS.filter(() => next() < 0.3);
  const chosen = skillIds.length >= 2 ? skillIds.slice(0, 6) : ["prompting", "ai-writing"];
  const workMode = next() < 0.25 ? "REMOTE" : next() < 0.5 ? "HYBRID" : "ON_SITE";
  return {
    skills: chosen.map((skillId, i) => ({ skillId, required: i === 0 || next() < 0.5 })),
    minTier: next() < 0.3 ? 1 + Math.floor(next() * 3) : null,
    region: next() < 0.6 ? REGIONS[Math.floor(next() * REGIONS.length)] : null,
    workMode,
    languages: next() < 0.4 ? LANGUAGES.filter(() => next() < 0.3) : [],
  };
}

describe("rankCandidates", () => {
  it.each([
    ["one group", 2_500],
    ["the class cut into 2 groups", 2],
  ])("draws the order among equals afresh per job: each of two equal candidates leads about half the jobs, and ties are counted (%s)", async (_name, groupSize) => {
    drawSettings.groupSize = groupSize;
    onTestFinished(() => {
      drawSettings.groupSize = 2_500;
    });
    const equals = await Promise.all(["a", "b", "c", "d", "e", "f"].map((letter) => createCandidate({ userId: `tie-${letter}`, declared: ["prompting"] })));
    const other = await createCandidate({ userId: "tie-holder", verified: [{ skillId: "prompting", tier: 1 }] });
    const leads = new Map<string, number>();
    const JOBS = 150;
    for (let i = 0; i < JOBS; i++) {
      const { id } = await createJob({ id: `job-tie-${i}`, skills: [{ skillId: "prompting", required: true }] });
      const order = (await rankCandidates({ jobId: id, limit: 10 })).candidates.map((c) => c.userId);
      expect(order[0]).toBe(other.userId);
      for (let x = 0; x < equals.length; x++) {
        for (let y = x + 1; y < equals.length; y++) {
          const pair = `${equals[x].userId}<${equals[y].userId}`;
          if (order.indexOf(equals[x].userId) < order.indexOf(equals[y].userId)) leads.set(pair, (leads.get(pair) ?? 0) + 1);
        }
      }
    }
    // 15 pairs; a fixed circle read from a per-job point leaves some pairs lopsided (one leads 90 % of jobs or more).
    expect(leads.size).toBe(15);
    for (const [pair, count] of leads) expect([pair, count / JOBS > 0.3 && count / JOBS < 0.7]).toEqual([pair, true]);
    // The same list on every visit, and each tie counted (5 others) for the employer and on the candidate's own page.
    const listed = await rankCandidates({ jobId: "job-tie-0", limit: 10, withTies: true });
    expect((await rankCandidates({ jobId: "job-tie-0", limit: 10 })).candidates.map((c) => c.userId)).toEqual(listed.candidates.map((c) => c.userId));
    expect(listed.candidates.map((c) => c.tiedWith)).toEqual([0, 5, 5, 5, 5, 5, 5]);
    for (const candidate of listed.candidates) {
      expect(await explainListing({ jobId: "job-tie-0", userId: candidate.userId, withRank: true })).toMatchObject({ rank: candidate.rank, tiedWith: candidate.tiedWith });
    }
  });

  it.each([
    ["one group per class", 2_500],
    ["large classes cut into groups of about 15", 15],
  ])("lists the same candidates in the same order, with the same breakdowns, as the rules applied one by one (random data, %s)", async (_name, groupSize) => {
    drawSettings.groupSize = groupSize;
    onTestFinished(() => {
      drawSettings.groupSize = 2_500;
    });
    // 600 at once: the triggers refresh them through their bulk path (one table lock instead of one per candidate).
    await createRandomCandidates(600, 1);
    const next = seededRandom(99);
    const specs: JobSpec[] = [
      { skills: [{ skillId: "prompting", required: true }, { skillId: "ai-writing", required: false }] },
      { skills: [{ skillId: "ai-writing", required: true }, { skillId: "rag-knowledge", required: true }, { skillId: "prompting", required: false }], minTier: 2 },
      { skills: [{ skillId: "language-data", required: true }, { skillId: "data-annotation", required: false }], workMode: "REMOTE" },
      ...Array.from({ length: 9 }, () => randomJobSpec(next)),
    ];
    let comparedRows = 0;
    for (const spec of specs) {
      const { id } = await createJob(spec);
      const expected = await referenceRanking(id);
      const all = await rankCandidates({ jobId: id, limit: 500 });
      expect(all.candidates.map((c) => c.userId)).toEqual(expected.map((e) => e.userId));
      expect(all.candidates.map((c) => c.breakdown)).toEqual(expected.map((e) => e.breakdown));
      expect(all.candidates.map((c) => c.rank)).toEqual(expected.map((_, i) => i + 1));
      expect(all.total).toBe(expected.length);
      // The top of the list and later pages read fewer rows (the classes that fill them): same answer.
      for (const [limit, offset] of [[1, 0], [5, 0], [20, 0], [50, 0], [10, 10], [25, 40]]) {
        const page = await rankCandidates({ jobId: id, limit, offset });
        expect(page.candidates.map((c) => c.userId)).toEqual(expected.slice(offset, offset + limit).map((e) => e.userId));
        expect(page.candidates.map((c) => c.rank)).toEqual(expected.slice(offset, offset + limit).map((_, i) => offset + i + 1));
      }
      comparedRows += expected.length;
    }
    expect(comparedRows).toBeGreaterThan(500);
  });

  it("never lists inactive profiles or candidates with no relevant skill", async () => {
    const { id } = await createJob({ skills: [{ skillId: "prompting", required: true }] });
    const listed = await createCandidate({ declared: ["prompting"] });
    const withdrawn = await createCandidate({ verified: [{ skillId: "prompting", tier: 1 }], active: false });
    const unrelated = await createCandidate({ verified: [{ skillId: "ai-tourism", tier: 3 }], declared: ["language-data"] });
    const { candidates, total } = await rankCandidates({ jobId: id });
    expect(candidates.map((c) => c.userId)).toEqual([listed.userId]);
    expect(total).toBe(1);
    expect(await explainCandidate({ jobId: id, userId: withdrawn.userId })).toBeNull();
    expect(await explainCandidate({ jobId: id, userId: unrelated.userId })).toBeNull();
    expect((await explainListing({ jobId: id, userId: unrelated.userId })).exclusions).toEqual(["no_relevant_skill"]);
    expect((await explainListing({ jobId: id, userId: withdrawn.userId })).exclusions).toEqual(["not_on_job_board"]);

    // Withdrawing leaves the list at once; opting back in returns.
    await prisma.candidateProfile.update({ where: { userId: listed.userId }, data: { active: false }, select: { userId: true } });
    expect((await rankCandidates({ jobId: id })).candidates).toEqual([]);
    await prisma.candidateProfile.update({ where: { userId: withdrawn.userId }, data: { active: true }, select: { userId: true } });
    expect((await rankCandidates({ jobId: id })).candidates.map((c) => c.userId)).toEqual([withdrawn.userId]);
  });

  it("lists nobody for a draft or closed job, and explains a closed job's candidates as if it were open", async () => {
    const candidate = await createCandidate({ declared: ["prompting"] });
    const draft = await createJob({ skills: [{ skillId: "prompting", required: true }], status: "DRAFT" });
    const closed = await createJob({ skills: [{ skillId: "prompting", required: true }], status: "CLOSED" });
    expect(await rankCandidates({ jobId: draft.id })).toEqual({ candidates: [], total: 0 });
    expect(await rankCandidates({ jobId: closed.id })).toEqual({ candidates: [], total: 0 });
    expect(await rankCandidates({ jobId: "no-such-job" })).toEqual({ candidates: [], total: 0 });
    expect(await explainCandidate({ jobId: draft.id, userId: candidate.userId })).toBeNull();
    expect(await explainCandidate({ jobId: closed.id, userId: candidate.userId })).toMatchObject({ group: "declared", points: 12 });
    expect(await explainListing({ jobId: closed.id, userId: candidate.userId })).toMatchObject({ jobStatus: "CLOSED", isListed: false, exclusions: [] });
  });

  it("applies the listing filters: region (or anywhere), remote, languages (or none given)", async () => {
    const skills = ["prompting"];
    const casa = await createCandidate({ declared: skills, region: "casablanca-settat", openToRemote: false, languages: ["fr", "ar"] });
    const anywhere = await createCandidate({ declared: skills, region: null, openToRemote: true, languages: [] });
    const agadir = await createCandidate({ declared: skills, region: "souss-massa", openToRemote: true, languages: ["fr"] });
    const onSite = await createJob({ skills: [{ skillId: "prompting", required: true }], region: "casablanca-settat", languages: ["ar", "fr"] });
    const remote = await createJob({ skills: [{ skillId: "prompting", required: true }], region: "casablanca-settat", workMode: "REMOTE" });
    const hybridFr = await createJob({ skills: [{ skillId: "prompting", required: true }], region: "souss-massa", workMode: "HYBRID", languages: ["fr"] });
    const ids = async (jobId: string) => (await rankCandidates({ jobId })).candidates.map((c) => c.userId).sort();
    expect(await ids(onSite.id)).toEqual([casa.userId, anywhere.userId].sort());
    expect(await ids(remote.id)).toEqual([anywhere.userId, agadir.userId].sort());
    expect(await ids(hybridFr.id)).toEqual([anywhere.userId, agadir.userId].sort());
    expect((await explainListing({ jobId: onSite.id, userId: agadir.userId })).exclusions).toEqual(["region", "languages"]);
    expect((await explainListing({ jobId: remote.id, userId: casa.userId })).exclusions).toEqual(["remote"]);
    // A filter never changes the score: the breakdown is the same on every job with the same skills.
    const breakdowns = await Promise.all([onSite.id, remote.id, hybridFr.id].map((jobId) => explainListing({ jobId, userId: casa.userId })));
    expect(new Set(breakdowns.map((b) => JSON.stringify(b.breakdown))).size).toBe(1);
  });

  it("explains a candidate for many jobs at once exactly as one by one", async () => {
    await createRandomCandidates(60, 8);
    const next = seededRandom(21);
    const jobIds = [];
    for (let i = 0; i < 8; i++) jobIds.push((await createJob(randomJobSpec(next))).id);
    jobIds.push((await createJob({ skills: [{ skillId: "prompting", required: true }], status: "DRAFT" })).id);
    for (const userId of ["cand-8-0", "cand-8-1", "cand-8-2", "cand-8-3", "nobody"]) {
      const batch = await explainCandidateForJobs({ userId, jobIds: [...jobIds, "no-such-job"] });
      expect([...batch.keys()].sort()).toEqual([...jobIds].sort());
      for (const jobId of jobIds) expect(batch.get(jobId)).toEqual(await explainCandidate({ jobId, userId }));
    }
  });

  it("gives the rank explainListing reports as the place in the list", async () => {
    await createRandomCandidates(120, 5);
    const { id } = await createJob({ skills: [{ skillId: "prompting", required: true }, { skillId: "ai-writing", required: false }], region: "souss-massa" });
    const { candidates } = await rankCandidates({ jobId: id, limit: 500 });
    expect(candidates.length).toBeGreaterThan(20);
    for (const candidate of [candidates[0], candidates[7], candidates[candidates.length - 1]]) {
      const explanation = await explainListing({ jobId: id, userId: candidate.userId, withRank: true });
      expect(explanation).toMatchObject({ isListed: true, rank: candidate.rank, breakdown: candidate.breakdown });
    }
  });

  it("sees candidates whose skill set is new since the last ranking (the per-process cache catches up)", async () => {
    const { id } = await createJob({ skills: [{ skillId: "prompting", required: true }, { skillId: "rag-knowledge", required: false }] });
    const first = await createCandidate({ declared: ["prompting"] });
    expect((await rankCandidates({ jobId: id })).candidates.map((c) => c.userId)).toEqual([first.userId]);
    const second = await createCandidate({ declared: ["prompting", "rag-knowledge"], verified: [{ skillId: "ai-concepts", tier: 1 }] });
    expect((await rankCandidates({ jobId: id })).candidates.map((c) => c.userId)).toEqual([second.userId, first.userId]);
  });
});

describe("verified skills", () => {
  it("come from valid credentials, at the highest tier, and revoking one drops the candidate's verified group at once", async () => {
    const { id } = await createJob({ skills: [{ skillId: "prompting", required: true }, { skillId: "ai-writing", required: false }] });
    const holder = await createCandidate({ declared: ["prompting"] });
    const claimers = await Promise.all(Array.from({ length: 5 }, () => createCandidate({ declared: ["prompting", "ai-writing"] })));
    const credential = await grantCredential({ userId: holder.userId, courseId: "ai-foundations" });
    expect(await prisma.candidateSkill.findMany({ where: { userId: holder.userId, verified: true }, select: { skillId: true, tier: true, credentialId: true }, orderBy: { skillId: "asc" } })).toEqual(
      ["ai-concepts", "data-protection", "prompting"].map((skillId) => ({ skillId, tier: 1, credentialId: credential.id })),
    );
    const before = await rankCandidates({ jobId: id });
    expect(before.candidates[0]).toMatchObject({ userId: holder.userId, rank: 1, breakdown: { group: "verified", points: 30 } });

    await prisma.issuedCredential.update({ where: { id: credential.id }, data: { revokedAt: new Date() }, select: { id: true } });
    await refreshVerifiedSkills(holder.userId);
    const after = await rankCandidates({ jobId: id });
    const place = after.candidates.find((c) => c.userId === holder.userId);
    expect(place?.breakdown).toMatchObject({ group: "declared", points: 12 });
    // Now below every claimer of both skills (12 + 4 points each).
    expect(place?.rank).toBe(6);
    expect(after.candidates.slice(0, 5).map((c) => c.userId).sort()).toEqual(claimers.map((c) => c.userId).sort());
    expect(await prisma.candidateSkill.count({ where: { userId: holder.userId, verified: true } })).toBe(0);
    // Declared rows are never touched by the refresh.
    expect(await prisma.candidateSkill.count({ where: { userId: holder.userId, verified: false } })).toBe(1);
  });

  it("keep the highest tier per skill with its credential, and fall back to the next one when it is revoked", async () => {
    // A second course certifying prompting, at tier 3.
    await prisma.course.create({
      data: {
        id: "advanced-prompting",
        tier: 3,
        title: { fr: "x" },
        summary: { fr: "x" },
        outcomes: [],
        durationMinutes: 60,
        languages: ["fr"],
        prerequisites: [],
        position: 9,
        contentHash: "x",
        skills: { create: [{ skillId: "prompting" }] },
      },
      select: { id: true },
    });
    const { id: jobId } = await createJob({ skills: [{ skillId: "prompting", required: true }], minTier: 2 });
    const learner = await createCandidate();
    const foundations = await grantCredential({ userId: learner.userId, courseId: "ai-foundations" });
    const advanced = await grantCredential({ userId: learner.userId, courseId: "advanced-prompting" });
    const prompting = () =>
      prisma.candidateSkill.findUniqueOrThrow({
        where: { userId_skillId_verified: { userId: learner.userId, skillId: "prompting", verified: true } },
        select: { tier: true, credentialId: true },
      });
    expect(await prompting()).toEqual({ tier: 3, credentialId: advanced.id });
    expect(await explainCandidate({ jobId, userId: learner.userId })).toMatchObject({ group: "verified", points: 33, maxPoints: 33 }); // 3 × (10 + 1 tier above the minimum)
    await prisma.issuedCredential.update({ where: { id: advanced.id }, data: { revokedAt: new Date() }, select: { id: true } });
    await refreshVerifiedSkills(learner.userId);
    expect(await prompting()).toEqual({ tier: 1, credentialId: foundations.id });
    // Tier 1 is below the job's minimum tier 2: declared points, and the reason.
    expect((await explainCandidate({ jobId, userId: learner.userId }))?.contributions[0]).toMatchObject({
      evidence: "declared",
      tier: 1,
      reason: "below_min_tier",
      points: 12,
    });
  });

  it("ignore other learners' and API credentials, and stop counting when expired", async () => {
    const t0 = new Date("2026-11-22T08:00:00Z");
    const { id } = await createJob({ skills: [{ skillId: "ai-writing", required: true }] });
    const learner = await createCandidate();
    const other = await createCandidate();
    await grantCredential({ userId: learner.userId, courseId: "ai-practitioner", validUntil: new Date("2026-11-23T08:00:00Z"), now: t0 });
    await grantCredential({ userId: other.userId, courseId: "ai-tourism", now: t0 });
    // A credential issued through the API names no learner or course: it never counts.
    await prisma.issuedCredential.create({
      data: { id: crypto.randomUUID(), source: "api", json: {}, issuedAt: t0, statusListId: "test-list", statusIndex: 99_999 },
      select: { id: true },
    });
    expect(await refreshAllVerifiedSkills({ now: t0 })).toEqual({ removed: 0, written: 0 });
    expect((await rankCandidates({ jobId: id, now: t0 })).candidates.map((c) => c.userId)).toEqual([learner.userId]);
    const [row] = await sql<{ verifiedUntil: Date | null }>(`SELECT "verifiedUntil" FROM "MatchingCandidate" WHERE "userId" = $1`, [learner.userId]);
    expect(row.verifiedUntil?.toISOString()).toBe("2026-11-23T08:00:00.000Z");
    // A day later the credential has expired: the ranking refreshes the candidate before reading.
    const later = new Date("2026-11-23T09:00:00Z");
    expect((await rankCandidates({ jobId: id, now: later })).candidates).toEqual([]);
    expect(await prisma.candidateSkill.count({ where: { userId: learner.userId, verified: true } })).toBe(0);
  });

  it("refreshAllVerifiedSkills repairs every learner in one pass and changes nothing the second time", async () => {
    const a = await createCandidate();
    const b = await createCandidate();
    await grantCredential({ userId: a.userId, courseId: "ai-foundations" });
    await grantCredential({ userId: b.userId, courseId: "ai-language-data" });
    // Damage: a stale verified row, a missing one, a wrong tier.
    await prisma.candidateSkill.create({ data: { userId: b.userId, skillId: "prompting", verified: true, tier: 1 }, select: { userId: true } });
    await prisma.candidateSkill.delete({ where: { userId_skillId_verified: { userId: a.userId, skillId: "prompting", verified: true } }, select: { userId: true } });
    await prisma.candidateSkill.update({ where: { userId_skillId_verified: { userId: b.userId, skillId: "language-data", verified: true } }, data: { tier: 1 }, select: { userId: true } });
    expect(await refreshAllVerifiedSkills()).toEqual({ removed: 1, written: 2 });
    expect(await refreshAllVerifiedSkills()).toEqual({ removed: 0, written: 0 });
    const rows = await prisma.candidateSkill.findMany({ where: { verified: true }, select: { userId: true, skillId: true, tier: true }, orderBy: [{ userId: "asc" }, { skillId: "asc" }] });
    expect(rows.filter((r) => r.userId === b.userId)).toEqual([
      { userId: b.userId, skillId: "data-annotation", tier: 3 },
      { userId: b.userId, skillId: "language-data", tier: 3 },
    ]);
    expect(rows.filter((r) => r.userId === a.userId).map((r) => r.skillId)).toEqual(["ai-concepts", "data-protection", "prompting"]);
  });
});

describe("the matching index (triggers)", () => {
  it("stays exact when one candidate's skills and profile change in many concurrent transactions", async () => {
    const { userId } = await createCandidate({ declared: ["prompting"] });
    const other = await createCandidate({ declared: ["ai-writing"] });
    await Promise.all([
      ...TEST_SKILLS.filter((s) => s !== "prompting").map((skillId) =>
        prisma.candidateSkill.create({ data: { userId, skillId, verified: false }, select: { userId: true } }),
      ),
      prisma.candidateSkill.create({ data: { userId, skillId: "prompting", verified: true, tier: 1 }, select: { userId: true } }),
      prisma.candidateProfile.update({ where: { userId }, data: { region: "souss-massa", languages: ["fr"] }, select: { userId: true } }),
      prisma.candidateSkill.deleteMany({ where: { userId: other.userId } }),
    ]);
    const rows = await sql<{ userId: string; skills: string; region: string | null; languages: string[]; members: number }>(
      `SELECT m."userId", s."skills", m."region", m."languages", s."members"
       FROM "MatchingCandidate" m JOIN "MatchingSkillSet" s ON s."id" = m."skillSetId"`,
    );
    const expected = [...TEST_SKILLS].sort().map((skillId) => `${skillId}:${skillId === "prompting" ? "v1" : "d"}`).join(",");
    expect(rows).toEqual([{ userId, skills: expected, region: "souss-massa", languages: ["fr"], members: 1 }]);
    // Member counts add up to the listed candidates.
    const [counts] = await sql<{ members: number; listed: number }>(
      `SELECT (SELECT sum("members") FROM "MatchingSkillSet")::int AS "members", (SELECT count(*) FROM "MatchingCandidate")::int AS "listed"`,
    );
    expect(counts).toEqual({ members: 1, listed: 1 });
  });
});

describe("logRanking", () => {
  it("records the list shown with scores, groups, contributions and the rules version", async () => {
    const { id } = await createJob({ skills: [{ skillId: "prompting", required: true }] });
    const candidate = await createCandidate({ verified: [{ skillId: "prompting", tier: 1 }] });
    const { candidates } = await rankCandidates({ jobId: id });
    const { id: logId } = await logRanking({ jobId: id, viewerId: "recruiter-test", channel: "employer_page", candidates });
    const log = await prisma.rankingLog.findUniqueOrThrow({ where: { id: logId }, select: { rulesVersion: true, channel: true, entries: true, createdAt: true } });
    expect(log.rulesVersion).toBe(SCORING_RULES_VERSION);
    expect(log.channel).toBe("employer_page");
    expect(Math.abs(log.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(log.entries).toEqual([
      {
        userId: candidate.userId,
        rank: 1,
        score: 100,
        group: "verified",
        points: 30,
        maxPoints: 30,
        contributions: [{ skillId: "prompting", required: true, evidence: "verified", tier: 1, points: 30, maxPoints: 30 }],
      },
    ]);
  });
});
