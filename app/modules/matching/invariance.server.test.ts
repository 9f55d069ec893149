// Protected and irrelevant traits are never inputs (issue 7): candidate pairs that differ only in such traits get
// identical scores and identical places, on PostgreSQL, through rankCandidates; and swapping the traits between the
// two members of every pair changes nothing in the ranking but whose name sits at each place.
//
// The schema holds no gender, age, photo or nationality, by design; what an account does hold that could stand for
// them is varied here: the name (given names that mark gender, "M."/"Mme", Latin or Arabic script, family names that
// suggest origin), the e-mail address, the account's creation date (a stand-in for age and seniority), the
// interface language, the training centre ("school") of the learner's cohort and the centre co-branding their
// credential.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createOrganisation, createUser } from "../../../tests/factories";
import { explainCandidate, forgetMatchingCaches, rankCandidates } from "./ranking.server";
import { matchKeyOf } from "./scoring";
import { createJob, grantCredential, seedCatalogue, seededRandom, TEST_SKILLS, type JobSpec } from "./test-fixtures";

beforeEach(async () => {
  forgetMatchingCaches();
  await seedCatalogue();
});

type Traits = { name: string; email: string; locale: string; createdAt: Date; centre: "ista" | "university" | null };

/** Two contrasting bundles of traits per pair; the pairs also alternate which bundle is which. */
const TRAIT_PAIRS: Array<[Traits, Traits]> = [
  [
    { name: "M. Mohamed El Idrissi", email: "m.elidrissi@gmail.com", locale: "fr", createdAt: new Date("2021-03-01T10:00:00Z"), centre: "ista" },
    { name: "فاطمة الزهراء بناني", email: "fz.bennani@ofppt-edu.ma", locale: "ar", createdAt: new Date("2026-11-20T10:00:00Z"), centre: null },
  ],
  [
    { name: "Mme Khadija Alaoui", email: "khadija.alaoui@outlook.fr", locale: "fr", createdAt: new Date("2026-11-01T10:00:00Z"), centre: "university" },
    { name: "Youssef Tazi", email: "youssef.tazi@taalim.ma", locale: "en", createdAt: new Date("2019-09-15T10:00:00Z"), centre: "ista" },
  ],
  [
    { name: "Anaïs Dupont", email: "anais.dupont@example.fr", locale: "fr", createdAt: new Date("2025-01-10T10:00:00Z"), centre: null },
    { name: "حمزة آيت بن حدو", email: "hamza.aitbenhaddou@gmail.com", locale: "ar", createdAt: new Date("2024-06-30T10:00:00Z"), centre: "university" },
  ],
  [
    { name: "Salma Ouazzani", email: "salma.o@gmail.com", locale: "ar", createdAt: new Date("2023-02-02T10:00:00Z"), centre: "ista" },
    { name: "M. Jérôme Martin", email: "jerome.martin@example.com", locale: "en", createdAt: new Date("2026-11-21T10:00:00Z"), centre: "university" },
  ],
];

/** What the pair shares: the only things matching may read (skills) and the candidate's own listing choices. */
type SkillProfile = { courses: string[]; declared: string[]; region: string | null; openToRemote: boolean; languages: string[] };

const SKILL_PROFILES: SkillProfile[] = [
  { courses: ["ai-foundations"], declared: ["ai-writing"], region: "casablanca-settat", openToRemote: true, languages: ["ar", "fr"] },
  { courses: [], declared: ["prompting", "ai-writing", "rag-knowledge"], region: null, openToRemote: true, languages: [] },
  { courses: ["ai-foundations", "ai-practitioner"], declared: [], region: "casablanca-settat", openToRemote: false, languages: ["fr"] },
  { courses: ["ai-tourism"], declared: ["prompting"], region: "souss-massa", openToRemote: true, languages: ["fr", "en"] },
];

