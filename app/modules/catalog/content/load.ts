// Loads the curriculum from content/ (format: content/FORMAT.md) and validates it.
// Every problem carries the file (relative to the content root, forward slashes) and the 1-based line of the
// offending node, so `npm run content:check` prints `file:line: message` lines an editor can jump to.
// Zod schemas check the shape of each file; the code here checks how entries and files relate to each other.
// Framework-free on purpose: the CLI, the tests and the catalogue import all use it.
import path from "node:path";
import { z } from "zod";
import { optionLetterReferences } from "./explanations";
import { checkGlossary } from "./glossary";
import { scanMarkdown } from "./lesson-markdown";
import { checkPractice, loadPractice } from "./practice";
import { bool, byKey, describe, fieldsOf, ifValid, int, isLanguage, isRecord, kebabId, knownId, list } from "./schema";
import { localized, localizedOf, mapping, must, NAMES_LIST, num, oneOf, root, skillIds, text, unknownSkill } from "./schema";
import { CONTENT_LANGUAGES, type ContentLanguage, type ContentProblem, type CourseDef, type Curriculum } from "./types";
import type { ExamDef, ExamItemDef, LessonDef, LessonTranslation, Localized, SkillDef, TierDef } from "./types";
import { listDir, loadYamlFile, parseYaml, phrase, readText, stripBom } from "./yaml-file";
import type { Naming, Path, Problems, YamlFile } from "./yaml-file";

export { scanMarkdown, type MarkdownScan } from "./lesson-markdown";

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary fixed by FORMAT.md

/** FORMAT.md lists the job tracks; a new track is added there and here. */
const TRACKS = ["public-services", "agriculture", "tourism", "language-data"] as const;
const ITEM_TYPES = ["single", "multiple", "true_false", "numeric", "short_text", "ordering", "matching", "open"] as const;
ITEM_TYPES satisfies readonly ExamItemDef["type"][];
type ItemType = ExamItemDef["type"];
const LESSON_FILE = /^(.+)\.([^.]+)\.md$/;

const escoUri = text.refine((uri) => uri.startsWith("http://data.europa.eu/esco/"), {
  error: (issue) => `must be an ESCO URI (http://data.europa.eu/esco/…), got ${JSON.stringify(issue.input)}`,
  ...ifValid,
});

const isoDate = z
  .string(must("a date written YYYY-MM-DD"))
  .refine(
    (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    must("a date written YYYY-MM-DD"),
  );

/** A date and time with an explicit time zone, e.g. 2027-01-15T09:00:00+01:00 (kept in ISO form). */
const dateTimeMust = must("a date and time with a time zone, e.g. 2027-01-15T09:00:00+01:00");
const dateTime = z
  .string(dateTimeMust)
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
    dateTimeMust,
  )
  .transform((value) => new Date(value).toISOString());

const httpUrl = text.refine((url) => isExternalUrl(url, false), { ...must("an absolute http(s) URL"), ...ifValid });

function isExternalUrl(destination: string, allowMailto = true): boolean {
  if (allowMailto && /^mailto:[^\s@]+@[^\s@]+$/i.test(destination)) return true;
  try {
    const url = new URL(destination);
    return (url.protocol === "https:" || url.protocol === "http:") && /^https?:\/\//i.test(destination);
  } catch {
    return false;
  }
}

// A value as an id, when it is a valid one.
const idOf = (value: unknown) => kebabId.safeParse(value).data;

// ---------------------------------------------------------------------------------------------------------------
// skills.yaml and tiers.yaml: shared by every course, so every interface language is required.

const SKILL = mapping({
  id: kebabId,
  label: localized(CONTENT_LANGUAGES),
  description: localized(CONTENT_LANGUAGES),
  esco: escoUri.nullish(),
});

const TIER = mapping({
  level: int(1, 3),
  id: kebabId,
  title: localized(CONTENT_LANGUAGES),
  description: localized(CONTENT_LANGUAGES),
});

const SKILLS_NAMING: Naming = { entries: { skills: "skill" } };
const TIERS_NAMING: Naming = { entries: { tiers: "tier" } };

function readSkills(file: YamlFile): SkillDef[] {
  file.check(root({ skills: list(SKILL, 1) }));
  return file.entries(["skills"]).flatMap(({ value }) => {
    const { id, label, description, esco } = fieldsOf(SKILL, value);
    return id ? [{ id, label: label ?? {}, description: description ?? {}, esco: esco ?? null }] : [];
  });
}

