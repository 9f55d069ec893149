// Output of `npm run content:check` (scripts/content-check.ts), also used where sync reports invalid content.
import { CONTENT_LANGUAGES, type ContentProblem, type Curriculum } from "./types";

/** One `file:line: message` per problem, the format editors and CI logs turn into links. */
export function formatProblems(problems: readonly ContentProblem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join("\n");
}

/** e.g. `content: 6 courses, 36 lessons (fr 36, ar 6, en 36 translations), 236 exam items — 0 problems` */
export function formatSummary(curriculum: Curriculum, problems: readonly ContentProblem[]): string {
  const lessons = curriculum.courses.flatMap((course) => course.lessons);
  const translations = CONTENT_LANGUAGES.map(
    (language) => `${language} ${lessons.filter((lesson) => lesson.translations[language]).length}`,
  ).join(", ");
  const items = curriculum.courses.reduce((sum, course) => sum + (course.exam?.items.length ?? 0), 0);
  const problemCount = `${problems.length} ${problems.length === 1 ? "problem" : "problems"}`;
  const privateBanks = curriculum.courses.filter((course) => course.exam?.isPrivate).length;
  const banks = privateBanks > 0 ? ` (${privateBanks} from private banks)` : "";
  return `content: ${curriculum.courses.length} courses, ${lessons.length} lessons (${translations} translations), ${items} exam items${banks} — ${problemCount}`;
}
