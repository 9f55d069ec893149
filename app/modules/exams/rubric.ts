// The local default grading assistant for open responses, used when no AI key is configured. It only SUGGESTS a
// rubric score; an instructor confirms or changes it in the review queue before any result is final. Pure and
// deterministic: no Prisma, no Remix, no I/O.
//
// Rules:
//  - The answer and every keyword are normalised with normalizeAnswerText (case, accents, Arabic letter variants,
//    diacritics, tatweel, digits, punctuation → spaces) and split into words at spaces.
//  - A keyword matches when its words occur consecutively, as whole words, in the answer: "pay" does not match
//    "payment", "agent" does match "l'agent" (the apostrophe separates words). Two light, documented tolerances:
//      * Latin script: a word also matches with a final "s" or "es" removed, on either side ("reports" ~ "report");
//      * Arabic script: an answer word also matches without its attached proclitics — the conjunctions و ف, then
//        the prepositions ب ل ك, then the article ال (and لل = ل + ال) — and a keyword word also matches without
//        its article ال ("والتقرير" and "تقرير" both match the keyword "التقرير").
//  - For each criterion, the keywords in the answer's language are tried first; if none of them matches (or the
//    criterion has none in that language), the keywords of the other languages are tried, so an answer written in
//    another language of the course still gets a suggestion.
//  - A criterion earns all its points when at least one keyword matches, else 0. `matchedKeywords` lists the
//    matching keywords as written in exam.yaml.
import { CONTENT_LANGUAGES, type ContentLanguage } from "../catalog/content/types";
import { roundPoints } from "./grading";
import { parseRubric, type RubricCriterion } from "./items";
import { normalizeAnswerText } from "./normalize";

export type CriterionSuggestion = { id: string; points: number; maxPoints: number; matchedKeywords: string[] };

export type RubricSuggestion = {
  points: number;
  maxPoints: number;
  criteria: CriterionSuggestion[];
  /** Short English text for the reviewer, saying this is a keyword-based suggestion. */
  justification: string;
};

const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3]/;
const LATIN_LETTER = /[a-z]/;
const CONJUNCTIONS = ["", "\u0648", "\u0641"]; // و ف
const PREPOSITIONS = ["", "\u0628", "\u0644", "\u0643"]; // ب ل ك
const ARTICLE = "\u0627\u0644"; // ال
const LI_ARTICLE = "\u0644\u0644"; // لل
const MIN_STEM = 2;

function latinForms(word: string, forms: Set<string>): void {
  if (!LATIN_LETTER.test(word)) return;
  if (word.length > 3 && word.endsWith("s")) forms.add(word.slice(0, -1));
  if (word.length > 4 && word.endsWith("es")) forms.add(word.slice(0, -2));
}

/** The forms under which an answer word can match a keyword word. */
function answerForms(word: string): Set<string> {
  const forms = new Set([word]);
  latinForms(word, forms);
  if (!ARABIC_LETTER.test(word)) return forms;
  for (const conjunction of CONJUNCTIONS) {
    if (!word.startsWith(conjunction)) continue;
    const afterConjunction = word.slice(conjunction.length);
    if (afterConjunction.startsWith(LI_ARTICLE)) forms.add(afterConjunction.slice(LI_ARTICLE.length));
    for (const preposition of PREPOSITIONS) {
      if (!afterConjunction.startsWith(preposition)) continue;
      const stem = afterConjunction.slice(preposition.length);
      forms.add(stem);
      if (stem.startsWith(ARTICLE)) forms.add(stem.slice(ARTICLE.length));
    }
  }
  return new Set([...forms].filter((form) => form.length >= MIN_STEM));
}

/** The forms under which a keyword word can be matched. */
function keywordForms(word: string): Set<string> {
  const forms = new Set([word]);
  latinForms(word, forms);
  if (word.startsWith(ARTICLE) && word.length - ARTICLE.length >= MIN_STEM) forms.add(word.slice(ARTICLE.length));
  return forms;
}