const JOBS: JobSpec[] = [
  { skills: [{ skillId: "prompting", required: true }, { skillId: "ai-writing", required: true }, { skillId: "data-protection", required: false }] },
  { skills: [{ skillId: "ai-writing", required: true }, { skillId: "rag-knowledge", required: false }], region: "casablanca-settat", languages: ["fr"] },
  { skills: [{ skillId: "ai-tourism", required: true }, { skillId: "multilingual-service", required: false }, { skillId: "prompting", required: false }], workMode: "REMOTE" },
  { skills: [{ skillId: "prompting", required: true }, { skillId: "rag-knowledge", required: true }], minTier: 2 },
];

async function centres() {
  const ista = await createOrganisation({ kind: "TRAINING_CENTRE", name: "ISTA Casablanca" });
  const university = await createOrganisation({ kind: "TRAINING_CENTRE", name: "Université Mohammed V" });
  const cohorts = {
    ista: await prisma.cohort.create({ data: { organisationId: ista.id, name: "Promotion 2026" }, select: { id: true } }),
    university: await prisma.cohort.create({ data: { organisationId: university.id, name: "Licence IA" }, select: { id: true } }),
  };
  return { organisations: { ista: ista.id, university: university.id }, cohorts: { ista: cohorts.ista.id, university: cohorts.university.id } };
}

type Centres = Awaited<ReturnType<typeof centres>>;

async function applyTraits(userId: string, traits: Traits, where: Centres) {
  await prisma.user.update({
    where: { id: userId },
    data: { name: traits.name, email: traits.email, locale: traits.locale, createdAt: traits.createdAt },
    select: { id: true },
  });
  await prisma.cohortMember.deleteMany({ where: { userId } });
  if (traits.centre) await prisma.cohortMember.create({ data: { cohortId: where.cohorts[traits.centre], userId, role: "LEARNER" }, select: { userId: true } });
  // The centre co-branding the credential follows the learner's cohort, as issuing does.
  await prisma.issuedCredential.updateMany({ where: { userId }, data: { trainingCentreId: traits.centre ? where.organisations[traits.centre] : null } });
}

async function createCandidateWithTraits(profile: SkillProfile, traits: Traits, where: Centres) {
  const user = await createUser({ name: traits.name, email: traits.email, locale: traits.locale });
  await prisma.candidateProfile.create({
    data: { userId: user.id, handle: `Candidat·e ${user.id.slice(-6)}`, region: profile.region, openToRemote: profile.openToRemote, languages: profile.languages },
    select: { userId: true },
  });
  if (profile.declared.length > 0) await prisma.candidateSkill.createMany({ data: profile.declared.map((skillId) => ({ userId: user.id, skillId, verified: false })) });
  for (const courseId of profile.courses) await grantCredential({ userId: user.id, courseId });
  await applyTraits(user.id, traits, where);
  return user.id;
}

/** Other candidates around the pairs, so that places are not trivially 1 and 2. */
async function createBackground(count: number) {
  const next = seededRandom(3);
  for (let i = 0; i < count; i++) {
    const userId = `background-${i}`;
    await prisma.candidateProfile.create({
      data: { userId, handle: `Candidat·e B${i}`, region: next() < 0.5 ? null : "casablanca-settat", openToRemote: next() < 0.5, languages: next() < 0.5 ? [] : ["fr"] },
      select: { userId: true },
    });
    const declared = TEST_SKILLS.filter(() => next() < 0.25);
    if (declared.length > 0) await prisma.candidateSkill.createMany({ data: declared.map((skillId) => ({ userId, skillId, verified: false })) });
    if (next() < 0.3) await grantCredential({ userId, courseId: "ai-foundations" });
  }
}

