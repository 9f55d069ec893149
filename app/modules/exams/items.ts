// Typed views of exam items. The content loader keeps each item's type-specific keys exactly as written in
// exam.yaml (`ExamItemDef` has `[key: string]: unknown`); this module narrows them, with type guards only, into a
// discriminated union the grading, drawing and display code can rely on. Pure: no Prisma, no Remix, no I/O.
//
// The loader already validates every shipped item (`npm run content:check`), so `parseItem` returning null means
// a content bug or a hand-built item; callers degrade safely instead of throwing (see grading.ts and view.ts).
import { CONTENT_LANGUAGES, type ContentLanguage, type ExamItemDef, type Localized } from "../catalog/content/types";

export type ItemType = ExamItemDef["type"];

/** Lists of strings per language, e.g. short-text `accepted` answers or rubric `keywords`. */
export type LocalizedList = Partial<Record<ContentLanguage, string[]>>;

export type ChoiceOption = { id: string; text: Localized; correct: boolean };
export type OrderingEntry = { id: string; text: Localized };
export type MatchingPair = { id: string; left: Localized; right: Localized };
export type RubricCriterion = { id: string; description: Localized; points: number; keywords: LocalizedList };
export type MultipleScoring = "partial" | "all_or_nothing";

type ItemBase = { id: string; pool: string; points: number; prompt: Localized; explanation: Localized | null };

export type SingleItem = ItemBase & { type: "single"; options: ChoiceOption[] };
export type MultipleItem = ItemBase & { type: "multiple"; options: ChoiceOption[]; scoring: MultipleScoring };
export type TrueFalseItem = ItemBase & { type: "true_false"; answer: boolean };
export type NumericItem = ItemBase & { type: "numeric"; answer: number; tolerance: number; unit: Localized | null };
export type ShortTextItem = ItemBase & { type: "short_text"; accepted: LocalizedList };
export type OrderingItem = ItemBase & { type: "ordering"; items: OrderingEntry[] };
export type MatchingItem = ItemBase & { type: "matching"; pairs: MatchingPair[] };
export type OpenItem = ItemBase & { type: "open"; rubric: RubricCriterion[] };

export type ParsedItem =
  | SingleItem
  | MultipleItem
  | TrueFalseItem
  | NumericItem
  | ShortTextItem
  | OrderingItem
  | MatchingItem
  | OpenItem;

// ---------------------------------------------------------------------------------------------------------------
// Type guards

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function isContentLanguage(value: unknown): value is ContentLanguage {
  return CONTENT_LANGUAGES.some((language) => language === value);
}

/** A `{ fr, ar, en }` map with at least one non-empty text; other keys are ignored. */
export function parseLocalized(value: unknown): Localized | null {
  if (!isRecord(value)) return null;
  const result: Localized = {};
  for (const language of CONTENT_LANGUAGES) {
    const text = value[language];
    if (isNonEmptyString(text)) result[language] = text;
  }
  return Object.keys(result).length > 0 ? result : null;
}

/** A `{ fr: [..], ar: [..] }` map of non-empty string lists with at least one entry overall. */
export function parseLocalizedList(value: unknown): LocalizedList | null {
  if (!isRecord(value)) return null;
  const result: LocalizedList = {};
  let count = 0;
  for (const language of CONTENT_LANGUAGES) {
    const list = value[language];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return null;
    const strings = list.filter(isNonEmptyString);
    if (strings.length !== list.length) return null;
    result[language] = strings;
    count += strings.length;
  }
  return count > 0 ? result : null;
}

/** Parses every entry of a list with `parse`; null when the value is not a list, an entry is unusable or an id repeats. */
function parseEntries<T extends { id: string }>(
  value: unknown,
  min: number,
  parse: (entry: Record<string, unknown>, id: string) => T | null
): T[] | null {
  if (!Array.isArray(value) || value.length < min) return null;
  const seen = new Set<string>();
  const result: T[] = [];
  for (const entry of value) {
    if (!isRecord(entry)) return null;
    const id = entry.id;
    if (!isNonEmptyString(id) || seen.has(id)) return null;
    seen.add(id);
    const parsed = parse(entry, id);
    if (!parsed) return null;
    result.push(parsed);
  }
  return result;
}

function parseOptions(value: unknown): ChoiceOption[] | null {
  return parseEntries(value, 2, (entry, id) => {
    const text = parseLocalized(entry.text);
    const correct = entry.correct ?? false;
    if (!text || typeof correct !== "boolean") return null;
    return { id, text, correct };
  });
}

