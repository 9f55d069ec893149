import { createHash } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client";
import type { CourseDef, Curriculum, ExamDef, LessonDef } from "./content/types";

/** SHA-256 of a value's JSON with object keys sorted, so the same content always hashes the same. */
export function contentHash(value: unknown) {
  return createHash("sha256").update(stableJson(value)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

type Counts = { created: number; updated: number; unchanged: number; archived: number };
export type SyncReport = Record<"skills" | "tiers" | "courses" | "modules" | "lessons" | "examVersions" | "practice", Counts>;

const emptyCounts = (): Counts => ({ created: 0, updated: 0, unchanged: 0, archived: 0 });

/**
 * Writes the curriculum into the database. Idempotent: every row carries the hash of the content it was written
 * from, and only rows whose hash changed are written, so a second run reports everything unchanged. Content that
 * disappeared is archived, never deleted (progress, attempts and credentials may refer to it). An edited exam
 * becomes a new ExamVersion; earlier versions stay as they were for the attempts taken on them.
 */
export async function syncCurriculum({ prisma, curriculum }: { prisma: PrismaClient; curriculum: Curriculum }) {
  const report: SyncReport = {
    skills: emptyCounts(),
    tiers: emptyCounts(),
    courses: emptyCounts(),
    modules: emptyCounts(),
    lessons: emptyCounts(),
    examVersions: emptyCounts(),
    practice: emptyCounts(),
  };
  const now = new Date();

  // Skills
  const existingSkills = new Map(
    (await prisma.skill.findMany({ select: { id: true, contentHash: true, archivedAt: true } })).map((s) => [s.id, s]),
  );
  for (const skill of curriculum.skills) {
    const hash = contentHash(skill);
    const existing = existingSkills.get(skill.id);
    const data = { label: skill.label, description: skill.description, esco: skill.esco, contentHash: hash, archivedAt: null };
    if (!existing) {
      await prisma.skill.create({ data: { id: skill.id, ...data } });
      report.skills.created++;
    } else if (existing.contentHash !== hash || existing.archivedAt) {
      await prisma.skill.update({ where: { id: skill.id }, data });
      report.skills.updated++;
    } else report.skills.unchanged++;
  }
  const skillIds = new Set(curriculum.skills.map((s) => s.id));
  for (const [id, s] of existingSkills) {
    if (!skillIds.has(id) && !s.archivedAt) {
      await prisma.skill.update({ where: { id }, data: { archivedAt: now } });
      report.skills.archived++;
    }
  }

  // Tiers
  const existingTiers = new Map(
    (await prisma.tier.findMany({ select: { level: true, contentHash: true, archivedAt: true } })).map((t) => [t.level, t]),
  );
  for (const tier of curriculum.tiers) {
    const hash = contentHash(tier);
    const existing = existingTiers.get(tier.level);
    const data = { slug: tier.id, title: tier.title, description: tier.description, contentHash: hash, archivedAt: null };
    if (!existing) {
      await prisma.tier.create({ data: { level: tier.level, ...data } });
      report.tiers.created++;
    } else if (existing.contentHash !== hash || existing.archivedAt) {
      await prisma.tier.update({ where: { level: tier.level }, data });
      report.tiers.updated++;
    } else report.tiers.unchanged++;
  }

  // Courses, with their modules, lessons and exam versions
  const existingCourses = new Map(
    (await prisma.course.findMany({ select: { id: true, contentHash: true, archivedAt: true } })).map((c) => [c.id, c]),
  );
  for (const [position, course] of curriculum.courses.entries()) {
    await syncCourse({ prisma, course, position, existing: existingCourses.get(course.id), report, now });
  }
  const courseIds = new Set(curriculum.courses.map((c) => c.id));
  for (const [id, c] of existingCourses) {
    if (!courseIds.has(id) && !c.archivedAt) {
      await prisma.course.update({ where: { id }, data: { archivedAt: now } });
      report.courses.archived++;
    }
  }
  await syncPractice({ prisma, curriculum, report: report.practice, now });
  return report;
}

/** Practice tasks and questions (study mode), one PracticeItem row each, archived when they leave the content. */
async function syncPractice({ prisma, curriculum, report, now }: { prisma: PrismaClient; curriculum: Curriculum; report: Counts; now: Date }) {
  const existing = new Map(
    (await prisma.practiceItem.findMany({ select: { id: true, contentHash: true, archivedAt: true } })).map((item) => [item.id, item]),
  );
  const seen = new Set<string>();
  for (const course of curriculum.courses) {
    const practice = course.practice;
    if (!practice) continue;
    const entries = [
      ...practice.tasks.map((definition) => ({ kind: "task", definition })),
      ...practice.questions.map((definition) => ({ kind: "question", definition })),
    ];
    for (const { kind, definition } of entries) {
      seen.add(definition.id);
      const hash = contentHash(definition);
      const row = existing.get(definition.id);
      const data = { courseId: course.id, lessonSlug: definition.lesson, kind, definition: JSON.parse(JSON.stringify(definition)), contentHash: hash, archivedAt: null };
      if (!row) {
        await prisma.practiceItem.create({ data: { id: definition.id, ...data } });
        report.created++;
      } else if (row.contentHash !== hash || row.archivedAt) {
        await prisma.practiceItem.update({ where: { id: definition.id }, data });
        report.updated++;
      } else report.unchanged++;
    }
  }
  for (const [id, row] of existing) {
    if (!seen.has(id) && !row.archivedAt) {
      await prisma.practiceItem.update({ where: { id }, data: { archivedAt: now } });
      report.archived++;
    }
  }
}

function courseMetadata(course: CourseDef, position: number) {
  return {
    tier: course.tier,
    track: course.track,
    title: course.title,
    summary: course.summary,
    outcomes: course.outcomes,
    durationMinutes: course.durationMinutes,
    languages: course.languages,
    prerequisites: course.prerequisites,
    position,
  };
}

async function syncCourse({
  prisma,
  course,
  position,
  existing,
  report,
  now,
}: {
  prisma: PrismaClient;
  course: CourseDef;
  position: number;
  existing: { contentHash: string; archivedAt: Date | null } | undefined;
  report: SyncReport;
  now: Date;
}) {
  const metadata = courseMetadata(course, position);
  const hash = contentHash({ ...metadata, skills: course.skills });
  if (!existing) {
    await prisma.course.create({ data: { id: course.id, ...metadata, contentHash: hash } });
    await prisma.courseSkill.createMany({ data: course.skills.map((skillId) => ({ courseId: course.id, skillId })) });
    report.courses.created++;
  } else if (existing.contentHash !== hash || existing.archivedAt) {
    await prisma.course.update({ where: { id: course.id }, data: { ...metadata, contentHash: hash, archivedAt: null } });
    await prisma.courseSkill.deleteMany({ where: { courseId: course.id } });
    await prisma.courseSkill.createMany({ data: course.skills.map((skillId) => ({ courseId: course.id, skillId })) });
    report.courses.updated++;
  } else report.courses.unchanged++;

  // Modules
  const existingModules = new Map(
    (
      await prisma.courseModule.findMany({
        where: { courseId: course.id },
        select: { id: true, slug: true, title: true, position: true, archivedAt: true },
      })
    ).map((m) => [m.slug, m]),
  );
  const moduleIds = new Map<string, string>();
  for (const [modulePosition, mod] of course.modules.entries()) {
    const existingModule = existingModules.get(mod.id);
    if (!existingModule) {
      const created = await prisma.courseModule.create({
        data: { courseId: course.id, slug: mod.id, title: mod.title, position: modulePosition },
        select: { id: true },
      });
      moduleIds.set(mod.id, created.id);
      report.modules.created++;
      continue;
    }
    moduleIds.set(mod.id, existingModule.id);
    if (
      contentHash(existingModule.title) !== contentHash(mod.title) ||
      existingModule.position !== modulePosition ||
      existingModule.archivedAt
    ) {
      await prisma.courseModule.update({
        where: { id: existingModule.id },
        data: { title: mod.title, position: modulePosition, archivedAt: null },
      });
      report.modules.updated++;
    } else report.modules.unchanged++;
  }
  for (const [slug, m] of existingModules) {
    if (!moduleIds.has(slug) && !m.archivedAt) {
      await prisma.courseModule.update({ where: { id: m.id }, data: { archivedAt: now } });
      report.modules.archived++;
    }
  }

  // Lessons
  const existingLessons = new Map(
    (
      await prisma.lesson.findMany({
        where: { courseId: course.id },
        select: { id: true, slug: true, contentHash: true, archivedAt: true },
      })
    ).map((l) => [l.slug, l]),
  );
  for (const lesson of course.lessons) {
    const moduleId = moduleIds.get(lesson.moduleId);
    if (!moduleId) continue;
    await syncLesson({ prisma, courseId: course.id, moduleId, lesson, existing: existingLessons.get(lesson.id), report });
  }
  const lessonSlugs = new Set(course.lessons.map((l) => l.id));
  for (const [slug, l] of existingLessons) {
    if (!lessonSlugs.has(slug) && !l.archivedAt) {
      await prisma.lesson.update({ where: { id: l.id }, data: { archivedAt: now } });
      report.lessons.archived++;
    }
  }

  if (course.exam) await syncExam({ prisma, courseId: course.id, exam: course.exam, report });
}

function lessonHash(lesson: LessonDef, moduleId: string) {
  return contentHash({ moduleId, position: lesson.position, translations: lesson.translations });
}

async function syncLesson({
  prisma,
  courseId,
  moduleId,
  lesson,
  existing,
  report,
}: {
  prisma: PrismaClient;
  courseId: string;
  moduleId: string;
  lesson: LessonDef;
  existing: { id: string; contentHash: string; archivedAt: Date | null } | undefined;
  report: SyncReport;
}) {
  const hash = lessonHash(lesson, moduleId);
  if (existing && existing.contentHash === hash && !existing.archivedAt) {
    report.lessons.unchanged++;
    return;
  }
  const translations = Object.values(lesson.translations).filter((t) => t !== undefined);
  const primary = translations[0];
  const data = {
    moduleId,
    position: lesson.position,
    durationMinutes: primary?.durationMinutes ?? 0,
    skills: primary?.skills ?? [],
    contentHash: hash,
    archivedAt: null,
  };
  const lessonId = existing
    ? (await prisma.lesson.update({ where: { id: existing.id }, data, select: { id: true } })).id
    : (await prisma.lesson.create({ data: { courseId, slug: lesson.id, ...data }, select: { id: true } })).id;
  await prisma.lessonTranslation.deleteMany({
    where: { lessonId, language: { notIn: translations.map((t) => t.language) } },
  });
  for (const t of translations) {
    const row = {
      title: t.title,
      summary: t.summary,
      body: t.body,
      sources: t.sources,
      updated: t.updated,
      contentHash: contentHash(t),
    };
    await prisma.lessonTranslation.upsert({
      where: { lessonId_language: { lessonId, language: t.language } },
      create: { lessonId, language: t.language, ...row },
      update: row,
    });
  }
  if (existing) report.lessons.updated++;
  else report.lessons.created++;
}

/**
 * The current version of an exam is the one whose hash matches exam.yaml now (unarchived); every other version of
 * it is archived. Reverting an exam to earlier content makes that earlier version current again.
 */
async function syncExam({ prisma, courseId, exam, report }: { prisma: PrismaClient; courseId: string; exam: ExamDef; report: SyncReport }) {
  const hash = contentHash(exam.raw);
  const same = await prisma.examVersion.findUnique({
    where: { examSlug_contentHash: { examSlug: exam.id, contentHash: hash } },
    select: { id: true, archivedAt: true },
  });
  let currentId: string;
  if (same) {
    currentId = same.id;
    if (same.archivedAt) {
      await prisma.examVersion.update({ where: { id: same.id }, data: { archivedAt: null } });
      report.examVersions.updated++;
    } else report.examVersions.unchanged++;
  } else {
    const latest = await prisma.examVersion.findFirst({
      where: { examSlug: exam.id },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const { raw, ...definition } = exam;
    const created = await prisma.examVersion.create({
      data: {
        courseId,
        examSlug: exam.id,
        version: (latest?.version ?? 0) + 1,
        contentHash: hash,
        definition: JSON.parse(JSON.stringify({ ...definition, source: raw })),
      },
      select: { id: true },
    });
    currentId = created.id;
    report.examVersions.created++;
  }
  const { count } = await prisma.examVersion.updateMany({
    where: { examSlug: exam.id, id: { not: currentId }, archivedAt: null },
    data: { archivedAt: new Date() },
  });
  report.examVersions.archived += count;
}
