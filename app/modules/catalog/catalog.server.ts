import type { Course } from "~/generated/prisma/client";
import { prisma } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { sql } from "~/lib/sql.server";
import type { Role } from "~/modules/accounts/index.server";
import { courseAccess, progressPercent, type CourseAccess } from "./access";
import { chooseLanguage, localized, pickLocalized } from "./localize";
import { renderLessonMarkdown } from "./markdown.server";
import { matchesQuery } from "./search";

/** A course or lesson that does not exist (404), or a course whose prerequisites are not certified yet (403). */
export class CatalogError extends AppError<"not_found" | "course_locked"> {}

type Viewer = { id: string; roles: Role[] } | null;

async function certifiedCourseIds(userId: string | undefined) {
  if (!userId) return new Set<string>();
  const rows = await prisma.certification.findMany({ where: { userId }, select: { courseId: true } });
  return new Set(rows.map((r) => r.courseId));
}

function accessFor(prerequisites: string[], certified: Set<string>, viewer: Viewer): CourseAccess {
  return courseAccess({ prerequisites, certifiedCourseIds: certified, roles: viewer?.roles ?? [] });
}

export type CatalogueFilters = { tier?: number; track?: string; contentLanguage?: string; q?: string };

/** The catalogue by tier, filtered and searched, with each course's lock status and the viewer's progress. */
export async function listCatalogue({ viewer, language, filters }: { viewer: Viewer; language: string; filters: CatalogueFilters }) {
  const [tiers, courses, certified, progress] = await Promise.all([
    prisma.tier.findMany({ where: { archivedAt: null }, select: { level: true, title: true, description: true }, orderBy: { level: "asc" } }),
    prisma.course.findMany({
      where: {
        archivedAt: null,
        ...(filters.tier ? { tier: filters.tier } : {}),
        ...(filters.track ? { track: filters.track } : {}),
        ...(filters.contentLanguage ? { languages: { has: filters.contentLanguage } } : {}),
      },
      select: {
        id: true,
        tier: true,
        track: true,
        title: true,
        summary: true,
        durationMinutes: true,
        languages: true,
        prerequisites: true,
        skills: { select: { skill: { select: { id: true, label: true } } } },
        lessons: { where: { archivedAt: null }, select: { id: true } },
      },
      orderBy: [{ tier: "asc" }, { position: "asc" }],
    }),
    certifiedCourseIds(viewer?.id),
    viewer
      ? prisma.lessonProgress.findMany({
          where: { userId: viewer.id, completedAt: { not: null }, lesson: { archivedAt: null } },
          select: { lesson: { select: { courseId: true } } },
        })
      : Promise.resolve([]),
  ]);
  const doneByCourse = new Map<string, number>();
  for (const p of progress) doneByCourse.set(p.lesson.courseId, (doneByCourse.get(p.lesson.courseId) ?? 0) + 1);
  const titles = new Map(courses.map((c) => [c.id, localized(c.title, language)]));

  const items = courses
    .filter((c) => {
      if (!filters.q) return true;
      const haystack = [c.title, c.summary, ...c.skills.map((s) => s.skill.label)]
        .flatMap((v) => (v && typeof v === "object" ? Object.values(v) : []))
        .join(" ");
      return matchesQuery(haystack, filters.q);
    })
    .map((c) => {
      const done = doneByCourse.get(c.id) ?? 0;
      const access = accessFor(c.prerequisites, certified, viewer);
      return {
        id: c.id,
        tier: c.tier,
        track: c.track,
        title: localized(c.title, language),
        summary: localized(c.summary, language),
        durationMinutes: c.durationMinutes,
        languages: c.languages,
        lessonCount: c.lessons.length,
        skills: c.skills.map((s) => ({ id: s.skill.id, label: localized(s.skill.label, language) })),
        access: access.status,
        missing: access.status === "locked" ? access.missing.map((id) => ({ id, title: titles.get(id) ?? id })) : [],
        progress: progressPercent(done, c.lessons.length),
      };
    });
  return {
    tiers: tiers.map((t) => ({ level: t.level, title: localized(t.title, language), description: localized(t.description, language) })),
    courses: items,
    tracks: [...new Set(courses.map((c) => c.track).filter((t): t is string => Boolean(t)))],
  };
}

