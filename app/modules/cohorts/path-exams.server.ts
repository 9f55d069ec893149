import { prisma } from "~/lib/db.server";
import { localized } from "~/modules/catalog/index.server";

/** The current exam of each course (its slug and the course title in `language`), in the given course order. */
export async function listPathExams({ courseIds, language }: { courseIds: string[]; language: string }) {
  if (courseIds.length === 0) return [];
  const [versions, courses] = await Promise.all([
    prisma.examVersion.findMany({
      where: { courseId: { in: courseIds }, archivedAt: null },
      orderBy: { version: "desc" },
      distinct: ["courseId"],
      select: { id: true, courseId: true, examSlug: true },
    }),
    prisma.course.findMany({ where: { id: { in: courseIds } }, select: { id: true, title: true } }),
  ]);
  return courseIds.flatMap((courseId) => {
    const version = versions.find((v) => v.courseId === courseId);
    const course = courses.find((c) => c.id === courseId);
    if (!version || !course) return [];
    return [{ courseId, examSlug: version.examSlug, versionId: version.id, title: localized(course.title, language) || courseId }];
  });
}
