// The local skill suggester: which skills of the taxonomy a job description mentions, by its labels and the keyword
// lists of skill-keywords.ts. Pure and deterministic, so it runs offline and its suggestions can be explained
// ("the text mentions: irrigation, capteurs").
import { normalizeForSearch } from "~/modules/catalog";
import { SKILL_KEYWORDS, type SkillKeywords } from "./skill-keywords";

export type TaxonomySkill = { id: string; label: Partial<Record<"fr" | "ar" | "en", string>> };
export type KeywordSuggestion = { skillId: string; matched: string[] };

/** At most this many suggestions: beyond that the employer is better served picking from the list. */
export const MAX_SUGGESTIONS = 8;

const ARABIC = /[\u0600-\u06FF]/;
// Attached prefixes (and, so, with, like, for, the, and their combinations) and endings (feminine, plurals,
// relative adjective, possessives), after normalizeForSearch has turned ة into ه and unified alef/yaa forms.
const ARABIC_PREFIXES = ["", "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "ول", "وك", "فب", "فل"];
const ARABIC_SUFFIXES = ["", "ه", "ات", "ي", "يه", "ين", "ون", "ها", "هم", "يات"];
const LATIN_SUFFIXES = ["", "s", "x", "e", "es"];

/** Normalised words: case, Latin accents, Arabic diacritics and letter variants ignored; punctuation splits words. */
export function tokenize(text: string): string[] {
  return normalizeForSearch(text.replace(/[^\p{L}\p{M}\p{N}]+/gu, " "))
    .split(" ")
    .filter(Boolean);
}

/** A keyword's own word, with a leading Arabic article dropped so "البيانات" and "بيانات" mean the same. */
function keywordWord(word: string) {
  return ARABIC.test(word) && word.startsWith("ال") && word.length > 4 ? word.slice(2) : word;
}

function wordMatches(textWord: string, keyword: string) {
  if (textWord === keyword) return true;
  if (ARABIC.test(keyword)) {
    return ARABIC_PREFIXES.some((prefix) => {
      if (!textWord.startsWith(prefix + keyword)) return false;
      return ARABIC_SUFFIXES.includes(textWord.slice(prefix.length + keyword.length));
    });
  }
  return textWord.startsWith(keyword) && LATIN_SUFFIXES.includes(textWord.slice(keyword.length));
}

/** Where the words of `phrase` appear one after the other in `words` (start indexes). */
function phraseStarts(words: readonly string[], phrase: readonly string[]) {
  const starts: number[] = [];
  if (phrase.length === 0) return starts;
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((keyword, i) => wordMatches(words[start + i], keyword))) starts.push(start);
  }
  return starts;
}

function containsPhrase(words: readonly string[], phrase: readonly string[]) {
  return phraseStarts(words, phrase).length > 0;
}

/** Whether `phrase` appears in `text` under the suggester's rules (used by the tests of the keyword lists). */
export function mentions(text: string, phrase: string) {
  return containsPhrase(tokenize(text), tokenize(phrase).map(keywordWord));
}

function phrasesFor(skill: TaxonomySkill, keywords: SkillKeywords | undefined) {
  const phrases = [skill.label.fr, skill.label.ar, skill.label.en, ...(keywords?.fr ?? []), ...(keywords?.ar ?? []), ...(keywords?.en ?? [])];
  return phrases.filter((p): p is string => typeof p === "string" && p.trim() !== "");
}

/**
 * The skills whose label or keywords appear in `text`, most mentioned first (ties keep the taxonomy's order), with
 * the phrases found. Skills with no keyword entry are still matched by their labels.
 */
export function suggestSkillsByKeywords({
  text,
  skills,
  keywords = SKILL_KEYWORDS,
  limit = MAX_SUGGESTIONS,
}: {
  text: string;
  skills: readonly TaxonomySkill[];
  keywords?: Readonly<Record<string, SkillKeywords>>;
  limit?: number;
}): KeywordSuggestion[] {
  const words = tokenize(text);
  if (words.length === 0) return [];
  const found: Array<KeywordSuggestion & { order: number }> = [];
  skills.forEach((skill, order) => {
    // Each stretch of the text counts once per skill: longer phrases are tried first, and a shorter one that only
    // overlaps what was already counted ("données personnelles" inside "protection des données personnelles", or
    // "hotel" after "hôtel") adds nothing.
    const phrases = phrasesFor(skill, keywords[skill.id])
      .map((phrase) => ({ phrase, words: tokenize(phrase).map(keywordWord) }))
      .filter((p) => p.words.length > 0)
      .sort((a, b) => b.words.length - a.words.length);
    const covered = new Set<number>();
    const matched: string[] = [];
    for (const { phrase, words: phraseWords } of phrases) {
      let counted = false;
      for (const start of phraseStarts(words, phraseWords)) {
        const span = phraseWords.map((_, i) => start + i);
        if (span.some((i) => covered.has(i))) continue;
        for (const i of span) covered.add(i);
        counted = true;
      }
      if (counted) matched.push(phrase);
    }
    if (matched.length > 0) found.push({ skillId: skill.id, matched, order });
  });
  return found
    .sort((a, b) => b.matched.length - a.matched.length || a.order - b.order)
    .slice(0, limit)
    .map(({ skillId, matched }) => ({ skillId, matched }));
}