function readTiers(file: YamlFile): TierDef[] {
  // A level repeated under two ids would make a course's `tier: n` ambiguous.
  file.repeats([["tiers"]], (level) => `duplicate tier level "${level}"`, "level");
  file.check(root({ tiers: list(TIER, 1) }));
  return file.entries(["tiers"]).flatMap(({ value }) => {
    const { level, id, title, description } = fieldsOf(TIER, value);
    return id && level ? [{ level: level as TierDef["level"], id, title: title ?? {}, description: description ?? {} }] : [];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// course.yaml

type Refs = {
  /** Null when skills.yaml could not be read: unknown-skill checks are then skipped rather than flood the output. */
  skills: ReadonlySet<string> | null;
  /** Null when tiers.yaml could not be read. */
  tierLevels: ReadonlySet<number> | null;
};

/** An id and the line that names it, for problems found once every course is loaded. */
type IdLine = { id: string; line: number };

type CourseMeta = {
  def: Omit<CourseDef, "lessons" | "exam">;
  idLine: number;
  prerequisites: IdLine[];
  /** Lesson ids in course order (module order, then order within the module). */
  lessons: Array<IdLine & { moduleId: string }>;
};

const COURSE_NAMING: Naming = { entries: { modules: "module" } };

const languageCode = z.custom<ContentLanguage>(isLanguage, {
  error: (issue) => `unknown language ${describe(issue.input)} (expected ${CONTENT_LANGUAGES.join(", ")})`,
  params: NAMES_LIST,
});

const moduleSchema = (languages: readonly ContentLanguage[]) =>
  mapping({ id: kebabId, title: localized(languages), lessons: list(kebabId, 1) });

function courseSchema(languages: readonly ContentLanguage[], refs: Refs) {
  return root({
    id: kebabId,
    tier: int(1, 3),
    track: oneOf(TRACKS).nullish(),
    title: localized(languages),
    summary: localized(languages),
    outcomes: list(localized(languages), 1),
    skills: skillIds(refs.skills),
    duration_minutes: int(1),
    languages: list(languageCode, 1),
    prerequisites: list(kebabId),
    modules: list(moduleSchema(languages), 1),
  });
}

function readCourse(file: YamlFile, folder: string, refs: Refs): CourseMeta | undefined {
  // Translations are required in the course's languages: without a usable list, none are (that one problem is enough).
  const languages = [...new Set(file.list(["languages"]).filter(isLanguage))];
  const schema = courseSchema(languages, refs);
  file.repeats([["languages"]], (id) => `languages: duplicate language "${id}"`);
  file.repeats([["skills"]], (id) => `skills: duplicate skill "${id}"`);
  file.repeats([["prerequisites"]], (id) => `prerequisites: duplicate prerequisite "${id}"`);
  // Lesson ids are unique across the whole course, not just within a module.
  file.repeats(file.entries(["modules"]).map(({ at }) => [...at, "lessons"]), (id) => `duplicate lesson id "${id}"`);
  file.check(schema);
  const course = fieldsOf(schema, file.data);
  if (course.id && course.id !== folder) {
    file.report(["id"], `course id "${course.id}" does not match its folder "courses/${folder}"`);
  }
  if (course.tier && refs.tierLevels && !refs.tierLevels.has(course.tier)) {
    file.report(["tier"], `tier ${course.tier} is not defined in tiers.yaml`);
  }
  checkTrack(file, course.tier);
  const lessons: CourseMeta["lessons"] = [];
  const modules = readModules(file, languages, lessons);
  const prerequisites = file.entries(["prerequisites"]).flatMap(({ value, at }) => {
    const id = idOf(value);
    return id ? [{ id, line: file.lineOf(at) }] : [];
  });
  // Without a usable id or tier the course cannot be placed in the catalogue at all.
  if (!course.id || !course.tier) return undefined;
  const def = {
    id: course.id,
    dir: `courses/${folder}`,
    tier: course.tier as CourseDef["tier"],
    track: course.track ?? null,
    title: course.title ?? {},
    summary: course.summary ?? {},
    outcomes: course.outcomes ?? [],
    skills: [...new Set(course.skills)],
    durationMinutes: course.duration_minutes ?? 0,
    languages,
    prerequisites: prerequisites.map((prerequisite) => prerequisite.id),
    modules,
  };
  return { def, idLine: file.lineOf(["id"]), prerequisites, lessons };
}

/** `track` names the job track of a tier 3 course and must be absent or null below tier 3. */
function checkTrack(file: YamlFile, tier: number | undefined) {
  const course = isRecord(file.data) ? file.data : {};
  const given = course.track !== undefined && course.track !== null;
  if (tier === 3 && !given) {
    file.report("track" in course ? ["track"] : [], `track is required for a tier 3 course (one of ${TRACKS.join(", ")})`);
  }
  if (tier !== undefined && tier !== 3 && given) {
    file.report(["track"], `track is only for tier 3 courses (this course is tier ${tier}); use track: null`);
  }
}

function readModules(file: YamlFile, languages: readonly ContentLanguage[], lessons: CourseMeta["lessons"]) {
  const schema = moduleSchema(languages);
  return file.entries(["modules"]).flatMap(({ value, at }) => {
    const { id, title } = fieldsOf(schema, value);
    const lessonIds = file.entries([...at, "lessons"]).flatMap((lesson) => {
      const lessonId = idOf(lesson.value);
      if (lessonId && id) lessons.push({ id: lessonId, line: file.lineOf(lesson.at), moduleId: id });
      return lessonId ?? [];
    });
    return id ? [{ id, title: title ?? {}, lessonIds }] : [];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// lessons/<lesson-id>.<lang>.md

/** A `lesson:` link found in a lesson body; resolved once every course is loaded (links may cross courses). */
type LessonLink = { file: string; line: number; target: string };

async function loadLessons(contentDir: string, meta: CourseMeta, refs: Refs, problems: Problems) {
  const dir = `${meta.def.dir}/lessons`;
  const listed = new Set(meta.lessons.map((lesson) => lesson.id));
  const present = new Set<string>();
  const translations = new Map<string, LessonDef["translations"]>();
  const links: LessonLink[] = [];
  for (const { name } of await listDir(path.join(contentDir, dir))) {
    const file = `${dir}/${name}`;
    const [, lessonId, language] = LESSON_FILE.exec(name) ?? [];
    if (lessonId === undefined || language === undefined) {
      problems.push({ file, line: 1, message: "unexpected file: lesson files are named <lesson-id>.<language>.md" });
      continue;
    }
    if (!isLanguage(language)) {
      const expected = CONTENT_LANGUAGES.join(", ");
      problems.push({ file, line: 1, message: `unknown language "${language}" in the file name (expected ${expected})` });
      continue;
    }
    if (!listed.has(lessonId)) {
      problems.push({ file, line: 1, message: `lesson "${lessonId}" is not listed in course.yaml` });
      continue;
    }
    present.add(`${lessonId}.${language}`);
    const text = stripBom((await readText(path.join(contentDir, file))) ?? "");
    const onLink = (line: number, target: string) => links.push({ file, line, target });
    const translation = readLessonFile(file, text, lessonId, language, refs, problems, onLink);
    const byLanguage = translations.get(lessonId) ?? {};
    if (translation) byLanguage[language] = translation;
    translations.set(lessonId, byLanguage);
  }
  for (const lesson of meta.lessons) {
    for (const language of meta.def.languages) {
      if (present.has(`${lesson.id}.${language}`)) continue;
      const message = `missing translation: lessons/${lesson.id}.${language}.md`;
      problems.push({ file: `${meta.def.dir}/course.yaml`, line: lesson.line, message });
    }
  }
  const lessons: LessonDef[] = meta.lessons.map((lesson, position) => ({
    id: lesson.id,
    moduleId: lesson.moduleId,
    position,
    translations: translations.get(lesson.id) ?? {},
  }));
  return { lessons, links };
}

/** Splits `---` front-matter from the Markdown body and checks both; the body is checked even if the YAML is broken. */
function readLessonFile(
  file: string,
  text: string,
  lessonId: string,
  language: ContentLanguage,
  refs: Refs,
  problems: Problems,
  onLink: (line: number, target: string) => void,
): LessonTranslation | undefined {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== "---") {
    problems.push({ file, line: 1, message: "missing front-matter: a lesson file starts with a --- line" });
    return undefined;
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === "---");
  if (close < 0) {
    problems.push({ file, line: 1, message: "front-matter is not closed by a --- line" });
    return undefined;
  }
  // The YAML starts on line 2 of the file; the body's first line is line close + 2.
  const yaml = parseYaml(file, lines.slice(1, close).join("\n"), problems, undefined, 1);
  const meta = yaml ? readLessonMeta(yaml, lessonId, refs) : undefined;
  const body = lines.slice(close + 1).join("\n");
  checkBody(file, body, close + 1, problems, onLink);
  return meta && { language, file, ...meta, body };
}

function readLessonMeta(file: YamlFile, lessonId: string, refs: Refs) {
  const schema = root({
    id: kebabId,
    title: text,
    summary: text,
    duration_minutes: int(1),
    skills: skillIds(refs.skills),
    updated: isoDate.nullish(),
    sources: list(mapping({ title: text, url: httpUrl })).nullish(),
  });
  file.repeats([["skills"]], (id) => `skills: duplicate skill "${id}"`);
  file.check(schema);
  if (!isRecord(file.data)) return undefined;
  const meta = fieldsOf(schema, file.data);
  if (meta.id && meta.id !== lessonId) {
    file.report(["id"], `front-matter id "${meta.id}" does not match the file name (expected "${lessonId}")`);
  }
  return {
    title: meta.title ?? "",
    summary: meta.summary ?? "",
    durationMinutes: meta.duration_minutes ?? 0,
    skills: [...new Set(meta.skills)],
    updated: meta.updated ?? null,
    sources: meta.sources ?? [],
  };
}

/** Links and raw HTML, found on markdown-it's tokens (lesson-markdown.ts) as the lesson page will parse them. */
function checkBody(
  file: string,
  body: string,
  lineOffset: number,
  problems: Problems,
  onLink: (line: number, target: string) => void,
): void {
  if (body.trim() === "") {
    problems.push({ file, line: lineOffset, message: "lesson body is empty" });
    return;
  }
  const scan = scanMarkdown(body);
  for (const { line, snippet } of scan.html) {
    problems.push({ file, line: line + lineOffset, message: `raw HTML is not allowed in lessons (${snippet})` });
  }
  for (const { line, destination } of scan.links) {
    if (destination.startsWith("lesson:")) onLink(line + lineOffset, destination.slice("lesson:".length));
    else if (!isExternalUrl(destination)) {
      const message = `link "${destination}" is not allowed: use lesson:<lesson-id> for lessons and an absolute https:// URL otherwise`;
      problems.push({ file, line: line + lineOffset, message });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// exam.yaml

const COMMON_ITEM_KEYS = ["id", "pool", "type", "points", "prompt", "explanation"];
const EXAM_NAMING: Naming = {
  entries: {
    "exam.pools": "pool",
    items: "item",
    "items.options": "option",
    "items.items": "entry",
    "items.pairs": "pair",
    "items.rubric": "criterion",
  },
  textIds: ["items.options", "items.items", "items.pairs", "items.rubric"],
  // A type's own keys are named with the type: `item "q-001" (single) options`.
  qualify: (list, item, key) =>
    list === "items" && !COMMON_ITEM_KEYS.includes(key) && isItemType(item.type) ? ` (${item.type})` : "",
};

const isItemType = (value: unknown): value is ItemType => (ITEM_TYPES as readonly unknown[]).includes(value);

function examSchemas(languages: readonly ContentLanguage[], refs: Refs) {
  const pool = mapping({ id: kebabId, title: localized(languages), skill: knownId(refs.skills, unknownSkill), draw: int(1) });
  const settings = mapping({
    id: kebabId,
    title: localized(languages),
    time_limit_minutes: int(1),
    pass_mark_percent: int(1, 100),
    attempts_allowed: int(1),
    cooldown_hours: num({ min: 0, exclusive: false }),
    grade_method: oneOf(["highest", "last"]),
    feedback: oneOf(["after_submit", "after_review", "never"]),
    shuffle_options: bool,
    pools: list(pool, 1),
    available_from: dateTime.nullish(),
    available_until: dateTime.nullish(),
  });
  const common = {
    id: kebabId,
    pool: kebabId,
    type: oneOf(ITEM_TYPES),
    points: num({ min: 0, exclusive: true }),
    prompt: localized(languages),
    explanation: localized(languages).nullish(),
  };
  // Options, entries, pairs and criteria: ids need only be unique strings.
  const entries = <S extends z.core.$ZodLooseShape>(min: number, shape: S) => list(mapping({ id: text, ...shape }), min);
  const options = entries(2, { text: localized(languages), correct: bool.nullish() });
  const words = localizedOf(languages, list(text, 1));
  const variant = <T extends ItemType, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
    mapping({ ...common, type: z.literal(type), ...shape });
  const item = byKey("type", ITEM_TYPES, [
    variant("single", { options }),
    variant("multiple", { options, scoring: oneOf(["partial", "all_or_nothing"]) }),
    variant("true_false", { answer: bool }),
    variant("numeric", { answer: num(), tolerance: num({ min: 0, exclusive: false }), unit: localized(languages).nullish() }),
    variant("short_text", { accepted: words }),
    variant("ordering", { items: entries(2, { text: localized(languages) }) }),
    variant("matching", { pairs: entries(2, { left: localized(languages), right: localized(languages) }) }),
    variant("open", {
      rubric: entries(1, { description: localized(languages), points: num({ min: 0, exclusive: true }), keywords: words }),
    }),
  ]);
  return { pool, settings, common: { shape: common }, file: root({ exam: settings, items: list(item, 1) }) };
}

function readExam(
  file: YamlFile,
  languages: readonly ContentLanguage[],
  refs: Refs,
  isPrivate = false,
): { def: ExamDef | null; id: IdLine | null } {
  const schemas = examSchemas(languages, refs);
  file.check(schemas.file);
  const exam = fieldsOf(schemas.settings, file.valueAt(["exam"]));
  const pools = file.entries(["exam", "pools"]).map(({ value, at }) => ({ ...fieldsOf(schemas.pool, value), at }));
  // Any pool with an id is known to items (null when `exam` is not a mapping: items are not checked then).
  const poolIds = isRecord(file.valueAt(["exam"])) ? new Set(pools.flatMap((pool) => pool.id ?? [])) : null;
  const poolSizes = new Map<string, number>();
  const items = file.entries(["items"]).flatMap(({ value: item, at }): ExamItemDef[] => {
    if (!isRecord(item)) return [];
    const { id, pool, type, points, prompt, explanation } = fieldsOf(schemas.common, item);
    const poolKnown = pool !== undefined && (!poolIds || poolIds.has(pool));
    if (pool !== undefined && !poolKnown) file.report([...at, "pool"], phrase(file.names(at).label, `unknown pool "${pool}"`));
    if (pool !== undefined && poolKnown) poolSizes.set(pool, (poolSizes.get(pool) ?? 0) + 1);
    checkCorrectOptions(file, at, item);
    if (explanation) checkExplanationLetters(file, at, item, explanation);
    if (!id || !type || !pool || !poolKnown || points === undefined || !prompt) return [];
    // Items keep their type-specific keys exactly as written; the exam engine interprets them.
    return [{ ...item, id, pool, type, points, prompt }];
  });
  for (const { id, draw, at } of pools) {
    const size = id ? (poolSizes.get(id) ?? 0) : 0;
    if (id && draw !== undefined && draw > size) file.report([...at, "draw"], `pool "${id}" draws ${draw} but has ${size} items`);
  }
  const { available_from: from, available_until: until } = exam;
  if (from && until && Date.parse(until) <= Date.parse(from)) {
    file.report(["exam", "available_until"], `exam available_until must be after available_from`);
  }
  // A private bank is kept private: its result page never shows the drawn items and their explanations.
  if (isPrivate && exam.feedback !== undefined && exam.feedback !== "never") {
    file.report(["exam", "feedback"], 'a private bank must set "feedback: never" (the result page would show its items)');
  }
  const id = exam.id ? { id: exam.id, line: file.lineOf(["exam", "id"]) } : null;
  const settings = {
    id: exam.id,
    title: exam.title,
    timeLimitMinutes: exam.time_limit_minutes,
    passMarkPercent: exam.pass_mark_percent,
    attemptsAllowed: exam.attempts_allowed,
    cooldownHours: exam.cooldown_hours,
    gradeMethod: exam.grade_method,
    feedback: exam.feedback,
    shuffleOptions: exam.shuffle_options,
  };
  // An exam whose settings are incomplete is not returned at all: a half-configured exam must never be served.
  if (!complete(settings)) return { def: null, id };
  const def: ExamDef = {
    ...settings,
    availableFrom: from ?? null,
    availableUntil: until ?? null,
    file: file.file,
    pools: pools.flatMap(({ id, title, skill, draw }) => (id && skill && draw ? [{ id, title: title ?? {}, skill, draw }] : [])),
    items,
    raw: file.data,
  };
  return { def: isPrivate ? { ...def, isPrivate: true } : def, id };
}

/** True when no value of `record` is undefined (narrowing the type accordingly). */
function complete<T extends object>(record: T): record is { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.values(record).every((value) => value !== undefined);
}

/** `single` has exactly one correct option, `multiple` at least one. */
function checkCorrectOptions(file: YamlFile, at: Path, item: Record<string, unknown>) {
  if ((item.type !== "single" && item.type !== "multiple") || !Array.isArray(item.options)) return;
  const correct = file.entries([...at, "options"]).filter(({ value }) => isRecord(value) && value.correct === true).length;
  const { scope } = file.names([...at, "options"]);
  if (item.type === "single" && correct !== 1) {
    file.report([...at, "options"], `${scope} has ${correct} correct options; exactly one is required`);
  }
  if (item.type === "multiple" && correct === 0) {
    file.report([...at, "options"], `${scope} has no correct option; at least one is required`);
  }
}

/** Options, entries and pairs are shown shuffled and unlettered: an explanation names them, never by letter. */
function checkExplanationLetters(file: YamlFile, at: Path, item: Record<string, unknown>, explanation: Localized) {
  const ids = ["options", "items", "pairs"].flatMap((key) =>
    file.list([...at, key]).flatMap((entry) => (isRecord(entry) && typeof entry.id === "string" ? [entry.id] : [])),
  );
  for (const [language, explained] of Object.entries(explanation)) {
    const refs = optionLetterReferences(explained ?? "", ids);
    if (refs.length === 0) continue;
    const message = `explanation (${language}) refers to an option by its letter (${refs.join(", ")})`;
    file.report([...at, "explanation"], phrase(file.names(at).label, `${message}; options are shown shuffled and unlettered: name the option`));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Loading everything, then the checks that span courses

type LoadedCourse = {
  def: CourseDef;
  file: string;
  idLine: number;
  prerequisites: IdLine[];
  links: LessonLink[];
  exam: (IdLine & { file: string }) | null;
};

/**
 * Loads and validates content/. Problems are sorted by file then line. The curriculum holds everything that could
 * be read even when there are problems (a course without a usable id or tier, or an exam with unusable settings,
 * is left out), so callers must not publish it unless `problems` is empty.
 */
export async function loadCurriculum(
  contentDir: string,
  /** `examBanksDir`: a deployment's private exam banks, one `<course-id>/exam.yaml` each (EXAM_BANKS_DIR). */
  options: { examBanksDir?: string } = {},
): Promise<{ curriculum: Curriculum; problems: ContentProblem[] }> {
  const problems: Problems = [];
  const skillsFile = await loadYamlFile(contentDir, "skills.yaml", problems, { naming: SKILLS_NAMING });
  const skills = skillsFile ? readSkills(skillsFile) : [];
  const tiersFile = await loadYamlFile(contentDir, "tiers.yaml", problems, { naming: TIERS_NAMING });
  const tiers = tiersFile ? readTiers(tiersFile) : [];
  const refs: Refs = {
    skills: skillsFile ? new Set(skills.map((skill) => skill.id)) : null,
    tierLevels: tiersFile ? new Set(tiers.map((tier) => tier.level)) : null,
  };
  const loaded: LoadedCourse[] = [];
  for (const entry of await listDir(path.join(contentDir, "courses"))) {
    if (!entry.isDirectory()) continue;
    const course = await loadCourse(contentDir, entry.name, refs, problems, options.examBanksDir);
    if (course) loaded.push(course);
  }
  const courses = dropDuplicateCourses(loaded, problems);
  checkPrerequisites(courses, problems);
  checkExamIds(courses, problems);
  resolveLessonLinks(courses, problems);
  problems.push(...checkPractice(courses.map((course) => course.def)));
  problems.push(...(await checkGlossary(contentDir)));
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { curriculum: { skills, tiers, courses: courses.map((course) => course.def) }, problems };
}

/** A course whose course.yaml cannot be read is skipped whole: its lessons and exam depend on its languages. */
async function loadCourse(
  contentDir: string,
  folder: string,
  refs: Refs,
  problems: Problems,
  examBanksDir: string | undefined,
): Promise<LoadedCourse | undefined> {
  const file = `courses/${folder}/course.yaml`;
  const courseFile = await loadYamlFile(contentDir, file, problems, { naming: COURSE_NAMING });
  const meta = courseFile ? readCourse(courseFile, folder, refs) : undefined;
  if (!meta) return undefined;
  const { lessons, links } = await loadLessons(contentDir, meta, refs, problems);
  // A deployment's private bank for this course (EXAM_BANKS_DIR/<course-id>/exam.yaml) replaces the open one.
  const examOptions = { naming: EXAM_NAMING, optional: true };
  const privateFile = examBanksDir ? path.resolve(examBanksDir, meta.def.id, "exam.yaml") : null;
  const privateExam = privateFile ? await loadYamlFile("", privateFile, problems, examOptions) : undefined;
  const examFile = privateExam && privateFile ? privateFile : `${meta.def.dir}/exam.yaml`;
  const examYaml = privateExam ?? (await loadYamlFile(contentDir, examFile, problems, examOptions));
  const exam = examYaml ? readExam(examYaml, meta.def.languages, refs, privateExam !== undefined) : { def: null, id: null };
  const practice = await loadPractice({ contentDir, course: { ...meta.def, lessons }, problems });
  return {
    def: { ...meta.def, lessons, exam: exam.def, practice },
    file,
    idLine: meta.idLine,
    prerequisites: meta.prerequisites,
    links,
    exam: exam.id && { ...exam.id, file: examFile },
  };
}

function dropDuplicateCourses(courses: LoadedCourse[], problems: Problems): LoadedCourse[] {
  const first = new Map<string, LoadedCourse>();
  for (const course of courses) {
    const earlier = first.get(course.def.id);
    if (!earlier) first.set(course.def.id, course);
    else
      problems.push({
        file: course.file,
        line: course.idLine,
        message: `duplicate course id "${course.def.id}" (also in ${earlier.file})`,
      });
  }
  return [...first.values()];
}

function checkPrerequisites(courses: LoadedCourse[], problems: Problems): void {
  const byId = new Map(courses.map((course) => [course.def.id, course]));
  for (const course of courses) {
    for (const { id, line } of course.prerequisites) {
      if (id === course.def.id)
        problems.push({ file: course.file, line, message: `prerequisites: a course cannot require itself` });
      else if (!byId.has(id))
        problems.push({ file: course.file, line, message: `prerequisites: unknown course "${id}"` });
    }
  }
  reportCycles(courses, byId, problems);
}

/** Depth-first search; each edge that closes a cycle is reported once, at the prerequisite that closes it. */
function reportCycles(courses: LoadedCourse[], byId: Map<string, LoadedCourse>, problems: Problems): void {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (course: LoadedCourse) => {
    path.push(course.def.id);
    for (const { id, line } of course.prerequisites) {
      const next = byId.get(id);
      if (!next || id === course.def.id || done.has(id)) continue;
      const start = path.indexOf(id);
      if (start >= 0) {
        const cycle = [...path.slice(start), id].join(" → ");
        problems.push({ file: course.file, line, message: `prerequisites: cycle ${cycle}` });
      } else visit(next);
    }
    path.pop();
    done.add(course.def.id);
  };
  for (const course of courses) if (!done.has(course.def.id)) visit(course);
}

function checkExamIds(courses: LoadedCourse[], problems: Problems): void {
  const first = new Map<string, string>();
  for (const { exam } of courses) {
    if (!exam) continue;
    const earlier = first.get(exam.id);
    if (earlier === undefined) first.set(exam.id, exam.file);
    else
      problems.push({
        file: exam.file,
        line: exam.line,
        message: `duplicate exam id "${exam.id}" (also in ${earlier})`,
      });
  }
}

/** `lesson:<id>` names a lesson of the same course or, failing that, the one course that has a lesson with that id. */
function resolveLessonLinks(courses: LoadedCourse[], problems: Problems): void {
  const owners = new Map<string, string[]>();
  for (const course of courses) {
    for (const lesson of course.def.lessons) owners.set(lesson.id, [...(owners.get(lesson.id) ?? []), course.def.id]);
  }
  for (const course of courses) {
    for (const { file, line, target } of course.links) {
      const found = owners.get(target) ?? [];
      if (found.includes(course.def.id) || found.length === 1) continue;
      const message =
        found.length === 0
          ? `link to unknown lesson "lesson:${target}"`
          : `link "lesson:${target}" is ambiguous: courses ${found.join(", ")} all have a lesson "${target}"`;
      problems.push({ file, line, message });
    }
  }
}
