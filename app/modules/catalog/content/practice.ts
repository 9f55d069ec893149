// practice.yaml: study mode's practice lab tasks and spaced-practice questions for one course (FORMAT.md).
// Framework-free, like the rest of the loader; problems come out as `file:line: message`.
import { isScalar, type YAMLMap } from "yaml";
import { normalizeForSearch } from "../search";
import { optionLetterReferences } from "./explanations";
import {
  PLANTED_ERROR_KINDS,
  PRACTICE_TASK_KINDS,
  PROMPT_INGREDIENTS,
  type ContentLanguage,
  type ContentProblem,
  type CourseDef,
  type Localized,
  type LocalizedList,
  type PracticeConstraint,
  type PracticeDef,
  type PracticeQuestionDef,
  type PracticeRubricLine,
  type PracticeSentence,
  type PracticeTaskDef,
} from "./types";
import {
  asMap,
  bool,
  checkKeys,
  int,
  kebabId,
  list,
  loadYamlFile,
  localized,
  localizedOf,
  oneOf,
  read,
  readEntries,
  rootMap,
  stringList,
  type Read,
  type YamlSource,
} from "./yaml-readers";

const TASK_KEYS = ["id", "lesson", "kind", "title", "scenario", "rubric", "draft", "constraints", "ai_text", "model_answer"];
const QUESTION_KEYS = ["id", "lesson", "type", "prompt", "options", "answer", "explanation"];

const keywordLists = (languages: readonly ContentLanguage[]): Read<LocalizedList> => localizedOf(languages, stringList(1));

/** Reads courses/<id>/practice.yaml when it exists (null otherwise). */
export async function loadPractice({
  contentDir,
  course,
  problems,
}: {
  contentDir: string;
  course: Pick<CourseDef, "id" | "dir" | "languages" | "lessons">;
  problems: ContentProblem[];
}): Promise<PracticeDef | null> {
  const file = `${course.dir}/practice.yaml`;
  const src = await loadYamlFile(contentDir, file, problems, true);
  if (!src) return null;
  const root = rootMap(src);
  if (!root) return { file, tasks: [], questions: [], lines: {} };
  checkKeys(src, root, ["tasks", "questions"], "");
  const lessonIds = new Set(course.lessons.map((lesson) => lesson.id));
  const lessonRef: Read<string> = (s, node, label, at) => {
    const id = kebabId(s, node, label, at);
    if (id === undefined || lessonIds.has(id)) return id;
    s.report(node, `${label}: unknown lesson "${id}" (not in course.yaml)`);
    return undefined;
  };
  const languages = course.languages;
  const lines: Record<string, number> = {};
  const tasks = readEntries(src, root, "tasks", "", "task", 0, (entry, scope, id) => {
    if (id) lines[id] = src.lineOf(entry);
    return readTask(src, entry, scope, id, { courseId: course.id, languages, lessonRef });
  });
  const questions = readEntries(src, root, "questions", "", "question", 0, (entry, scope, id) => {
    if (id) lines[id] = src.lineOf(entry);
    return readQuestion(src, entry, scope, id, { courseId: course.id, languages, lessonRef });
  });
  return { file, tasks, questions, lines };
}

type Context = { courseId: string; languages: readonly ContentLanguage[]; lessonRef: Read<string> };

