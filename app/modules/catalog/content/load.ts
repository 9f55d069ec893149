// Loads the curriculum from content/ (format: content/FORMAT.md) and validates it.
// Every problem carries the file (relative to the content root, forward slashes) and the 1-based line of the
// offending node, so `npm run content:check` prints `file:line: message` lines an editor can jump to.
// Framework-free on purpose: the CLI, the tests and the catalogue import all use it.
import path from "node:path";
import { optionLetterReferences } from "./explanations";
import { checkGlossary } from "./glossary";
import { checkPractice, loadPractice } from "./practice";
import {
  type Problems,
  type YamlSource,
  parseYaml,
  readText,
  listDir,
  loadYamlFile,
  stripBom,
  type Read,
  prefix,
  isNullScalar,
  pairOf,
  keyNode,
  valueNode,
  describe,
  read,
  checkKeys,
  asMap,
  str,
  kebabId,
  dateTime,
  bool,
  int,
  num,
  oneOf,
  list,
  stringList,
  idList,
  skillRefs,
  checkSkill,
  isLanguage,
  localizedOf,
  localized,
  languageList,
  uniqueIds,
  rootMap,
  readEntries,
} from "./yaml-readers";
import { isScalar, isSeq, type YAMLMap } from "yaml";
import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  type ContentProblem,
  type CourseDef,
  type Curriculum,
  type ExamDef,
  type ExamItemDef,
  type ExamPoolDef,
  type LessonDef,
  type LessonTranslation,
  type Localized,
  type SkillDef,
  type TierDef,
} from "./types";

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary fixed by FORMAT.md

/** FORMAT.md lists the job tracks; a new track is added there and here. */
const TRACKS = ["public-services", "agriculture", "tourism", "language-data"] as const;
const ITEM_TYPES = [
  "single",
  "multiple",
  "true_false",
  "numeric",
  "short_text",
  "ordering",
  "matching",
  "open",
] as const satisfies readonly ExamItemDef["type"][];
type ItemType = ExamItemDef["type"];

const SKILL_KEYS = ["id", "label", "description", "esco"];
const TIER_KEYS = ["level", "id", "title", "description"];
const COURSE_KEYS = [
  "id",
  "tier",
  "track",
  "title",
  "summary",
  "outcomes",
  "skills",
  "duration_minutes",
  "languages",
  "prerequisites",
  "modules",
];
const MODULE_KEYS = ["id", "title", "lessons"];
const LESSON_KEYS = ["id", "title", "summary", "duration_minutes", "skills", "updated", "sources"];
const EXAM_KEYS = [
  "id",
  "title",
  "time_limit_minutes",
  "pass_mark_percent",
  "attempts_allowed",
  "cooldown_hours",
  "grade_method",
  "feedback",
  "shuffle_options",
  "pools", "available_from", "available_until"
];
const POOL_KEYS = ["id", "title", "skill", "draw"];
const COMMON_ITEM_KEYS = ["id", "pool", "type", "points", "prompt", "explanation"];
const ITEM_KEYS: Record<ItemType, readonly string[]> = {
  single: ["options"],
  multiple: ["options", "scoring"],
  true_false: ["answer"],
  numeric: ["answer", "tolerance", "unit"],
  short_text: ["accepted"],
  ordering: ["items"],
  matching: ["pairs"],
  open: ["rubric"],
};

/** Ids that appear in URLs and database keys. Option, pair and rubric ids only need to be unique strings. */
const LESSON_FILE = /^(.+)\.([^.]+)\.md$/;

// ---------------------------------------------------------------------------------------------------------------
// skills.yaml and tiers.yaml: shared by every course, so every interface language is required.