function words(text: string): string[] {
  const normalized = normalizeAnswerText(text);
  return normalized === "" ? [] : normalized.split(" ");
}

/** True when the keyword's words occur consecutively, as whole words, among the answer's words. */
function containsKeyword(answer: ReadonlyArray<Set<string>>, keyword: string): boolean {
  const keywordWords = words(keyword).map(keywordForms);
  if (keywordWords.length === 0 || keywordWords.length > answer.length) return false;
  for (let start = 0; start + keywordWords.length <= answer.length; start++) {
    const matches = keywordWords.every((forms, offset) => {
      for (const form of answer[start + offset]) if (forms.has(form)) return true;
      return false;
    });
    if (matches) return true;
  }
  return false;
}

function suggestCriterion(
  criterion: RubricCriterion,
  answer: ReadonlyArray<Set<string>>,
  language: ContentLanguage
): CriterionSuggestion {
  const own = criterion.keywords[language] ?? [];
  const others = [
    ...new Set(
      CONTENT_LANGUAGES.filter((other) => other !== language).flatMap((other) => criterion.keywords[other] ?? [])
    ),
  ].filter((keyword) => !own.includes(keyword));
  let matchedKeywords = own.filter((keyword) => containsKeyword(answer, keyword));
  if (matchedKeywords.length === 0) matchedKeywords = others.filter((keyword) => containsKeyword(answer, keyword));
  const maxPoints = roundPoints(criterion.points);
  return { id: criterion.id, points: matchedKeywords.length > 0 ? maxPoints : 0, maxPoints, matchedKeywords };
}

function quoteList(keywords: readonly string[]): string {
  const shown = keywords.slice(0, 3).map((keyword) => `"${keyword}"`);
  return keywords.length > 3 ? `${shown.join(", ")}, …` : shown.join(", ");
}

function justify(criteria: readonly CriterionSuggestion[], points: number, maxPoints: number, blank: boolean): string {
  const intro = "Keyword-based suggestion (local rubric keyword matcher, not AI)";
  const outro = "An instructor must confirm or change this score.";
  if (criteria.length === 0) return `${intro}: the rubric could not be read, so no score is suggested. ${outro}`;
  if (blank) return `${intro}: the answer is empty, 0/${maxPoints} points. ${outro}`;
  const matched = criteria.filter((criterion) => criterion.matchedKeywords.length > 0);
  const missed = criteria.filter((criterion) => criterion.matchedKeywords.length === 0);
  const parts = [`${intro}: ${matched.length} of ${criteria.length} criteria matched, ${points}/${maxPoints} points.`];
  if (matched.length > 0) {
    parts.push(
      `Matched: ${matched.map((criterion) => `${criterion.id} (${quoteList(criterion.matchedKeywords)})`).join("; ")}.`
    );
  }
  if (missed.length > 0) parts.push(`No keyword found for: ${missed.map((criterion) => criterion.id).join(", ")}.`);
  parts.push(outro);
  return parts.join(" ");
}

/**
 * Suggests a rubric score for an open answer (rules at the top of this file). `rubric` is the item's `rubric` as
 * written in exam.yaml (ExamItemDef["rubric"]) or already parsed; an unreadable rubric yields no criteria and 0/0.
 */
export function suggestRubricScore(input: {
  rubric: unknown;
  text: string;
  language: ContentLanguage;
}): RubricSuggestion {
  const rubric = parseRubric(input.rubric) ?? [];
  const text = typeof input.text === "string" ? input.text : "";
  const answer = words(text).map(answerForms);
  const criteria = rubric.map((criterion) => suggestCriterion(criterion, answer, input.language));
  const points = roundPoints(criteria.reduce((sum, criterion) => sum + criterion.points, 0));
  const maxPoints = roundPoints(criteria.reduce((sum, criterion) => sum + criterion.maxPoints, 0));
  return { points, maxPoints, criteria, justification: justify(criteria, points, maxPoints, answer.length === 0) };
}
