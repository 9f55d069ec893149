// The practice lab's local checker: immediate feedback that needs no AI model. Pure: no Prisma, no Remix.
//  - write_prompt / improve_draft: each rubric line is met when the text uses one of its keywords (the task's own,
//    plus general cue words for the five prompt ingredients), and improve_draft's constraints are counted exactly
//    (words, required and forbidden phrases). A keyword checker cannot judge quality: the page says so and shows a
//    model answer to compare with.
//  - check_answer: the learner's marks compared with the planted errors, and each explanation checked for the words
//    a good explanation of that error uses.
// Every text the checker compares is normalised as the catalogue search is (case, accents, Arabic variants).
import { normalizeForSearch } from "~/modules/catalog";
import type { ContentLanguage, LocalizedList, PracticeTaskDef } from "~/modules/catalog";

/** General cue words for each ingredient of a prompt, any language's learner may use (lesson prompting-well). */
const INGREDIENT_CUES: Record<string, LocalizedList> = {
  context: {
    fr: ["je suis", "nous sommes", "contexte", "pour une", "pour un", "notre", "nos clients", "public"],
    ar: ["انا", "نحن", "سياق", "لفائده", "جمهور", "زبناء"],
    en: ["i am", "we are", "context", "our", "audience", "for a"],
  },
  task: {
    fr: ["redige", "ecris", "resume", "propose", "traduis", "corrige", "genere", "tache"],
    ar: ["اكتب", "حرر", "لخص", "اقترح", "ترجم", "صحح", "مهمه"],
    en: ["write", "draft", "summarise", "summarize", "suggest", "translate", "create", "task"],
  },
  constraints: {
    fr: ["maximum", "au plus", "mots", "ton ", "n'invente", "ne pas", "sans ", "evite", "registre"],
    ar: ["على الاكثر", "كلمه", "لا تخترع", "لا ت", "دون", "تجنب", "نبره", "اسلوب"],
    en: ["maximum", "at most", "words", "tone", "do not", "don't", "without", "avoid", "no more than"],
  },
  format: {
    fr: ["format", "liste", "puces", "tableau", "titre", "paragraphe", "lignes", "json"],
    ar: ["شكل", "قائمه", "نقاط", "جدول", "عنوان", "فقره", "اسطر", "json"],
    en: ["format", "list", "bullet", "table", "title", "paragraph", "lines", "json"],
  },
  sources: {
    fr: ["source", "uniquement", "seulement", "ci-dessous", "document", "fiche", "exemple"],
    ar: ["مصدر", "فقط", "ادناه", "وثيقه", "الوثيقه", "مثال", "بطاقه"],
    en: ["source", "only", "below", "document", "sheet", "example"],
  },
};

/** Personal data a prompt or draft should not carry (lesson privacy-and-law-09-08): CNIE numbers, phones, e-mails. */
const PERSONAL_DATA = [/\b[A-Z]{1,2}\d{5,7}\b/, /(?:\+212|\b0)[5-7](?:[\s.-]?\d{2}){4}\b/, /[\w.+-]+@[\w-]+\.[\w.]+/];

export function countWords(text: string) {
  return text.split(/[\s\u200f\u200e]+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

function containsAny(normalizedText: string, phrases: readonly string[] | undefined) {
  return (phrases ?? []).some((phrase) => {
    const needle = normalizeForSearch(phrase);
    return needle !== "" && normalizedText.includes(needle);
  });
}

export type RubricResult = { id: string; met: boolean };
export type ConstraintResult =
  | { kind: "max_words" | "min_words"; value: number; count: number; ok: boolean }
  | { kind: "must_include" | "must_not_include"; index: number; ok: boolean; found: string[] };
export type WrittenFeedback = {
  kind: "write_prompt" | "improve_draft";
  words: number;
  rubric: RubricResult[];
  constraints: ConstraintResult[];
  personalData: boolean;
  /** Every rubric line met and every constraint respected. */
  complete: boolean;
};

/** Feedback on a prompt (write_prompt) or a rewrite (improve_draft). */
export function checkWrittenAnswer(task: PracticeTaskDef, text: string, language: ContentLanguage): WrittenFeedback {
  if (task.kind === "check_answer") throw new Error("checkWrittenAnswer: not a written task");
  const normalized = normalizeForSearch(text);
  const rubric = task.rubric.map((line) => ({
    id: line.id,
    met: containsAny(normalized, line.keywords[language]) || (task.kind === "write_prompt" && containsAny(normalized, INGREDIENT_CUES[line.id]?.[language])),
  }));
  const words = countWords(text);
  const constraints: ConstraintResult[] = task.constraints.map((constraint, index) => {
    if ("value" in constraint) {
      const ok = constraint.kind === "max_words" ? words <= constraint.value : words >= constraint.value;
      return { kind: constraint.kind, value: constraint.value, count: words, ok };
    }
    const found: string[] = (constraint.any[language] ?? []).filter((phrase) => containsAny(normalized, [phrase]));
    return { kind: constraint.kind, index, found, ok: constraint.kind === "must_include" ? found.length > 0 : found.length === 0 };
  });
  const personalData = PERSONAL_DATA.some((pattern) => pattern.test(text));
  return {
    kind: task.kind,
    words,
    rubric,
    constraints,
    personalData,
    complete: rubric.every((r) => r.met) && constraints.every((c) => c.ok) && !personalData && words > 0,
  };
}

export type Marks = Record<string, { wrong: boolean; why: string }>;
export type SentenceResult = {
  id: string;
  /** found: a planted error marked; missed: one not marked; false_alarm: a correct sentence marked; ok: left alone. */
  status: "found" | "missed" | "false_alarm" | "ok";
  /** For a found error: whether the explanation names the problem (one of the error's keywords). */
  explained: boolean | null;
};
export type CheckFeedback = { kind: "check_answer"; sentences: SentenceResult[]; found: number; errors: number; falseAlarms: number; complete: boolean };

/** Feedback on a check_answer task: immediate, fully offline. */
export function checkMarkedAnswer(task: PracticeTaskDef, marks: Marks, language: ContentLanguage): CheckFeedback {
  const sentences: SentenceResult[] = task.aiText.map((sentence) => {
    const mark = marks[sentence.id];
    const marked = mark?.wrong === true;
    if (sentence.error) {
      if (!marked) return { id: sentence.id, status: "missed", explained: null };
      return { id: sentence.id, status: "found", explained: containsAny(normalizeForSearch(mark?.why ?? ""), sentence.error.keywords[language]) };
    }
    return { id: sentence.id, status: marked ? "false_alarm" : "ok", explained: null };
  });
  const found = sentences.filter((s) => s.status === "found").length;
  const errors = task.aiText.filter((s) => s.error).length;
  const falseAlarms = sentences.filter((s) => s.status === "false_alarm").length;
  return { kind: "check_answer", sentences, found, errors, falseAlarms, complete: found === errors && falseAlarms === 0 };
}

export type PracticeFeedback = WrittenFeedback | CheckFeedback;
