// Text preparation for the tutor's retrieval, identical for lessons and questions. Pure: no Prisma, no Remix.
// PostgreSQL's parser and Snowball stemmers (to_tsvector with the language's configuration) do the stemming; this
// file only normalises what they cannot: accents and Arabic spelling variants (as the catalogue search does), and
// the Arabic clitics the Arabic stemmer leaves attached (و/ف + ال, ب/ل/ك + ال, لل).
import type { ContentLanguage } from "~/modules/catalog";
import { normalizeForSearch } from "~/modules/catalog";

/** The PostgreSQL text-search configuration for each language (all exist on PostgreSQL 15 and PGlite 0.5). */
export const SEARCH_CONFIG: Record<ContentLanguage, "french" | "arabic" | "english"> = {
  fr: "french",
  ar: "arabic",
  en: "english",
};

const ARABIC_WORD = /[\u0621-\u064A]+/g;
/** Conjunction or preposition + article, then the article alone; the rest of the word must keep 2+ letters. */
const ARABIC_PREFIXES = ["وال", "فال", "بال", "كال", "لل", "ال"];

/** Strips the article and the clitics attached before it: "والمعطيات" → "معطيات", "للمتعلمين" → "متعلمين". */
export function stripArabicClitics(word: string): string {
  for (const prefix of ARABIC_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 2) return word.slice(prefix.length);
  }
  return word;
}

/** What is given to to_tsvector for a lesson passage or a question in `language`. */
export function prepareForIndex(text: string, language: ContentLanguage): string {
  const normalized = normalizeForSearch(text);
  return language === "ar" ? normalized.replace(ARABIC_WORD, stripArabicClitics) : normalized;
}
