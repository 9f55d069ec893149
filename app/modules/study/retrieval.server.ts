// The tutor's retrieval over every published lesson, split by section (lesson-sections.ts).
//
// Decision (docs/decisions/021-study-mode-retrieval-model-integrity.md): an inverted index kept in two ordinary
// tables, StudyPassage and StudyTerm, filled by PostgreSQL's own text search (to_tsvector with the
// french/arabic/english Snowball configurations, after text.ts's normalisation), and ranked with BM25 in one SQL
// statement. It runs identically on PostgreSQL and on the embedded PGlite (no extension needed), and BM25's inverse
// document frequency lets rare, telling words ("CNDP", "hallucination") outweigh the words every lesson uses ("AI"),
// which ts_rank does not. Embeddings are not used: the full-text default stands alone (pgvector is not in PGlite).
import type { Course, Lesson, LessonTranslation, StudyIndexState, StudyPassage } from "~/generated/prisma/client";
import { sql, sqlTransaction } from "~/lib/sql.server";
import { LESSONS_FINGERPRINT_SQL } from "~/modules/catalog/index.server";
import { isSelfCheckSection, markdownToPlainText, splitLessonSections } from "~/modules/catalog/index.server";
import type { ContentLanguage } from "~/modules/catalog/index.server";
import { prepareForIndex, SEARCH_CONFIG } from "./text";

export type Passage = {
  id: string;
  courseId: string;
  lessonId: string;
  language: ContentLanguage;
  anchor: string;
  heading: string;
  lessonTitle: string;
  /** Plain text: what the API returns as `excerpt` and what the model receives. */
  text: string;
  score: number;
};

/** Sections longer than this many words are indexed in parts, so a passage stays quotable. */
const MAX_PASSAGE_WORDS = 180;
// BM25's usual constants; a word in the lesson title or section heading counts once more, at 60 %.
const K1 = 1.2;
const B = 0.75;
const HEADING_BONUS = 0.6;

// ---------------------------------------------------------------------------------------------------------------
// Index

// A StudyPassage as inserted below ("length" is computed afterwards from its terms).
type PassageRow = Pick<StudyPassage, "id" | "courseId" | "lessonSlug" | "language" | "position" | "anchor" | "heading" | "lessonTitle" | "text">;

/** Splits a section's plain text into parts of at most MAX_PASSAGE_WORDS words, at line ends where possible. */
export function chunkLines(text: string, maxWords = MAX_PASSAGE_WORDS): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const line of text.split("\n")) {
    const count = line.split(/\s+/).filter(Boolean).length;
    if (words > 0 && words + count > maxWords) {
      parts.push(current.join("\n"));
      current = [];
      words = 0;
    }
    current.push(line);
    words += count;
  }
  if (current.length > 0) parts.push(current.join("\n"));
  return parts.filter((part) => part.trim() !== "");
}


let checkedAt = 0;
let checking: Promise<void> | null = null;
/** How often a process re-checks that the index matches the lessons (content is synced at start-up). */
const RECHECK_MS = 60_000;

/**
 * Makes sure the index matches the published lessons; rebuilds it when they changed. Cheap when up to date (one
 * aggregate over the lesson hashes, at most once a minute per process); every search calls it.
 */
export async function ensureStudyIndex({ force = false }: { force?: boolean } = {}) {
  if (!force && Date.now() - checkedAt < RECHECK_MS) return;
  checking ??= rebuildIfStale().finally(() => {
    checking = null;
  });
  await checking;
  checkedAt = Date.now();
}

async function rebuildIfStale() {
  const [current] = await sql<{ fingerprint: string }>(LESSONS_FINGERPRINT_SQL);
  const [state] = await sql<Pick<StudyIndexState, "fingerprint">>(`SELECT "fingerprint" FROM "StudyIndexState" WHERE "id" = 1`);
  if (current && state && state.fingerprint === current.fingerprint) return;
  await rebuildStudyIndex({ force: false });
}

