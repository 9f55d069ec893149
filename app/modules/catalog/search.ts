// Text normalisation for search, so a learner typing without accents or Arabic diacritics still finds a course.

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;

/** Lower-case, Latin accents removed, Arabic diacritics and tatweel removed, alef/yaa/taa marbuta forms unified. */
export function normalizeForSearch(text: string) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(ARABIC_DIACRITICS, "")
    .replace(TATWEEL, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .replace(/ؤ/g, "و")
    .replace(/ئ/g, "ي")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Every word of the query appears somewhere in the haystack (both normalised). */
export function matchesQuery(haystack: string, query: string) {
  const words = normalizeForSearch(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const normalized = normalizeForSearch(haystack);
  return words.every((w) => normalized.includes(w));
}
