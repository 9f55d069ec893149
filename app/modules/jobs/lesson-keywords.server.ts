// The keyword lists grown from the published lessons (lesson-keywords.ts), computed once per process and again
// when the lessons change (their fingerprint).
import type { Lesson, LessonTranslation } from "~/generated/prisma/client";
import { sql } from "~/lib/sql.server";
import { lessonsFingerprint } from "~/modules/catalog/index.server";
import { mineLessonKeywords } from "./lesson-keywords";
import type { SkillKeywords } from "./skill-keywords";

let cached: { fingerprint: string; keywords: Record<string, SkillKeywords> } | null = null;

export async function lessonKeywords(): Promise<Record<string, SkillKeywords>> {
  const fingerprint = await lessonsFingerprint();
  if (cached?.fingerprint === fingerprint) return cached.keywords;
  const lessons = await sql<Pick<Lesson, "skills"> & Pick<LessonTranslation, "language" | "body">>(
    `SELECT l."skills", t."language", t."body" FROM "LessonTranslation" t
     JOIN "Lesson" l ON l."id" = t."lessonId" JOIN "Course" c ON c."id" = l."courseId"
     WHERE l."archivedAt" IS NULL AND c."archivedAt" IS NULL`,
  );
  cached = { fingerprint, keywords: mineLessonKeywords(lessons) };
  return cached.keywords;
}