/** Rebuilds the whole index from the published lesson translations (about a second for the 108 translations). */
export async function rebuildStudyIndex({ force = true }: { force?: boolean } = {}) {
  const translations = await sql<{ courseId: Course["id"] } & Pick<Lesson, "slug"> & Pick<LessonTranslation, "language" | "title" | "body">>(
    `SELECT c."id" AS "courseId", l."slug", t."language", t."title", t."body"
     FROM "LessonTranslation" t JOIN "Lesson" l ON l."id" = t."lessonId" JOIN "Course" c ON c."id" = l."courseId"
     WHERE l."archivedAt" IS NULL AND c."archivedAt" IS NULL
     ORDER BY c."id", l."slug", t."language"`,
  );
  const rows: PassageRow[] = [];
  for (const t of translations) {
    if (!(t.language in SEARCH_CONFIG)) continue;
    for (const section of splitLessonSections(t.body)) {
      if (isSelfCheckSection(section)) continue;
      const parts = chunkLines(markdownToPlainText(section.markdown));
      parts.forEach((text, part) => {
        rows.push({
          id: `${t.courseId}/${t.slug}/${t.language}/${section.index}.${part + 1}`,
          courseId: t.courseId,
          lessonSlug: t.slug,
          language: t.language,
          position: section.index * 100 + part,
          anchor: section.anchor,
          heading: section.heading,
          lessonTitle: t.title,
          text,
        });
      });
    }
  }
  const language = (row: PassageRow) => row.language as ContentLanguage;
  await sqlTransaction(async (client) => {
    // One builder at a time across processes; the others find the fresh fingerprint afterwards.
    await client.query(`SELECT pg_advisory_xact_lock(727301)`);
    const [current] = (await client.query<{ fingerprint: string }>(LESSONS_FINGERPRINT_SQL)).rows;
    const [built] = (await client.query<Pick<StudyIndexState, "fingerprint">>(`SELECT "fingerprint" FROM "StudyIndexState" WHERE "id" = 1`)).rows;
    // Another process rebuilt it from the same lessons while this one waited for the lock.
    if (!force && built && current && built.fingerprint === current.fingerprint) return;
    await client.query(`DELETE FROM "StudyPassage"`);
    await client.query(
      `INSERT INTO "StudyPassage" ("id", "courseId", "lessonSlug", "language", "position", "anchor", "heading", "lessonTitle", "text", "length")
       SELECT * , 0 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.courseId),
        rows.map((r) => r.lessonSlug),
        rows.map((r) => r.language),
        rows.map((r) => r.position),
        rows.map((r) => r.anchor),
        rows.map((r) => r.heading),
        rows.map((r) => r.lessonTitle),
        rows.map((r) => r.text),
      ],
    );
    await client.query(
      `INSERT INTO "StudyTerm" ("passageId", "language", "lexeme", "tf", "inHeading")
       SELECT s.id, s.lang, u.lexeme, coalesce(array_length(u.positions, 1), 1), 'A' = ANY(u.weights)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS s(id, lang, cfg, head, body),
            LATERAL unnest(setweight(to_tsvector(s.cfg::regconfig, s.head), 'A') || to_tsvector(s.cfg::regconfig, s.body)) AS u`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.language),
        rows.map((r) => SEARCH_CONFIG[language(r)]),
        rows.map((r) => prepareForIndex(`${r.lessonTitle}\n${r.heading}`, language(r))),
        rows.map((r) => prepareForIndex(r.text, language(r))),
      ],
    );
    await client.query(
      `UPDATE "StudyPassage" p SET "length" = x.n FROM (SELECT "passageId", sum("tf")::int AS n FROM "StudyTerm" GROUP BY "passageId") x WHERE x."passageId" = p."id"`,
    );
    await client.query(
      `INSERT INTO "StudyIndexState" ("id", "fingerprint", "builtAt") VALUES (1, $1, now())
       ON CONFLICT ("id") DO UPDATE SET "fingerprint" = EXCLUDED."fingerprint", "builtAt" = EXCLUDED."builtAt"`,
      [current?.fingerprint ?? ""],
    );
  });
  return { passages: rows.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Search

const SEARCH_SQL = `
  WITH q AS (SELECT DISTINCT u.lexeme FROM unnest(to_tsvector($2::regconfig, $1)) AS u),
  stats AS (SELECT count(*)::float8 AS n, greatest(avg("length"), 1)::float8 AS avglen FROM "StudyPassage" WHERE "language" = $3),
  df AS (
    SELECT t."lexeme", ln(1 + (stats.n - count(*) + 0.5) / (count(*) + 0.5)) AS idf
    FROM "StudyTerm" t JOIN q ON q.lexeme = t."lexeme" CROSS JOIN stats
    WHERE t."language" = $3 GROUP BY t."lexeme", stats.n
  )
  SELECT p."id", p."courseId", p."lessonSlug", p."language", p."anchor", p."heading", p."lessonTitle", p."text",
         sum(df.idf * (t."tf" * ${K1 + 1}) / (t."tf" + ${K1} * (${1 - B} + ${B} * p."length" / stats.avglen))
             + CASE WHEN t."inHeading" THEN ${HEADING_BONUS} * df.idf ELSE 0 END)::float8 AS "score"
  FROM df
  JOIN "StudyTerm" t ON t."lexeme" = df."lexeme" AND t."language" = $3
  JOIN "StudyPassage" p ON p."id" = t."passageId"
  CROSS JOIN stats
  GROUP BY p."id"
  ORDER BY "score" DESC, p."id"
  LIMIT $4`;

type SearchRow = Pick<StudyPassage, "id" | "courseId" | "lessonSlug" | "language" | "anchor" | "heading" | "lessonTitle" | "text"> & { score: number };

const toPassage = (row: SearchRow): Passage => ({
  id: row.id,
  courseId: row.courseId,
  lessonId: row.lessonSlug,
  language: row.language as ContentLanguage,
  anchor: row.anchor,
  heading: row.heading,
  lessonTitle: row.lessonTitle,
  text: row.text,
  score: row.score,
});

/** At most this many passages of one lesson among the results, so three results show up to three lessons. */
const PER_LESSON = 2;

/**
 * The passages that best answer `query`, best first, in `language`'s lessons. When fewer than `minimum` passages
 * match, the best lesson's other sections fill the list (the API promises at least 3 when any lesson matches).
 */
export async function searchPassages({
  query,
  language,
  limit = 5,
  minimum = 3,
  courseId,
}: {
  query: string;
  language: ContentLanguage;
  limit?: number;
  minimum?: number;
  /** Passages of this course first (a question asked from a course or lesson page). */
  courseId?: string;
}): Promise<Passage[]> {
  await ensureStudyIndex();
  const prepared = prepareForIndex(query, language);
  if (!prepared) return [];
  const rows = await sql<SearchRow>(SEARCH_SQL, [prepared, SEARCH_CONFIG[language], language, 40]);
  const ranked = rows.map(toPassage);
  if (courseId) {
    // A gentle preference, not a filter: a better passage elsewhere still shows.
    for (const p of ranked) if (p.courseId === courseId) p.score *= 1.25;
    ranked.sort((a, b) => b.score - a.score);
  }
  const chosen: Passage[] = [];
  const perLesson = new Map<string, number>();
  for (const passage of ranked) {
    const key = `${passage.courseId}/${passage.lessonId}`;
    if ((perLesson.get(key) ?? 0) >= PER_LESSON) continue;
    perLesson.set(key, (perLesson.get(key) ?? 0) + 1);
    chosen.push(passage);
    if (chosen.length === limit) break;
  }
  const best = chosen[0];
  if (best && chosen.length < minimum) {
    const more = await sql<SearchRow>(
      `SELECT "id", "courseId", "lessonSlug", "language", "anchor", "heading", "lessonTitle", "text", 0::float8 AS "score"
       FROM "StudyPassage" WHERE "courseId" = $1 AND "lessonSlug" = $2 AND "language" = $3 AND NOT ("id" = ANY($4::text[]))
       ORDER BY "position" LIMIT $5`,
      [best.courseId, best.lessonId, language, chosen.map((p) => p.id), minimum - chosen.length],
    );
    chosen.push(...more.map(toPassage));
  }
  return chosen;
}