/** One course: outcomes, skills, modules with lessons (done marks), prerequisites and where to resume. */
export async function getCourseDetail({ courseId, viewer, language }: { courseId: string; viewer: Viewer; language: string }) {
  const course = await prisma.course.findFirst({
    where: { id: courseId, archivedAt: null },
    select: {
      id: true,
      tier: true,
      track: true,
      title: true,
      summary: true,
      outcomes: true,
      durationMinutes: true,
      languages: true,
      prerequisites: true,
      skills: { select: { skill: { select: { id: true, label: true, description: true, esco: true } } } },
      modules: {
        where: { archivedAt: null },
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          lessons: {
            where: { archivedAt: null },
            orderBy: { position: "asc" },
            select: {
              id: true,
              slug: true,
              durationMinutes: true,
              translations: { select: { language: true, title: true } },
              progress: viewer ? { where: { userId: viewer.id }, select: { completedAt: true } } : false,
            },
          },
        },
      },
      enrolments: viewer ? { where: { userId: viewer.id }, select: { enrolledAt: true, lastLessonId: true } } : false,
      _count: { select: { examVersions: { where: { archivedAt: null } } } },
    },
  });
  if (!course) throw new CatalogError("not_found", 404);
  const [certified, prerequisiteCourses] = await Promise.all([
    certifiedCourseIds(viewer?.id),
    prisma.course.findMany({ where: { id: { in: course.prerequisites } }, select: { id: true, title: true } }),
  ]);
  const access = accessFor(course.prerequisites, certified, viewer);
  const lessons = course.modules.flatMap((m) => m.lessons);
  const done = lessons.filter((l) => l.progress?.[0]?.completedAt).length;
  const enrolment = course.enrolments?.[0] ?? null;
  const resume = lessons.find((l) => l.id === enrolment?.lastLessonId) ?? lessons.find((l) => !l.progress?.[0]?.completedAt) ?? lessons[0];
  return {
    id: course.id,
    tier: course.tier,
    track: course.track,
    title: localized(course.title, language),
    summary: localized(course.summary, language),
    outcomes: Array.isArray(course.outcomes) ? course.outcomes.map((o) => localized(o, language)) : [],
    durationMinutes: course.durationMinutes,
    languages: course.languages,
    isAvailableInLanguage: course.languages.includes(language),
    skills: course.skills.map(({ skill }) => ({
      id: skill.id,
      label: localized(skill.label, language),
      description: localized(skill.description, language),
      esco: skill.esco,
    })),
    prerequisites: prerequisiteCourses.map((p) => ({ id: p.id, title: localized(p.title, language), held: certified.has(p.id) })),
    access: access.status,
    hasExam: course._count.examVersions > 0,
    isEnrolled: Boolean(enrolment),
    progress: progressPercent(done, lessons.length),
    doneCount: done,
    lessonCount: lessons.length,
    resumeSlug: resume?.slug ?? null,
    modules: course.modules.map((m) => ({
      id: m.id,
      title: localized(m.title, language),
      lessons: m.lessons.map((l) => {
        const chosen = chooseLanguage(
          l.translations.map((t) => t.language),
          language,
        );
        return {
          slug: l.slug,
          title: l.translations.find((t) => t.language === chosen?.language)?.title ?? l.slug,
          durationMinutes: l.durationMinutes,
          isDone: Boolean(l.progress?.[0]?.completedAt),
        };
      }),
    })),
  };
}

/**
 * Throws 404 for an unknown course and 403 with the reason when the viewer may not open its lessons or exam.
 * One plain-SQL round trip: starting an exam asks it under load (app/lib/sql.server.ts).
 */
export async function requireCourseOpen({ courseId, viewer }: { courseId: string; viewer: NonNullable<Viewer> }) {
  const [course] = await sql<Pick<Course, "prerequisites"> & { certified: string[] }>(
    `SELECT c."prerequisites",
            ARRAY(SELECT x."courseId" FROM "Certification" x WHERE x."userId" = $2 AND x."courseId" = ANY(c."prerequisites")) AS "certified"
     FROM "Course" c WHERE c."id" = $1 AND c."archivedAt" IS NULL`,
    [courseId, viewer.id],
  );
  if (!course) throw new CatalogError("not_found", 404);
  const access = accessFor(course.prerequisites, new Set(course.certified), viewer);
  if (access.status === "locked") throw new CatalogError("course_locked", 403);
  return access;
}

/** Enrols the learner (idempotent); returns the lesson to open: where they left off, else the first not done. */
export async function enrolInCourse({ courseId, viewer }: { courseId: string; viewer: NonNullable<Viewer> }) {
  await requireCourseOpen({ courseId, viewer });
  const enrolment = await prisma.enrolment.upsert({
    where: { userId_courseId: { userId: viewer.id, courseId } },
    create: { userId: viewer.id, courseId },
    update: {},
    select: { lastLessonId: true },
  });
  const lessons = await prisma.lesson.findMany({
    where: { courseId, archivedAt: null },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, progress: { where: { userId: viewer.id }, select: { completedAt: true } } },
  });
  const resume =
    lessons.find((l) => l.id === enrolment.lastLessonId) ?? lessons.find((l) => !l.progress[0]?.completedAt) ?? lessons[0];
  return { resumeSlug: resume?.slug ?? null };
}

/**
 * The lesson player: the lesson in the reader's language or the best available one (flagged), its neighbours,
 * the course progress; records the visit for "resume where I left off" (and enrols on first visit).
 */
