// practice.yaml: study mode's practice lab tasks and spaced-practice questions for one course (FORMAT.md).
// Framework-free, like the rest of the loader; Zod schemas check the file's shape (schema.ts), the code here what
// depends on a task's kind, and problems come out as `file:line: message`.
import { z } from "zod";
import { normalizeForSearch } from "../search";
import { optionLetterReferences } from "./explanations";
import { bool, byKey, fieldsOf, int, isRecord, kebabId, knownId, list } from "./schema";
import { localized, localizedOf, mapping, oneOf, root, text } from "./schema";
import {
  PLANTED_ERROR_KINDS,
  PRACTICE_TASK_KINDS,
  PROMPT_INGREDIENTS,
  type ContentLanguage,
  type ContentProblem,
  type CourseDef,
  type PracticeConstraint,
  type PracticeDef,
  type PracticeQuestionDef,
  type PracticeSentence,
  type PracticeTaskDef,
} from "./types";
import { loadYamlFile, type Naming, type Path, type YamlFile } from "./yaml-file";

const NAMING: Naming = {
  entries: {
    tasks: "task",
    questions: "question",
    "tasks.rubric": "rubric line",
    "tasks.constraints": "constraint",
    "tasks.ai_text": "sentence",
    "questions.options": "option",
  },
};

const QUESTION_TYPES = ["single", "true_false"] as const;

function practiceSchemas(languages: readonly ContentLanguage[], lessonIds: ReadonlySet<string>) {
  const lesson = knownId(lessonIds, (id) => `unknown lesson "${id}" (not in course.yaml)`);
  const keywords = localizedOf(languages, list(text, 1));
  const rubricLine = mapping({ id: kebabId, description: localized(languages), keywords });
  const wordCount = { value: int(1, 2_000) };
  const wording = { label: localized(languages), any: keywords };
  const constraintKinds = ["max_words", "min_words", "must_include", "must_not_include"] as const;
  const constraint = byKey("kind", constraintKinds, [
    mapping({ kind: z.literal("max_words"), ...wordCount }),
    mapping({ kind: z.literal("min_words"), ...wordCount }),
    mapping({ kind: z.literal("must_include"), ...wording }),
    mapping({ kind: z.literal("must_not_include"), ...wording }),
  ]);
  const plantedError = mapping({ kind: oneOf(PLANTED_ERROR_KINDS), explanation: localized(languages), keywords });
  const sentence = mapping({ id: kebabId, text: localized(languages), error: plantedError.nullish() });
  // Which of the optional keys a task needs depends on its kind: checked in readTask.
  const task = mapping({
    id: kebabId,
    lesson,
    kind: oneOf(PRACTICE_TASK_KINDS),
    title: localized(languages),
    scenario: localized(languages),
    rubric: list(rubricLine, 1).optional(),
    draft: localized(languages).optional(),
    constraints: list(constraint, 1).optional(),
    ai_text: list(sentence, 1).optional(),
    model_answer: localized(languages).optional(),
  });
  const option = mapping({ id: kebabId, text: localized(languages), correct: bool.nullish() });
  // Both types allow every key; each checks the ones it uses.
  const questionKeys = {
    id: kebabId,
    lesson,
    type: oneOf(QUESTION_TYPES),
    prompt: localized(languages),
    options: z.unknown().optional(),
    answer: z.unknown().optional(),
    explanation: localized(languages),
  };
  const question = byKey("type", QUESTION_TYPES, [
    mapping({ ...questionKeys, type: z.literal("single"), options: list(option, 3) }),
    mapping({ ...questionKeys, type: z.literal("true_false"), answer: bool }),
  ]);
  return {
    file: root({ tasks: list(task), questions: list(question) }),
    task,
    rubricLine,
    // Each constraint's fields, read one by one: a constraint with an unknown key still counts.
    constraintFields: { shape: { kind: oneOf(constraintKinds), ...wordCount, ...wording } },
    sentence,
    option,
    question: { shape: questionKeys },
  };
}

/** What reading one task or question needs. */
type Context = { file: YamlFile; schemas: ReturnType<typeof practiceSchemas>; courseId: string };

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
  const yaml = await loadYamlFile(contentDir, file, problems, { naming: NAMING, optional: true });
  if (!yaml) return null;
  const schemas = practiceSchemas(course.languages, new Set(course.lessons.map((lesson) => lesson.id)));
  yaml.check(schemas.file);
  const lines: Record<string, number> = {};
  const context: Context = { file: yaml, schemas, courseId: course.id };
  const read = <T>(list: string, readEntry: (context: Context, at: Path, entry: unknown) => T) =>
    yaml.entries([list]).flatMap(({ value, at }) => {
      const id = kebabId.safeParse(isRecord(value) ? value.id : undefined).data;
      if (id) lines[id] = yaml.lineOf(at);
      return readEntry(context, at, value) ?? [];
    });
  const tasks = read("tasks", readTask);
  const questions = read("questions", readQuestion);
  return { file, tasks, questions, lines };
}