function readSkills(src: YamlSource): SkillDef[] {
  const root = rootMap(src);
  if (!root) return [];
  checkKeys(src, root, ["skills"], "");
  return readEntries(src, root, "skills", "", "skill", 1, (entry, scope, id) => {
    checkKeys(src, entry, SKILL_KEYS, scope);
    const label = read(src, entry, "label", scope, localized(CONTENT_LANGUAGES));
    const description = read(src, entry, "description", scope, localized(CONTENT_LANGUAGES));
    const esco = read(src, entry, "esco", scope, escoUri, true);
    if (id === undefined) return undefined;
    return { id, label: label ?? {}, description: description ?? {}, esco: esco ?? null };
  });
}

const escoUri: Read<string> = (src, node, label, at) => {
  const value = str(src, node, label, at);
  if (value === undefined || value.startsWith("http://data.europa.eu/esco/")) return value;
  src.report(node, `${label} must be an ESCO URI (http://data.europa.eu/esco/…), got ${JSON.stringify(value)}`);
  return undefined;
};

function readTiers(src: YamlSource): TierDef[] {
  const root = rootMap(src);
  if (!root) return [];
  checkKeys(src, root, ["tiers"], "");
  // A level repeated under two ids would make a course's `tier: n` ambiguous.
  const levels = uniqueIds(src, "tier level");
  return readEntries(src, root, "tiers", "", "tier", 1, (entry, scope, id) => {
    checkKeys(src, entry, TIER_KEYS, scope);
    const level = read(src, entry, "level", scope, int(1, 3));
    const title = read(src, entry, "title", scope, localized(CONTENT_LANGUAGES));
    const description = read(src, entry, "description", scope, localized(CONTENT_LANGUAGES));
    if (id === undefined || level === undefined || !levels(String(level), valueNode(src, entry, "level")))
      return undefined;
    return { level: level as TierDef["level"], id, title: title ?? {}, description: description ?? {} };
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

function readCourse(src: YamlSource, folder: string, refs: Refs): CourseMeta | undefined {
  const root = rootMap(src);
  if (!root) return undefined;
  checkKeys(src, root, COURSE_KEYS, "");
  const id = read(src, root, "id", "", kebabId);
  if (id !== undefined && id !== folder) {
    src.report(valueNode(src, root, "id"), `course id "${id}" does not match its folder "courses/${folder}"`);
  }
  const tier = readTier(src, root, refs);
  const track = readTrack(src, root, tier);
  // Without a valid `languages` list no translation can be required: that one problem is enough.
  const languages = read(src, root, "languages", "", languageList) ?? [];
  const title = read(src, root, "title", "", localized(languages)) ?? {};
  const summary = read(src, root, "summary", "", localized(languages)) ?? {};
  const outcomes = (read(src, root, "outcomes", "", list(1)) ?? []).flatMap(
    (node, index) => localized(languages)(src, node, `outcomes[${index + 1}]`, node) ?? [],
  );
  const skills = read(src, root, "skills", "", skillRefs(refs.skills, true)) ?? [];
  const durationMinutes = read(src, root, "duration_minutes", "", int(1)) ?? 0;
  const prerequisites = (read(src, root, "prerequisites", "", idList("prerequisite")) ?? []).map(({ id, node }) => ({
    id,
    line: src.lineOf(node),
  }));
  const lessons: CourseMeta["lessons"] = [];
  const modules = readModules(src, root, languages, lessons);
  // Without a usable id or tier the course cannot be placed in the catalogue at all.
  if (id === undefined || tier === undefined) return undefined;
  const dir = `courses/${folder}`;
  const prerequisiteIds = prerequisites.map((prerequisite) => prerequisite.id);
  const def = { id, dir, tier, track, title, summary, outcomes, skills, durationMinutes, languages, modules };
  return {
    def: { ...def, prerequisites: prerequisiteIds },
    idLine: src.lineOf(valueNode(src, root, "id")),
    prerequisites,
    lessons,
  };
}

function readTier(src: YamlSource, root: YAMLMap, refs: Refs): CourseDef["tier"] | undefined {
  const tier = read(src, root, "tier", "", int(1, 3));
  if (tier !== undefined && refs.tierLevels && !refs.tierLevels.has(tier)) {
    src.report(valueNode(src, root, "tier"), `tier ${tier} is not defined in tiers.yaml`);
  }
  return tier as CourseDef["tier"] | undefined;
}

/** `track` names the job track of a tier 3 course and must be absent or null below tier 3. */
function readTrack(src: YamlSource, root: YAMLMap, tier: number | undefined): string | null {
  const track = read(src, root, "track", "", oneOf(TRACKS), true) ?? null;
  const hasKey = pairOf(root, "track") !== undefined;
  const given = hasKey && !isNullScalar(valueNode(src, root, "track"));
  if (tier === 3 && !given) {
    src.report(
      hasKey ? keyNode(root, "track") : root,
      `track is required for a tier 3 course (one of ${TRACKS.join(", ")})`,
    );
  }
  if (tier !== undefined && tier !== 3 && given) {
    src.report(
      valueNode(src, root, "track"),
      `track is only for tier 3 courses (this course is tier ${tier}); use track: null`,
    );
  }
  return track;
}

function readModules(src: YamlSource, root: YAMLMap, languages: ContentLanguage[], lessons: CourseMeta["lessons"]) {
  // Lesson ids are unique across the whole course, not just within a module.
  const uniqueLesson = uniqueIds(src, "lesson id");
  return readEntries(src, root, "modules", "", "module", 1, (entry, scope, id) => {
    checkKeys(src, entry, MODULE_KEYS, scope);
    const title = read(src, entry, "title", scope, localized(languages));
    const listed = read(src, entry, "lessons", scope, list(1)) ?? [];
    const lessonIds: string[] = [];
    listed.forEach((node, index) => {
      const lessonId = kebabId(src, node, `${scope} lessons[${index + 1}]`, node);
      if (lessonId === undefined || !uniqueLesson(lessonId, node)) return;
      lessonIds.push(lessonId);
      if (id !== undefined) lessons.push({ id: lessonId, line: src.lineOf(node), moduleId: id });
    });
    return id === undefined ? undefined : { id, title: title ?? {}, lessonIds };
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
      problems.push({
        file,
        line: 1,
        message: `unknown language "${language}" in the file name (expected ${expected})`,
      });
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
  const src = parseYaml(file, lines.slice(1, close).join("\n"), problems, 1);
  const meta = src ? readLessonMeta(src, lessonId, refs) : undefined;
  const body = lines.slice(close + 1).join("\n");
  checkBody(file, body, close + 1, problems, onLink);
  return meta && { language, file, ...meta, body };
}

function readLessonMeta(src: YamlSource, lessonId: string, refs: Refs) {
  const root = rootMap(src);
  if (!root) return undefined;
  checkKeys(src, root, LESSON_KEYS, "");
  const id = read(src, root, "id", "", kebabId);
  if (id !== undefined && id !== lessonId) {
    src.report(
      valueNode(src, root, "id"),
      `front-matter id "${id}" does not match the file name (expected "${lessonId}")`,
    );
  }
  return {
    title: read(src, root, "title", "", str) ?? "",
    summary: read(src, root, "summary", "", str) ?? "",
    durationMinutes: read(src, root, "duration_minutes", "", int(1)) ?? 0,
    skills: read(src, root, "skills", "", skillRefs(refs.skills, true)) ?? [],
    updated: read(src, root, "updated", "", isoDate, true) ?? null,
    sources: read(src, root, "sources", "", sources, true) ?? [],
  };
}

const isoDate: Read<string> = (src, node, label, at) => {
  const value = isScalar(node) && typeof node.value === "string" ? node.value : undefined;
  const valid =
    value !== undefined &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (valid) return value;
  src.report(at, `${label} must be a date written YYYY-MM-DD (got ${describe(node)})`);
  return undefined;
};

const httpUrl: Read<string> = (src, node, label, at) => {
  const value = str(src, node, label, at);
  if (value === undefined || isExternalUrl(value, false)) return value;
  src.report(node, `${label} must be an absolute http(s) URL (got ${JSON.stringify(value)})`);
  return undefined;
};

const sources: Read<LessonTranslation["sources"]> = (src, node, label, at) =>
  list()(src, node, label, at)?.flatMap((item, index) => {
    const scope = `${label}[${index + 1}]`;
    const entry = asMap(src, item, scope);
    if (!entry) return [];
    checkKeys(src, entry, ["title", "url"], scope);
    const title = read(src, entry, "title", scope, str);
    const url = read(src, entry, "url", scope, httpUrl);
    return title !== undefined && url !== undefined ? [{ title, url }] : [];
  });

function isExternalUrl(destination: string, allowMailto = true): boolean {
  if (allowMailto && /^mailto:[^\s@]+@[^\s@]+$/i.test(destination)) return true;
  try {
    const url = new URL(destination);
    return (url.protocol === "https:" || url.protocol === "http:") && /^https?:\/\//i.test(destination);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Lesson bodies: links and raw HTML. A small scanner, not a full CommonMark parser: it blanks out code (where `<`
// and brackets are literal) and then looks for the link and HTML forms lesson authors actually write.

const INLINE_LINK =
  /!?\[(?:[^[\]]|\[[^[\]]*\])*\]\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)/g;
/** `[label]: destination` reference definitions (not `[^1]:` footnotes). */
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)/gm;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/g;
/** CommonMark raw HTML: open and closing tags, comments, processing instructions, declarations, CDATA. */
const RAW_HTML =
  /<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>|<!--|<\?|<![A-Za-z]|<!\[CDATA\[/g;

export type MarkdownScan = {
  /** Link destinations as written (angle brackets removed), with their 1-based line in the scanned text. */
  links: Array<{ line: number; destination: string }>;
  /** The first raw HTML construct of each line that has one. */
  html: Array<{ line: number; snippet: string }>;
};

export function scanMarkdown(markdown: string): MarkdownScan {
  const text = blankCode(markdown);
  const lineAt = (index: number) => text.slice(0, index).split("\n").length;
  const links: MarkdownScan["links"] = [];
  for (const pattern of [INLINE_LINK, REFERENCE_DEFINITION, AUTOLINK]) {
    for (const match of text.matchAll(pattern)) {
      const destination = (match[1] ?? "").replace(/^<(.*)>$/, "$1");
      links.push({ line: lineAt(match.index), destination });
    }
  }
  links.sort((a, b) => a.line - b.line);
  const html: MarkdownScan["html"] = [];
  for (const match of text.matchAll(RAW_HTML)) {
    const line = lineAt(match.index);
    // `\<b>` is an escaped, literal "<b>". (Autolinks never match RAW_HTML: a tag name cannot contain ":".)
    const escaped = text[match.index - 1] === "\\";
    if (escaped || html.some((entry) => entry.line === line)) continue;
    html.push({ line, snippet: match[0].length > 40 ? `${match[0].slice(0, 40)}…` : match[0] });
  }
  return { links, html };
}

/** Replaces fenced code blocks and inline code spans with spaces, keeping every line break (and so line numbers). */
function blankCode(markdown: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  let fence: string | null = null;
  const lines = markdown.split("\n").map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null) {
      if (marker !== undefined) fence = marker;
      return marker === undefined ? line : blank(line);
    }
    // A fence closes with the same character, at least as long, and nothing after it.
    if (
      marker !== undefined &&
      marker[0] === fence[0] &&
      marker.length >= fence.length &&
      /^ {0,3}[`~]+\s*$/.test(line)
    ) {
      fence = null;
    }
    return blank(line);
  });
  return lines.join("\n").replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, blank);
}

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

type ItemContext = {
  languages: ContentLanguage[];
  poolIds: ReadonlySet<string> | null;
  poolSizes: Map<string, number>;
};

function readExam(
  src: YamlSource,
  languages: ContentLanguage[],
  refs: Refs,
  isPrivate = false,
): { def: ExamDef | null; id: IdLine | null } {
  const root = rootMap(src);
  if (!root) return { def: null, id: null };
  checkKeys(src, root, ["exam", "items"], "");
  const exam = read(src, root, "exam", "", (s, node, label) => asMap(s, node, label));
  const settings = exam ? readExamSettings(src, exam, languages) : undefined;
  const pools = exam ? readPools(src, exam, languages, refs) : undefined;
  const context: ItemContext = {
    languages,
    poolIds: pools ? new Set(pools.map((pool) => pool.def.id)) : null,
    poolSizes: new Map(),
  };
  const items = readEntries(src, root, "items", "", "item", 1, (entry, scope, id) =>
    readItem(src, entry, scope, id, context),
  );
  for (const pool of pools ?? []) {
    const size = context.poolSizes.get(pool.def.id) ?? 0;
    if (pool.def.draw > size)
      src.report(pool.drawNode, `pool "${pool.def.id}" draws ${pool.def.draw} but has ${size} items`);
  }
  const id =
    settings?.id !== undefined && exam ? { id: settings.id, line: src.lineOf(valueNode(src, exam, "id")) } : null;
  const availability = exam ? readAvailability(src, exam) : { availableFrom: null, availableUntil: null };
  // A private bank is kept private: its result page never shows the drawn items and their explanations.
  if (isPrivate && exam && settings?.feedback !== undefined && settings.feedback !== "never") {
    src.report(valueNode(src, exam, "feedback"), 'a private bank must set "feedback: never" (the result page would show its items)');
  }
  const def = settings && pools ? toExamDef(src, settings, pools, items, availability) : null;
  return { def: def && isPrivate ? { ...def, isPrivate: true } : def, id };
}

function readExamSettings(src: YamlSource, exam: YAMLMap, languages: ContentLanguage[]) {
  const scope = "exam";
  checkKeys(src, exam, EXAM_KEYS, scope);
  return {
    id: read(src, exam, "id", scope, kebabId),
    title: read(src, exam, "title", scope, localized(languages)),
    timeLimitMinutes: read(src, exam, "time_limit_minutes", scope, int(1)),
    passMarkPercent: read(src, exam, "pass_mark_percent", scope, int(1, 100)),
    attemptsAllowed: read(src, exam, "attempts_allowed", scope, int(1)),
    cooldownHours: read(src, exam, "cooldown_hours", scope, num({ min: 0, exclusive: false })),
    gradeMethod: read(src, exam, "grade_method", scope, oneOf(["highest", "last"] as const)),
    feedback: read(src, exam, "feedback", scope, oneOf(["after_submit", "after_review", "never"] as const)),
    shuffleOptions: read(src, exam, "shuffle_options", scope, bool),
  };
}

/** The optional availability window (exam.available_from / available_until, ISO 8601 with a time zone). */
function readAvailability(src: YamlSource, exam: YAMLMap) {
  const from = read(src, exam, "available_from", "exam", dateTime, true);
  const until = read(src, exam, "available_until", "exam", dateTime, true);
  if (from && until && Date.parse(until) <= Date.parse(from)) {
    src.report(valueNode(src, exam, "available_until"), `exam available_until must be after available_from`);
  }
  return { availableFrom: from ?? null, availableUntil: until ?? null };
}

/** An exam whose settings are incomplete is not returned at all: a half-configured exam must never be served. */
function toExamDef(
  src: YamlSource,
  settings: ReturnType<typeof readExamSettings>,
  pools: Array<{ def: ExamPoolDef }>,
  items: ExamItemDef[],
  availability: Pick<ExamDef, "availableFrom" | "availableUntil">,
): ExamDef | null {
  if (!complete(settings)) return null;
  return { ...settings, ...availability, file: src.file, pools: pools.map((pool) => pool.def), items, raw: src.doc.toJS() as unknown };
}

/** True when no value of `record` is undefined (narrowing the type accordingly). */
function complete<T extends object>(record: T): record is { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.values(record).every((value) => value !== undefined);
}

function readPools(src: YamlSource, exam: YAMLMap, languages: ContentLanguage[], refs: Refs) {
  return readEntries(src, exam, "pools", "", "pool", 1, (entry, scope, id) => {
    checkKeys(src, entry, POOL_KEYS, scope);
    const title = read(src, entry, "title", scope, localized(languages));
    const skill = read(src, entry, "skill", scope, kebabId);
    if (skill !== undefined) checkSkill(src, refs.skills, skill, valueNode(src, entry, "skill"), `${scope} skill`);
    const draw = read(src, entry, "draw", scope, int(1));
    if (id === undefined || skill === undefined || draw === undefined) return undefined;
    return { def: { id, title: title ?? {}, skill, draw }, drawNode: valueNode(src, entry, "draw") };
  });
}

function readItem(
  src: YamlSource,
  entry: YAMLMap,
  scope: string,
  id: string | undefined,
  context: ItemContext,
): ExamItemDef | undefined {
  const type = read(src, entry, "type", scope, oneOf(ITEM_TYPES));
  checkKeys(
    src,
    entry,
    [...COMMON_ITEM_KEYS, ...(type ? ITEM_KEYS[type] : ITEM_TYPES.flatMap((t) => ITEM_KEYS[t]))],
    scope,
  );
  const pool = read(src, entry, "pool", scope, kebabId);
  const poolKnown = pool !== undefined && (context.poolIds === null || context.poolIds.has(pool));
  if (pool !== undefined && !poolKnown)
    src.report(valueNode(src, entry, "pool"), `${prefix(scope)}unknown pool "${pool}"`);
  if (pool !== undefined && poolKnown) context.poolSizes.set(pool, (context.poolSizes.get(pool) ?? 0) + 1);
  const points = read(src, entry, "points", scope, num({ min: 0, exclusive: true }));
  const prompt = read(src, entry, "prompt", scope, localized(context.languages));
  const explanation = read(src, entry, "explanation", scope, localized(context.languages), true);
  if (explanation) checkExplanationLetters(src, entry, scope, explanation);
  if (type !== undefined) ITEM_CHECKS[type](src, entry, `${scope} (${type})`, context.languages);
  if (id === undefined || type === undefined || pool === undefined || !poolKnown || points === undefined || !prompt) {
    return undefined;
  }
  // Items keep their type-specific keys exactly as written; the exam engine interprets them.
  const written: unknown = entry.toJS(src.doc);
  return { ...(isRecord(written) ? written : {}), id, pool, type, points, prompt };
}

/** Options, entries and pairs are shown shuffled and unlettered: an explanation names them, never by letter. */
function checkExplanationLetters(src: YamlSource, entry: YAMLMap, scope: string, explanation: Localized) {
  const written: unknown = entry.toJS(src.doc);
  const lists = isRecord(written) ? [written.options, written.items, written.pairs] : [];
  const ids = lists.flatMap((list) => (Array.isArray(list) ? list.flatMap((o: unknown) => (isRecord(o) && typeof o.id === "string" ? [o.id] : [])) : []));
  for (const [language, text] of Object.entries(explanation)) {
    const refs = optionLetterReferences(text ?? "", ids);
    if (refs.length > 0) {
      src.report(valueNode(src, entry, "explanation"), `${prefix(scope)}explanation (${language}) refers to an option by its letter (${refs.join(", ")}); options are shown shuffled and unlettered: name the option`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type ItemCheck = (src: YamlSource, entry: YAMLMap, scope: string, languages: ContentLanguage[]) => void;

/** Reads `options` and returns how many are marked correct, or undefined when there is no usable list. */
function correctOptions(src: YamlSource, entry: YAMLMap, scope: string, languages: ContentLanguage[]) {
  const hasList = isSeq(valueNode(src, entry, "options"));
  const marks = readEntries(
    src,
    entry,
    "options",
    scope,
    "option",
    2,
    (option, optionScope) => {
      checkKeys(src, option, ["id", "text", "correct"], optionScope);
      read(src, option, "text", optionScope, localized(languages));
      return read(src, option, "correct", optionScope, bool, true) ?? false;
    },
    str,
  );
  return hasList ? marks.filter(Boolean).length : undefined;
}

/** A list of `{ id, …localized keys }` entries (ordering items, matching pairs) with unique string ids. */
function localizedEntries(key: string, kind: string, min: number, textKeys: readonly string[]): ItemCheck {
  return (src, entry, scope, languages) => {
    readEntries(
      src,
      entry,
      key,
      scope,
      kind,
      min,
      (sub, subScope) => {
        checkKeys(src, sub, ["id", ...textKeys], subScope);
        for (const textKey of textKeys) read(src, sub, textKey, subScope, localized(languages));
        return true;
      },
      str,
    );
  };
}

const ITEM_CHECKS: Record<ItemType, ItemCheck> = {
  single: (src, entry, scope, languages) => {
    const correct = correctOptions(src, entry, scope, languages);
    if (correct !== undefined && correct !== 1) {
      src.report(keyNode(entry, "options"), `${scope} has ${correct} correct options; exactly one is required`);
    }
  },
  multiple: (src, entry, scope, languages) => {
    const correct = correctOptions(src, entry, scope, languages);
    if (correct === 0)
      src.report(keyNode(entry, "options"), `${scope} has no correct option; at least one is required`);
    read(src, entry, "scoring", scope, oneOf(["partial", "all_or_nothing"] as const));
  },
  true_false: (src, entry, scope) => {
    read(src, entry, "answer", scope, bool);
  },
  numeric: (src, entry, scope, languages) => {
    read(src, entry, "answer", scope, num());
    read(src, entry, "tolerance", scope, num({ min: 0, exclusive: false }));
    read(src, entry, "unit", scope, localized(languages), true);
  },
  short_text: (src, entry, scope, languages) => {
    read(src, entry, "accepted", scope, localizedOf(languages, stringList(1)));
  },
  ordering: localizedEntries("items", "entry", 2, ["text"]),
  matching: localizedEntries("pairs", "pair", 2, ["left", "right"]),
  open: (src, entry, scope, languages) => {
    readEntries(
      src,
      entry,
      "rubric",
      scope,
      "criterion",
      1,
      (criterion, criterionScope) => {
        checkKeys(src, criterion, ["id", "description", "points", "keywords"], criterionScope);
        read(src, criterion, "description", criterionScope, localized(languages));
        read(src, criterion, "points", criterionScope, num({ min: 0, exclusive: true }));
        read(src, criterion, "keywords", criterionScope, localizedOf(languages, stringList(1)));
        return true;
      },
      str,
    );
  },
};

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
  const skillsSource = await loadYamlFile(contentDir, "skills.yaml", problems);
  const skills = skillsSource ? readSkills(skillsSource) : [];
  const tiersSource = await loadYamlFile(contentDir, "tiers.yaml", problems);
  const tiers = tiersSource ? readTiers(tiersSource) : [];
  const refs: Refs = {
    skills: skillsSource ? new Set(skills.map((skill) => skill.id)) : null,
    tierLevels: tiersSource ? new Set(tiers.map((tier) => tier.level)) : null,
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
  const source = await loadYamlFile(contentDir, file, problems);
  const meta = source ? readCourse(source, folder, refs) : undefined;
  if (!meta) return undefined;
  const { lessons, links } = await loadLessons(contentDir, meta, refs, problems);
  // A deployment's private bank for this course (EXAM_BANKS_DIR/<course-id>/exam.yaml) replaces the open one.
  const privateFile = examBanksDir ? path.resolve(examBanksDir, meta.def.id, "exam.yaml") : null;
  const privateSource = privateFile ? await loadYamlFile("", privateFile, problems, true) : undefined;
  const examFile = privateSource && privateFile ? privateFile : `${meta.def.dir}/exam.yaml`;
  const examSource = privateSource ?? (await loadYamlFile(contentDir, examFile, problems, true));
  const exam = examSource ? readExam(examSource, meta.def.languages, refs, privateSource !== undefined) : { def: null, id: null };
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