export async function openLesson({
  courseId,
  lessonSlug,
  viewer,
  language,
}: {
  courseId: string;
  lessonSlug: string;
  viewer: NonNullable<Viewer>;
  language: string;
}) {
  const access = await requireCourseOpen({ courseId, viewer });
  const lessons = await prisma.lesson.findMany({
    where: { courseId, archivedAt: null, module: { archivedAt: null } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      durationMinutes: true,
      module: { select: { title: true } },
      translations: { select: { language: true, title: true } },
      progress: { where: { userId: viewer.id }, select: { completedAt: true } },
    },
  });
  const index = lessons.findIndex((l) => l.slug === lessonSlug);
  if (index < 0) throw new CatalogError("not_found", 404);
  const lesson = lessons[index];
  const chosen = chooseLanguage(
    lesson.translations.map((t) => t.language),
    language,
  );
  if (!chosen) throw new CatalogError("not_found", 404);
  const [translation, course, allSlugs] = await Promise.all([
    prisma.lessonTranslation.findUniqueOrThrow({
      where: { lessonId_language: { lessonId: lesson.id, language: chosen.language } },
      select: { title: true, summary: true, body: true, sources: true, updated: true },
    }),
    prisma.course.findUniqueOrThrow({ where: { id: courseId }, select: { title: true } }),
    prisma.lesson.findMany({ where: { archivedAt: null }, select: { slug: true, courseId: true } }),
  ]);

  const now = new Date();
  await prisma.lessonProgress.upsert({
    where: { userId_lessonId: { userId: viewer.id, lessonId: lesson.id } },
    create: { userId: viewer.id, lessonId: lesson.id },
    update: { lastViewedAt: now },
  });
  await prisma.enrolment.upsert({
    where: { userId_courseId: { userId: viewer.id, courseId } },
    create: { userId: viewer.id, courseId, lastLessonId: lesson.id, lastViewedAt: now },
    update: { lastLessonId: lesson.id, lastViewedAt: now },
  });

  const html = renderLessonMarkdown({
    body: translation.body,
    resolveLesson: (slug) => {
      if (lessons.some((l) => l.slug === slug)) return `/courses/${courseId}/${slug}`;
      const elsewhere = allSlugs.filter((l) => l.slug === slug);
      return elsewhere.length === 1 ? `/courses/${elsewhere[0].courseId}/${slug}` : null;
    },
  });
  const done = lessons.filter((l) => l.progress[0]?.completedAt).length;
  const neighbour = (l: (typeof lessons)[number] | undefined) =>
    l ? { slug: l.slug, title: l.translations.find((t) => t.language === chooseLanguage(l.translations.map((x) => x.language), language)?.language)?.title ?? l.slug } : null;
  return {
    courseId,
    courseTitle: localized(course.title, language),
    moduleTitle: pickLocalized(lesson.module.title, language).text,
    slug: lesson.slug,
    title: translation.title,
    summary: translation.summary,
    html,
    sources: Array.isArray(translation.sources) ? translation.sources : [],
    updated: translation.updated,
    durationMinutes: lesson.durationMinutes,
    shownLanguage: chosen.language,
    isFallback: chosen.isFallback,
    isDone: Boolean(lesson.progress[0]?.completedAt),
    isPreview: access.status === "preview",
    position: index + 1,
    lessonCount: lessons.length,
    progress: progressPercent(done, lessons.length),
    previous: neighbour(lessons[index - 1]),
    next: neighbour(lessons[index + 1]),
  };
}

/** Marks a lesson done or not done for the learner. */
export async function setLessonDone({
  courseId,
  lessonSlug,
  viewer,
  isDone,
}: {
  courseId: string;
  lessonSlug: string;
  viewer: NonNullable<Viewer>;
  isDone: boolean;
}) {
  await requireCourseOpen({ courseId, viewer });
  const lesson = await prisma.lesson.findFirst({ where: { courseId, slug: lessonSlug, archivedAt: null }, select: { id: true } });
  if (!lesson) throw new CatalogError("not_found", 404);
  await prisma.lessonProgress.upsert({
    where: { userId_lessonId: { userId: viewer.id, lessonId: lesson.id } },
    create: { userId: viewer.id, lessonId: lesson.id, completedAt: isDone ? new Date() : null },
    update: { completedAt: isDone ? new Date() : null },
  });
}

/** The learner's dashboard: enrolled courses with progress and the lesson to resume. */
export async function listMyCourses({ userId, language }: { userId: string; language: string }) {
  const enrolments = await prisma.enrolment.findMany({
    where: { userId, course: { archivedAt: null } },
    orderBy: [{ lastViewedAt: { sort: "desc", nulls: "last" } }, { enrolledAt: "desc" }],
    select: {
      lastLessonId: true,
      course: {
        select: {
          id: true,
          tier: true,
          title: true,
          lessons: {
            where: { archivedAt: null },
            orderBy: { position: "asc" },
            select: { id: true, slug: true, progress: { where: { userId }, select: { completedAt: true } } },
          },
        },
      },
    },
  });
  return enrolments.map(({ course, lastLessonId }) => {
    const done = course.lessons.filter((l) => l.progress[0]?.completedAt).length;
    const resume = course.lessons.find((l) => l.id === lastLessonId) ?? course.lessons.find((l) => !l.progress[0]?.completedAt) ?? course.lessons[0];
    return {
      id: course.id,
      tier: course.tier,
      title: localized(course.title, language),
      progress: progressPercent(done, course.lessons.length),
      doneCount: done,
      lessonCount: course.lessons.length,
      resumeSlug: resume?.slug ?? null,
    };
  });
}