/** A rubric as written in exam.yaml (or already parsed); null when unusable. */
export function parseRubric(value: unknown): RubricCriterion[] | null {
  return parseEntries(value, 1, (entry, id) => {
    const description = parseLocalized(entry.description) ?? {};
    const keywords = parseLocalizedList(entry.keywords);
    const points = entry.points;
    if (!keywords || !isFiniteNumber(points) || points <= 0) return null;
    return { id, description, points, keywords };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// parseItem

const cache = new WeakMap<ExamItemDef, ParsedItem | null>();

/**
 * The item as a typed union, or null when its type-specific keys are missing or malformed (never throws).
 * Results are cached per item object: exam definitions are loaded once and never mutated.
 */
export function parseItem(item: ExamItemDef): ParsedItem | null {
  if (!isRecord(item)) return null;
  const cached = cache.get(item);
  if (cached !== undefined) return cached;
  const parsed = parseUncached(item);
  cache.set(item, parsed);
  return parsed;
}

function parseUncached(item: ExamItemDef): ParsedItem | null {
  const { id, pool, points } = item;
  const prompt = parseLocalized(item.prompt);
  if (!isNonEmptyString(id) || !isNonEmptyString(pool) || !isFiniteNumber(points) || points <= 0 || !prompt) {
    return null;
  }
  const base: ItemBase = { id, pool, points, prompt, explanation: parseLocalized(item.explanation) };
  switch (item.type) {
    case "single": {
      const options = parseOptions(item.options);
      if (!options || options.filter((option) => option.correct).length !== 1) return null;
      return { ...base, type: "single", options };
    }
    case "multiple": {
      const options = parseOptions(item.options);
      const scoring = item.scoring;
      if (!options || !options.some((option) => option.correct)) return null;
      if (scoring !== "partial" && scoring !== "all_or_nothing") return null;
      return { ...base, type: "multiple", options, scoring };
    }
    case "true_false": {
      const answer = item.answer;
      return typeof answer === "boolean" ? { ...base, type: "true_false", answer } : null;
    }
    case "numeric": {
      const { answer, tolerance } = item;
      if (!isFiniteNumber(answer) || !isFiniteNumber(tolerance) || tolerance < 0) return null;
      const unit = item.unit === undefined || item.unit === null ? null : parseLocalized(item.unit);
      return { ...base, type: "numeric", answer, tolerance, unit };
    }
    case "short_text": {
      const accepted = parseLocalizedList(item.accepted);
      return accepted ? { ...base, type: "short_text", accepted } : null;
    }
    case "ordering": {
      const items = parseEntries(item.items, 2, (entry, entryId) => {
        const text = parseLocalized(entry.text);
        return text ? { id: entryId, text } : null;
      });
      return items ? { ...base, type: "ordering", items } : null;
    }
    case "matching": {
      const pairs = parseEntries(item.pairs, 2, (entry, pairId) => {
        const left = parseLocalized(entry.left);
        const right = parseLocalized(entry.right);
        return left && right ? { id: pairId, left, right } : null;
      });
      return pairs ? { ...base, type: "matching", pairs } : null;
    }
    case "open": {
      const rubric = parseRubric(item.rubric);
      return rubric ? { ...base, type: "open", rubric } : null;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Language choice

/** Fallback order when a text is missing in the requested language. */
export const TEXT_FALLBACK: readonly ContentLanguage[] = ["fr", "en", "ar"];

/** The text in `language`, else French, English, Arabic (the first that exists); "" when there is none. */
export function pickText(text: Localized, language: ContentLanguage): string {
  const exact = text[language];
  if (isNonEmptyString(exact)) return exact;
  for (const fallback of TEXT_FALLBACK) {
    const candidate = text[fallback];
    if (isNonEmptyString(candidate)) return candidate;
  }
  return "";
}

/**
 * The ids in an item's shuffleable list: options (single, multiple), entries (ordering) or pairs (matching), in
 * file order; null for types with nothing to order.
 */
export function orderableIds(item: ParsedItem): string[] | null {
  switch (item.type) {
    case "single":
    case "multiple":
      return item.options.map((option) => option.id);
    case "ordering":
      return item.items.map((entry) => entry.id);
    case "matching":
      return item.pairs.map((pair) => pair.id);
    default:
      return null;
  }
}