describe("protected and irrelevant traits", () => {
  it("give identical scores and places to pairs that differ only in them, and swapping them swaps only identities", async () => {
    const where = await centres();
    await createBackground(40);
    const pairs: Array<[string, string]> = [];
    for (const [index, profile] of SKILL_PROFILES.entries()) {
      const [first, second] = TRAIT_PAIRS[index];
      pairs.push([await createCandidateWithTraits(profile, first, where), await createCandidateWithTraits(profile, second, where)]);
    }
    const jobIds = [];
    for (const spec of JOBS) jobIds.push((await createJob(spec)).id);

    const names = async () => new Map((await prisma.user.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    const before = await Promise.all(jobIds.map((jobId) => rankCandidates({ jobId, limit: 200 })));
    const namesBefore = await names();

    let listedPairs = 0;
    for (const [jobIndex, jobId] of jobIds.entries()) {
      const list = before[jobIndex].candidates;
      for (const [a, b] of pairs) {
        // Identical scores, whether or not the job lists them.
        const [explainedA, explainedB] = await Promise.all([explainCandidate({ jobId, userId: a }), explainCandidate({ jobId, userId: b })]);
        expect(explainedA).toEqual(explainedB);
        const placeA = list.find((c) => c.userId === a);
        const placeB = list.find((c) => c.userId === b);
        expect(Boolean(placeA)).toBe(Boolean(placeB));
        if (!placeA || !placeB) continue;
        listedPairs += 1;
        expect(placeA.breakdown).toEqual(placeB.breakdown);
        // Identical places up to the tiebreak: everyone between the two ties with them on the rules (same group,
        // points and verified count), so only the tiebreak, which reads no trait, separates them.
        const [low, high] = [Math.min(placeA.rank, placeB.rank), Math.max(placeA.rank, placeB.rank)];
        for (const between of list.filter((c) => c.rank > low && c.rank < high)) expect(matchKeyOf(between.breakdown)).toEqual(matchKeyOf(placeA.breakdown));
      }
    }
    expect(listedPairs).toBeGreaterThanOrEqual(6);

    // Swap every trait between the two members of each pair (e-mail through a placeholder: it is unique).
    for (const [index, [a, b]] of pairs.entries()) {
      const [first, second] = TRAIT_PAIRS[index];
      await prisma.user.update({ where: { id: a }, data: { email: `swap-${a}@example.test` }, select: { id: true } });
      await applyTraits(b, first, where);
      await applyTraits(a, second, where);
    }
    const after = await Promise.all(jobIds.map((jobId) => rankCandidates({ jobId, limit: 200 })));
    const namesAfter = await names();
    const swapped = new Map(pairs.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]));

    for (const [jobIndex] of jobIds.entries()) {
      // The same accounts in the same places with the same breakdowns …
      expect(after[jobIndex]).toEqual(before[jobIndex]);
      // … so at each place only the name changed, to the name of the pair's other member before the swap.
      const shownBefore = before[jobIndex].candidates.map((c) => namesBefore.get(c.userId) ?? c.handle);
      const shownAfter = after[jobIndex].candidates.map((c) => namesAfter.get(c.userId) ?? c.handle);
      const expected = before[jobIndex].candidates.map((c) => {
        const partner = swapped.get(c.userId);
        return partner ? namesBefore.get(partner) : (namesBefore.get(c.userId) ?? c.handle);
      });
      expect(shownAfter).toEqual(expected);
      expect(shownAfter).not.toEqual(shownBefore);
    }
  });

  it("are not read at all: changing every trait of a candidate changes nothing in any ranking", async () => {
    const where = await centres();
    await createBackground(25);
    const userId = await createCandidateWithTraits(SKILL_PROFILES[0], TRAIT_PAIRS[0][0], where);
    const jobIds = [];
    for (const spec of JOBS) jobIds.push((await createJob(spec)).id);
    const before = await Promise.all(jobIds.map((jobId) => rankCandidates({ jobId, limit: 200 })));
    for (const traits of [TRAIT_PAIRS[0][1], TRAIT_PAIRS[1][0], TRAIT_PAIRS[2][1], TRAIT_PAIRS[3][1]]) {
      await applyTraits(userId, traits, where);
      expect(await Promise.all(jobIds.map((jobId) => rankCandidates({ jobId, limit: 200 })))).toEqual(before);
    }
  });
});
