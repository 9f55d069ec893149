// What the URLs written into credentials answer: the achievement (a course certification), a skill, a training
// centre. Ids in a credential must resolve (OBv3), for people (HTML pages) and for machines (JSON-LD, achievement).
import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/index.server";
import { parseStoredExam } from "~/modules/exams/index.server";
import {
  type CertificationCourse,
  type CredentialLanguage,
  asLocalizedText,
  certificationAchievement,
  certificationAchievementDocument,
  credentialLanguage,
  credentialUrls,
  textIn,
} from "./achievements";
import { issuerIdentity } from "./keys.server";

export function achievementUrl(courseId: string) {
  return credentialUrls.achievement(issuerIdentity().idBase, courseId);
}

/** A course as its certification describes it (archived courses too: credentials issued for them keep resolving). */
async function loadCertificationCourse(courseId: string): Promise<(CertificationCourse & { id: string; archived: boolean }) | null> {
  const course = await prisma.course.findUnique({
    where: { id: courseId },
    select: {
      id: true,
      title: true,
      summary: true,
      tier: true,
      archivedAt: true,
      skills: { select: { skill: { select: { id: true, label: true, esco: true } } } },
      examVersions: { where: { archivedAt: null }, orderBy: { version: "desc" }, take: 1, select: { definition: true } },
    },
  });
  if (!course) return null;
  const tier = await prisma.tier.findUnique({ where: { level: course.tier }, select: { level: true, title: true } });
  const exam = course.examVersions[0] ? parseStoredExam(course.examVersions[0].definition) : null;
  return {
    id: course.id,
    archived: course.archivedAt !== null,
    title: asLocalizedText(course.title),
    summary: asLocalizedText(course.summary),
    tier: tier ? { level: tier.level, title: asLocalizedText(tier.title) } : undefined,
    skills: course.skills
      .map(({ skill }) => ({ id: skill.id, label: asLocalizedText(skill.label), esco: skill.esco }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    passMarkPercent: exam?.passMarkPercent,
  };
}

/** The achievement of a course, in the reader's language when the course has it: page view and JSON-LD document. */
export async function getAchievement({ courseId, language }: { courseId: string; language: string }) {
  const course = await loadCertificationCourse(courseId);
  if (!course) return null;
  const written: CredentialLanguage = credentialLanguage(course.title, language);
  const input = { course, language: written, achievementUrl: achievementUrl(course.id), skillsBaseUrl: credentialUrls.skillsBase(issuerIdentity().idBase) };
  const achievement = certificationAchievement(input);
  return {
    document: certificationAchievementDocument(input),
    view: {
      courseId: course.id,
      archived: course.archived,
      language: written,
      name: achievement.name,
      description: achievement.description,
      criteria: achievement.criteriaNarrative,
      tier: achievement.tier ?? null,
      passMarkPercent: course.passMarkPercent ?? null,
      skills: course.skills.map((skill) => ({ id: skill.id, label: textIn(skill.label, written) || skill.id, esco: skill.esco ?? null })),
    },
  };
}

/** A skill of the shared taxonomy, with the courses that certify it. */
export async function getSkill({ skillId, language }: { skillId: string; language: string }) {
  const skill = await prisma.skill.findUnique({
    where: { id: skillId },
    select: {
      id: true,
      label: true,
      description: true,
      esco: true,
      courses: { where: { course: { archivedAt: null } }, select: { course: { select: { id: true, title: true, tier: true } } } },
    },
  });
  if (!skill) return null;
  const label = asLocalizedText(skill.label);
  const written = credentialLanguage(label, language);
  return {
    id: skill.id,
    language: written,
    label: textIn(label, written) || skill.id,
    description: textIn(asLocalizedText(skill.description), written),
    esco: skill.esco,
    courses: skill.courses
      .map(({ course }) => ({ id: course.id, tier: course.tier, title: localized(course.title, language) }))
      .sort((a, b) => a.tier - b.tier || a.title.localeCompare(b.title)),
  };
}

/** The public profile of a training centre named in credentials (other organisations are not public). */
export async function getPublicOrganisation({ organisationId }: { organisationId: string }) {
  return prisma.organisation.findFirst({
    where: { id: organisationId, kind: "TRAINING_CENTRE" },
    select: { id: true, name: true, city: true, website: true, _count: { select: { cohorts: true } } },
  });
}