function readTask(src: YamlSource, entry: YAMLMap, scope: string, id: string | undefined, ctx: Context): PracticeTaskDef | undefined {
  checkKeys(src, entry, TASK_KEYS, scope);
  const lesson = read(src, entry, "lesson", scope, ctx.lessonRef);
  const kind = read(src, entry, "kind", scope, oneOf(PRACTICE_TASK_KINDS));
  const title = read(src, entry, "title", scope, localized(ctx.languages));
  const scenario = read(src, entry, "scenario", scope, localized(ctx.languages));
  const needs = (key: string, required: boolean) => {
    const present = entry.items.some((pair) => isScalar(pair.key) && pair.key.value === key);
    if (required && !present) src.report(entry, `${scope}: a ${kind} task needs "${key}"`);
    if (!required && present) src.report(entry, `${scope}: "${key}" is not used by a ${kind} task`);
    return present;
  };
  let rubric: PracticeRubricLine[] = [];
  let draft: Localized | null = null;
  let constraints: PracticeConstraint[] = [];
  let aiText: PracticeSentence[] = [];
  let modelAnswer: Localized | null = null;
  if (kind) {
    if (needs("rubric", kind !== "check_answer")) {
      rubric = readEntries(src, entry, "rubric", scope, "rubric line", 1, (line, lineScope) => {
        checkKeys(src, line, ["id", "description", "keywords"], lineScope);
        const lineId = read(src, line, "id", lineScope, kebabId);
        const description = read(src, line, "description", lineScope, localized(ctx.languages));
        const keywords = read(src, line, "keywords", lineScope, keywordLists(ctx.languages));
        if (kind === "write_prompt" && lineId && !(PROMPT_INGREDIENTS as readonly string[]).includes(lineId)) {
          src.report(line, `${lineScope}: a write_prompt rubric line is one of the five ingredients (${PROMPT_INGREDIENTS.join(", ")})`);
        }
        return lineId && description && keywords ? { id: lineId, description, keywords } : undefined;
      });
    }
    if (needs("draft", kind === "improve_draft")) draft = read(src, entry, "draft", scope, localized(ctx.languages)) ?? null;
    if (needs("constraints", kind === "improve_draft")) constraints = readConstraints(src, entry, scope, ctx);
    if (needs("ai_text", kind === "check_answer")) aiText = readAiText(src, entry, scope, ctx);
    if (needs("model_answer", kind !== "check_answer")) modelAnswer = read(src, entry, "model_answer", scope, localized(ctx.languages)) ?? null;
  }
  if (!id || !lesson || !kind || !title || !scenario) return undefined;
  return { id, courseId: ctx.courseId, lesson, kind, title, scenario, rubric, draft, constraints, aiText, modelAnswer };
}

function readConstraints(src: YamlSource, entry: YAMLMap, scope: string, ctx: Context): PracticeConstraint[] {
  const nodes = read(src, entry, "constraints", scope, list(1)) ?? [];
  const constraints = nodes.flatMap((node, index): PracticeConstraint[] => {
    const label = `${scope} constraint #${index + 1}`;
    const map = asMap(src, node, label);
    if (!map) return [];
    const kind = read(src, map, "kind", label, oneOf(["max_words", "min_words", "must_include", "must_not_include"] as const));
    if (kind === "max_words" || kind === "min_words") {
      checkKeys(src, map, ["kind", "value"], label);
      const value = read(src, map, "value", label, int(1, 2_000));
      return value === undefined ? [] : [{ kind, value }];
    }
    if (kind === "must_include" || kind === "must_not_include") {
      checkKeys(src, map, ["kind", "label", "any"], label);
      const text = read(src, map, "label", label, localized(ctx.languages));
      const any = read(src, map, "any", label, keywordLists(ctx.languages));
      return text && any ? [{ kind, label: text, any }] : [];
    }
    return [];
  });
  if (!constraints.some((c) => c.kind === "max_words")) src.report(entry, `${scope}: an improve_draft task needs a max_words constraint`);
  return constraints;
}

function readAiText(src: YamlSource, entry: YAMLMap, scope: string, ctx: Context): PracticeSentence[] {
  const sentences = readEntries(src, entry, "ai_text", scope, "sentence", 1, (sentence, sentenceScope, sentenceId) => {
    checkKeys(src, sentence, ["id", "text", "error"], sentenceScope);
    const text = read(src, sentence, "text", sentenceScope, localized(ctx.languages));
    const error = read(src, sentence, "error", sentenceScope, (s, node, label) => {
      const map = asMap(s, node, label);
      if (!map) return undefined;
      checkKeys(s, map, ["kind", "explanation", "keywords"], label);
      const kind = read(s, map, "kind", label, oneOf(PLANTED_ERROR_KINDS));
      const explanation = read(s, map, "explanation", label, localized(ctx.languages));
      const keywords = read(s, map, "keywords", label, keywordLists(ctx.languages));
      return kind && explanation && keywords ? { kind, explanation, keywords } : undefined;
    }, true);
    return sentenceId && text ? { id: sentenceId, text, error: error ?? null } : undefined;
  });
  const errors = sentences.filter((s) => s.error).length;
  if (sentences.length < 6 || sentences.length > 10) src.report(entry, `${scope}: ai_text has ${sentences.length} sentences (6 to 10 expected)`);
  if (errors < 2 || errors > 4) src.report(entry, `${scope}: ai_text plants ${errors} errors (2 to 4 expected)`);
  return sentences;
}