function readTask({ file, schemas, courseId }: Context, at: Path, entry: unknown): PracticeTaskDef | undefined {
  const { id, lesson, kind, title, scenario, draft, model_answer } = fieldsOf(schemas.task, entry);
  const { label } = file.names(at);
  const present = (key: string) => file.valueAt([...at, key]) !== undefined;
  if (kind) {
    const [drafting, checking] = [kind === "improve_draft", kind === "check_answer"];
    const needs = { rubric: !checking, draft: drafting, constraints: drafting, ai_text: checking, model_answer: !checking };
    for (const [key, needed] of Object.entries(needs)) {
      if (needed && !present(key)) file.report(at, `${label}: a ${kind} task needs "${key}"`);
      if (!needed && present(key)) file.report(at, `${label}: "${key}" is not used by a ${kind} task`);
    }
  }
  const rubric = file.entries([...at, "rubric"]).flatMap(({ value, at: lineAt }) => {
    const parsed = fieldsOf(schemas.rubricLine, value);
    if (kind === "write_prompt" && parsed.id && !(PROMPT_INGREDIENTS as readonly string[]).includes(parsed.id)) {
      const message = `a write_prompt rubric line is one of the five ingredients (${PROMPT_INGREDIENTS.join(", ")})`;
      file.report(lineAt, `${file.names(lineAt).label}: ${message}`);
    }
    const { id: lineId, description, keywords } = parsed;
    return lineId && description && keywords ? [{ id: lineId, description, keywords }] : [];
  });
  const constraints = file.list([...at, "constraints"]).flatMap((entry): PracticeConstraint[] => {
    const { kind: constraintKind, value, label: wording, any } = fieldsOf(schemas.constraintFields, entry);
    if ((constraintKind === "max_words" || constraintKind === "min_words") && value !== undefined) {
      return [{ kind: constraintKind, value }];
    }
    if ((constraintKind === "must_include" || constraintKind === "must_not_include") && wording && any) {
      return [{ kind: constraintKind, label: wording, any }];
    }
    return [];
  });
  if (kind && present("constraints") && !constraints.some((constraint) => constraint.kind === "max_words")) {
    file.report(at, `${label}: an improve_draft task needs a max_words constraint`);
  }
  const aiText: PracticeSentence[] = file.entries([...at, "ai_text"]).flatMap(({ value }) => {
    const parsed = fieldsOf(schemas.sentence, value);
    if (!parsed.id || !parsed.text) return [];
    return [{ id: parsed.id, text: parsed.text, error: parsed.error ?? null }];
  });
  if (kind && present("ai_text")) {
    const errors = aiText.filter((sentence) => sentence.error).length;
    const sentences = aiText.length;
    if (sentences < 6 || sentences > 10) file.report(at, `${label}: ai_text has ${sentences} sentences (6 to 10 expected)`);
    if (errors < 2 || errors > 4) file.report(at, `${label}: ai_text plants ${errors} errors (2 to 4 expected)`);
  }
  if (!id || !lesson || !kind || !title || !scenario) return undefined;
  const modelAnswer = model_answer ?? null;
  return { id, courseId, lesson, kind, title, scenario, rubric, draft: draft ?? null, constraints, aiText, modelAnswer };
}

function readQuestion({ file, schemas, courseId }: Context, at: Path, entry: unknown): PracticeQuestionDef | undefined {
  const { id, lesson, type, prompt, explanation } = fieldsOf(schemas.question, entry);
  const { label } = file.names(at);
  let options: PracticeQuestionDef["options"] = [];
  let answer: boolean | null = null;
  if (type === "single") {
    // Counted among the options with an id, so that an option with a broken text is not also a missing answer.
    const listed = file.entries([...at, "options"]).flatMap(({ value }) => {
      const { id: optionId, text: optionText, correct } = fieldsOf(schemas.option, value);
      return optionId ? [{ id: optionId, text: optionText, correct: correct ?? false }] : [];
    });
    if (listed.length > 4) file.report(at, `${label}: at most 4 options (got ${listed.length})`);
    if (listed.filter((option) => option.correct).length !== 1) {
      file.report(at, `${label}: a single question has exactly one correct option`);
    }
    options = listed.flatMap((option) => (option.text ? [{ ...option, text: option.text }] : []));
  } else if (type === "true_false") {
    answer = bool.safeParse(file.valueAt([...at, "answer"])).data ?? null;
  }
  for (const [language, explained] of Object.entries(explanation ?? {})) {
    const refs = optionLetterReferences(explained ?? "", options.map((option) => option.id));
    if (refs.length > 0) {
      const message = `explanation (${language}) refers to an option by its letter (${refs.join(", ")}): name the option`;
      file.report(at, `${label}: ${message}`);
    }
  }
  if (!id || !lesson || !type || !prompt || !explanation) return undefined;
  return { id, courseId, lesson, type, prompt, options, answer, explanation };
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
