// Choosing which language to show a piece of content in. Pure, shared by server and UI.

const FALLBACK_ORDER = ["fr", "en", "ar"] as const;

export type Picked = { text: string; language: string; isFallback: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text in the reader's language, else the best available one (French, English, Arabic), flagged as such. */
export function pickLocalized(value: unknown, language: string): Picked {
  if (!isRecord(value)) return { text: "", language, isFallback: false };
  const exact = value[language];
  if (typeof exact === "string" && exact.length > 0) return { text: exact, language, isFallback: false };
  for (const candidate of FALLBACK_ORDER) {
    const text = value[candidate];
    if (typeof text === "string" && text.length > 0) return { text, language: candidate, isFallback: true };
  }
  return { text: "", language, isFallback: false };
}

/** Just the text (for titles and labels where a fallback needs no notice). */
export function localized(value: unknown, language: string) {
  return pickLocalized(value, language).text;
}

/** Which of the available languages to serve a lesson in: the reader's, else the best fallback. */
export function chooseLanguage(available: readonly string[], language: string): { language: string; isFallback: boolean } | null {
  if (available.includes(language)) return { language, isFallback: false };
  for (const candidate of FALLBACK_ORDER) if (available.includes(candidate)) return { language: candidate, isFallback: true };
  return available.length > 0 ? { language: available[0], isFallback: true } : null;
}