function readQuestion(src: YamlSource, entry: YAMLMap, scope: string, id: string | undefined, ctx: Context): PracticeQuestionDef | undefined {
  checkKeys(src, entry, QUESTION_KEYS, scope);
  const lesson = read(src, entry, "lesson", scope, ctx.lessonRef);
  const type = read(src, entry, "type", scope, oneOf(["single", "true_false"] as const));
  const prompt = read(src, entry, "prompt", scope, localized(ctx.languages));
  const explanation = read(src, entry, "explanation", scope, localized(ctx.languages));
  let options: PracticeQuestionDef["options"] = [];
  let answer: boolean | null = null;
  if (type === "single") {
    options = readEntries(src, entry, "options", scope, "option", 3, (option, optionScope, optionId) => {
      checkKeys(src, option, ["id", "text", "correct"], optionScope);
      const text = read(src, option, "text", optionScope, localized(ctx.languages));
      const correct = read(src, option, "correct", optionScope, bool, true) ?? false;
      return optionId && text ? { id: optionId, text, correct } : undefined;
    });
    if (options.length > 4) src.report(entry, `${scope}: at most 4 options (got ${options.length})`);
    if (options.filter((o) => o.correct).length !== 1) src.report(entry, `${scope}: a single question has exactly one correct option`);
  } else if (type === "true_false") {
    answer = read(src, entry, "answer", scope, bool) ?? null;
  }
  for (const [language, text] of Object.entries(explanation ?? {})) {
    const refs = optionLetterReferences(text ?? "", options.map((o) => o.id));
    if (refs.length > 0) src.report(entry, `${scope}: explanation (${language}) refers to an option by its letter (${refs.join(", ")}): name the option`);
  }
  if (!id || !lesson || !type || !prompt || !explanation) return undefined;
  return { id, courseId: ctx.courseId, lesson, type, prompt, options, answer, explanation };
}

// ---------------------------------------------------------------------------------------------------------------
// Checks across files

/** Words of a text for comparing prompts (normalised as the search is). */
function wordSet(text: string) {
  return new Set(normalizeForSearch(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
}

function similarity(a: Set<string>, b: Set<string>) {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.min(a.size, b.size);
}

/**
 * Practice ids are unique across all courses (attempts and review cards refer to them alone); a practice question
 * may not repeat an exam item of its course (same prompt, or 90 % of the shorter prompt's words); every lesson of a
 * tier-1 or tier-2 course with a practice.yaml has at least one lab task.
 */
export function checkPractice(courses: readonly CourseDef[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const lineOf = (practice: PracticeDef, id: string) => practice.lines[id] ?? 1;
  const seen = new Map<string, string>();
  for (const course of courses) {
    const practice = course.practice;
    if (!practice) continue;
    for (const entry of [...practice.tasks, ...practice.questions]) {
      const earlier = seen.get(entry.id);
      if (earlier) problems.push({ file: practice.file, line: lineOf(practice, entry.id), message: `duplicate practice id "${entry.id}" (also in ${earlier})` });
      else seen.set(entry.id, practice.file);
    }
    const examPrompts = (course.exam?.items ?? []).flatMap((item) =>
      Object.entries(item.prompt).map(([language, text]) => ({ id: item.id, language, words: wordSet(text ?? "") })),
    );
    for (const question of practice.questions) {
      for (const [language, text] of Object.entries(question.prompt)) {
        const words = wordSet(text ?? "");
        const copy = examPrompts.find((p) => p.language === language && words.size >= 4 && similarity(words, p.words) >= 0.9);
        if (copy) {
          problems.push({ file: practice.file, line: lineOf(practice, question.id), message: `question "${question.id}" (${language}) repeats exam item "${copy.id}": practice never reuses exam items` });
        }
      }
    }
    if (course.tier <= 2) {
      const withTask = new Set(practice.tasks.map((task) => task.lesson));
      for (const lesson of course.lessons) {
        if (!withTask.has(lesson.id)) problems.push({ file: practice.file, line: 1, message: `lesson "${lesson.id}" has no practice lab task (every tier-1 and tier-2 lesson needs one)` });
      }
    }
  }
  return problems;
}

