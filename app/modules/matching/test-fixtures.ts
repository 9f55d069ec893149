// Set-up shared by this folder's tests: a small skills catalogue with courses of three tiers, jobs, candidates with
// declared and verified skills, and credentials (rows only: matching reads the database, not the signatures).
import crypto from "node:crypto";
import { prisma } from "~/lib/db.server";
import { refreshVerifiedSkills } from "./verified-skills.server";

/** Courses of the test catalogue and the skills each certifies (real skill ids of content/skills.yaml). */
export const TEST_COURSES = [
  { id: "ai-foundations", tier: 1, skills: ["ai-concepts", "prompting", "data-protection"] },
  { id: "ai-practitioner", tier: 2, skills: ["ai-writing", "rag-knowledge", "ai-automation"] },
  { id: "ai-tourism", tier: 3, skills: ["ai-tourism", "multilingual-service"] },
  { id: "ai-language-data", tier: 3, skills: ["data-annotation", "language-data"] },
] as const;

export const TEST_SKILLS = TEST_COURSES.flatMap((c) => [...c.skills]);

const text = (value: string) => ({ fr: value, ar: value, en: value });

export async function seedCatalogue() {
  await prisma.skill.createMany({
    data: TEST_SKILLS.map((id) => ({ id, label: text(id), description: text(id), contentHash: id })),
    skipDuplicates: true,
  });
  for (const [position, course] of TEST_COURSES.entries()) {
    await prisma.course.create({
      data: {
        id: course.id,
        tier: course.tier,
        title: text(course.id),
        summary: text(course.id),
        outcomes: [],
        durationMinutes: 60,
        languages: ["fr"],
        prerequisites: [],
        position,
        contentHash: course.id,
        skills: { create: course.skills.map((skillId) => ({ skillId })) },
      },
      select: { id: true },
    });
  }
}

export type JobSpec = {
  /** A fixed id (tests that must not depend on random ids); default: generated. */
  id?: string;
  skills: Array<{ skillId: string; required: boolean }>;
  minTier?: number | null;
  region?: string | null;
  workMode?: "ON_SITE" | "HYBRID" | "REMOTE";
  languages?: string[];
  status?: "DRAFT" | "PUBLISHED" | "CLOSED";
};

export async function createJob({ id, skills, minTier = null, region = null, workMode = "ON_SITE", languages = [], status = "PUBLISHED" }: JobSpec) {
  return prisma.jobPost.create({
    data: {
      id,
      employerId: "employer-test",
      createdById: "recruiter-test",
      title: "Poste de test",
      description: "Description",
      contractType: "CDI",
      region,
      workMode,
      languages,
      minTier,
      status,
      publishedAt: status === "DRAFT" ? null : new Date(),
      skills: { create: skills },
    },
    select: { id: true },
  });
}

export type CandidateSpec = {
  userId?: string;
  declared?: string[];
  /** Verified rows written as the refresh would (for tests that do not go through credentials). */
  verified?: Array<{ skillId: string; tier: number }>;
  region?: string | null;
  openToRemote?: boolean;
  languages?: string[];
  active?: boolean;
};

let handleCounter = 0;

/** A job-board profile and its skills, without a User row (matching never reads one). */
export async function createCandidate({
  userId = crypto.randomUUID(),
  declared = [],
  verified = [],
  region = null,
  openToRemote = true,
  languages = [],
  active = true,
}: CandidateSpec = {}) {
  handleCounter += 1;
  await prisma.candidateProfile.create({
    data: { userId, handle: `Candidat·e T${handleCounter}`, region, openToRemote, languages, active },
    select: { userId: true },
  });
  await prisma.candidateSkill.createMany({
    data: [
      ...declared.map((skillId) => ({ userId, skillId, verified: false })),
      ...verified.map(({ skillId, tier }) => ({ userId, skillId, verified: true, tier, credentialId: null })),
    ],
  });
  return { userId };
}

let statusIndex = 0;

/** An issued credential row for a course (unsigned JSON: only validUntil is read), then the learner's refresh. */
export async function grantCredential({
  userId,
  courseId,
  validUntil,
  trainingCentreId = null,
  now = new Date(),
}: {
  userId: string;
  courseId: string;
  validUntil?: Date;
  trainingCentreId?: string | null;
  now?: Date;
}) {
  await prisma.credentialStatusList.upsert({
    where: { id: "test-list" },
    create: { id: "test-list", length: 131072, credential: {} },
    update: {},
    select: { id: true },
  });
  statusIndex += 1;
  const id = crypto.randomUUID();
  await prisma.issuedCredential.create({
    data: {
      id,
      source: "certification",
      userId,
      courseId,
      json: validUntil ? { validUntil: validUntil.toISOString().replace(/\.\d{3}Z$/, "Z") } : {},
      issuedAt: now,
      trainingCentreId,
      statusListId: "test-list",
      statusIndex,
    },
    select: { id: true },
  });
  await refreshVerifiedSkills(userId, { now });
  return { id };
}

/** A small seeded PRNG (mulberry32), so random data is the same on every run. */
export function seededRandom(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
