// One fingerprint of the published lessons (ids, languages, content hashes): derived data built from the lessons
// (the study index, the keyword lists grown from lessons) is rebuilt when it changes.
import { sql } from "~/lib/sql.server";

export const LESSONS_FINGERPRINT_SQL = `
  SELECT coalesce(md5(string_agg(c."id" || '/' || l."slug" || '/' || t."language" || '/' || t."contentHash", ',' ORDER BY c."id", l."slug", t."language")), '') AS "fingerprint"
  FROM "LessonTranslation" t JOIN "Lesson" l ON l."id" = t."lessonId" JOIN "Course" c ON c."id" = l."courseId"
  WHERE l."archivedAt" IS NULL AND c."archivedAt" IS NULL`;

export async function lessonsFingerprint() {
  const [row] = await sql<{ fingerprint: string }>(LESSONS_FINGERPRINT_SQL);
  return row?.fingerprint ?? "";
}
