// Set-up shared by this folder's tests and tests/integration/candidates-*.test.ts. Every test starts from empty
// tables, so each builds its own curriculum, employer, jobs and credentials with these.
import { prisma } from "~/lib/db.server";
import { syncCurriculum } from "~/modules/catalog/sync.server";
import { refreshVerifiedSkills } from "~/modules/matching/verified-skills.server";
import { makeCurriculum } from "../../../tests/curriculum";
import { createOrganisation, createUser } from "../../../tests/factories";

/**
 * The test curriculum with four skills and four courses: t1-course proves data-protection (tier 1), t2-course
 * prompting (tier 2), t3-course ethics, t4-course unrelated-skill. No course proves ai-concepts' neighbour
 * "spreadsheets", which can only be declared.
 */
export async function syncJobBoardCurriculum() {
  const curriculum = makeCurriculum();
  const skill = (id: string, fr: string, ar: string, en: string) => ({ id, label: { fr, ar, en }, description: { fr: "d", ar: "d", en: "d" }, esco: null });
  curriculum.skills.push(
    skill("data-protection", "Protection des données", "حماية البيانات", "Data protection"),
    skill("prompting", "Rédaction de prompts", "كتابة الأوامر", "Prompting"),
    skill("ethics", "Éthique de l'IA", "أخلاقيات الذكاء الاصطناعي", "AI ethics"),
    skill("unrelated-skill", "Comptabilité", "المحاسبة", "Accounting"),
    skill("spreadsheets", "Tableurs", "جداول البيانات", "Spreadsheets"),
  );
  const [t1, t2] = curriculum.courses;
  t1.skills = ["data-protection"];
  t2.skills = ["prompting"];
  curriculum.courses.push(
    { ...t2, id: "t3-course", dir: "courses/t3-course", skills: ["ethics"] },
    { ...t2, id: "t4-course", dir: "courses/t4-course", skills: ["unrelated-skill"] },
  );
  await syncCurriculum({ prisma, curriculum });
}

let statusIndex = 0;

/**
 * An issued credential row for a learner and course, as the certification queue would write it (the signed JSON
 * is not needed here: the job board reads the row, its revocation and its validUntil). Refreshes the learner's
 * verified skills like the engine does on issue/revoke.
 */
export async function giveCredential({
  userId,
  courseId,
  revoked = false,
  validUntil,
}: {
  userId: string;
  courseId: string;
  revoked?: boolean;
  validUntil?: Date;
}) {
  const list = await prisma.credentialStatusList.upsert({
    where: { id: "test-list" },
    create: { id: "test-list", length: 131072, credential: {} },
    update: {},
    select: { id: true },
  });
  statusIndex += 1;
  const credential = await prisma.issuedCredential.create({
    data: {
      id: `urn:uuid:test-${courseId}-${statusIndex}`,
      source: "certification",
      userId,
      courseId,
      json: validUntil ? { validUntil: validUntil.toISOString() } : {},
      revokedAt: revoked ? new Date() : null,
      statusListId: list.id,
      statusIndex,
    },
    select: { id: true },
  });
  await refreshVerifiedSkills(userId);
  return credential;
}

type JobSkillInput = { skillId: string; required: boolean };

/** An employer organisation with one recruiter, and a job of it. */
export async function createEmployerJob({
  status = "PUBLISHED",
  skills = [{ skillId: "data-protection", required: true }],
  title = "Chargé·e de conformité données",
  employerId,
  publishedAt = new Date(),
  languages = [],
}: {
  status?: "DRAFT" | "PUBLISHED" | "CLOSED";
  skills?: JobSkillInput[];
  title?: string;
  employerId?: string;
  publishedAt?: Date;
  /** Languages the job needs; none by default, so language filtering stays out of tests about other things. */
  languages?: string[];
} = {}) {
  const employer = employerId ? { id: employerId } : await createOrganisation({ kind: "EMPLOYER", name: "Atlas Agritech SARL" });
  const recruiter = await createUser({ role: "EMPLOYER", employerId: employer.id, name: "Recruteuse Atlas" });
  const job = await prisma.jobPost.create({
    data: {
      employerId: employer.id,
      createdById: recruiter.id,
      title,
      description: "Description",
      contractType: "CDI",
      languages,
      status,
      publishedAt: status === "DRAFT" ? null : publishedAt,
      closedAt: status === "CLOSED" ? new Date() : null,
      skills: { create: skills },
    },
    select: { id: true, title: true },
  });
  return { employerId: employer.id, recruiter, job };
}
