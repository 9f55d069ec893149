import type { ExamVersion } from "~/generated/prisma/client";
import { sql } from "~/lib/sql.server";
import { parseStoredExam, type StoredExam } from "./definition";

// An exam version never changes once written (an edit creates a new version), so its parsed definition is kept in
// memory instead of being read and parsed on every request. Which version is current is asked every time: a
// content sync in another process (npm run content:sync) may add one.
const parsed = new Map<string, StoredExam>();

/** The parsed definition of an exam version (cached), or null when it does not exist or no longer parses. */
export async function getStoredExam(examVersionId: string): Promise<StoredExam | null> {
  const cached = parsed.get(examVersionId);
  if (cached) return cached;
  const [row] = await sql<Pick<ExamVersion, "definition">>(`SELECT "definition" FROM "ExamVersion" WHERE "id" = $1`, [examVersionId]);
  const exam = row ? parseStoredExam(row.definition) : null;
  if (exam) parsed.set(examVersionId, exam);
  return exam;
}

/** The current (unarchived, newest) version of a course's exam, or null when the course has none. */
export async function findCurrentExamVersion(courseId: string) {
  const [row] = await sql<Pick<ExamVersion, "id" | "examSlug">>(
    `SELECT "id", "examSlug" FROM "ExamVersion" WHERE "courseId" = $1 AND "archivedAt" IS NULL ORDER BY "version" DESC LIMIT 1`,
    [courseId],
  );
  if (!row) return null;
  const exam = await getStoredExam(row.id);
  return exam ? { versionId: row.id, examSlug: row.examSlug, exam } : null;
}
