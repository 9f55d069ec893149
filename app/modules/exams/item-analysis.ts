// Item analysis of an exam version for instructors (in the spirit of Moodle's quiz statistics report): how easy each
// item was, whether it separates stronger from weaker learners, how often each option was chosen, and flags for
// dubious items; plus the CSV export. Pure: no Prisma, no Remix, no I/O.
//
// Definitions, for one item, over the n graded attempts in which it was drawn (an attempt in which the item still
// "needs_review" has no score for it yet and is left out for that item):
//
//   x_i   = points_i / maxPoints_i                   the item score of attempt i, 0..1
//   y_i   = (P_i − points_i) / (M_i − maxPoints_i)   the score on the REST of the test, 0..1, where P_i and M_i are
//                                                     the attempt's total points and total maximum (all its grades).
//                                                     A fraction rather than raw points because random draws give
//                                                     attempts different maxima; with equal maxima it is the raw
//                                                     rest score scaled, which leaves the correlation unchanged.
//                                                     0 when the rest of the test is worth nothing.
//
//   facility F          = mean(x) = Σx_i / n (Moodle's "facility index", here 0..1). Null when n = 0.
//
//   discrimination r    = Pearson correlation between x and y (Moodle's "discrimination index": item score against
//                         the rest of the test, so the item is not correlated with itself; for a right/wrong item it
//                         is the point-biserial correlation):
//                                 r = Σ(x_i − x̄)(y_i − ȳ) / √( Σ(x_i − x̄)² · Σ(y_i − ȳ)² )
//                         Null when n < 2 or when either variance is zero (everyone scored the same on the item or
//                         on the rest: the correlation is undefined).
//
//   discriminationIndex27 D = F(upper) − F(lower), the classic upper–lower index (Kelley's 27 %): the attempts are
//                         ranked by their total percent (ties broken by attempt id, so the result is reproducible),
//                         k = max(1, round(0.27 · n)); "upper" are the k best, "lower" the k worst. −1..1. Null when
//                         n < 4.
//
//   optionFrequencies   for single, multiple and true_false: for each real option id (file order) or value (true,
//                         false), how many of the n attempts chose it, plus how many gave no answer (no response, or
//                         no recognised option). For multiple, an attempt counts once for each option it ticked, so
//                         the counts may add up to more than n. Null for the other types.
//
//   flags               "negative_discrimination"  r < 0 (the better learners on the rest of the test do worse on
//                                                  this item: a wrong key, an ambiguous wording, a trick question)
//                       "low_discrimination"       0 ≤ r < 0.2 and n ≥ 10 (a negative r has the flag above instead)
//                       "too_easy"                 F > 0.95 and n ≥ 10
//                       "too_hard"                 F < 0.1 and n ≥ 10
import { csvDecimal, safeCell, toCsv, type CsvSeparator } from "~/lib/csv";
import type { ContentLanguage, ExamItemDef, Localized } from "../catalog/content/types";
import type { ItemGrade, ItemResponse } from "./grading";
import { isRecord, parseItem, pickText, type ItemType } from "./items";

/** Below this many attempts an item's facility and a small positive discrimination say too little to flag. */
export const MIN_ATTEMPTS_FOR_FLAGS = 10;
export const LOW_DISCRIMINATION = 0.2;
export const TOO_EASY_FACILITY = 0.95;
export const TOO_HARD_FACILITY = 0.1;
/** Share of attempts in each of the upper and lower groups of `discriminationIndex27`. */
export const EXTREME_GROUP_SHARE = 0.27;

export type ItemFlag = "negative_discrimination" | "low_discrimination" | "too_easy" | "too_hard";

export type AnalysedAttempt = {
  attemptId: string;
  /** The attempt's total percent (0..100), used to rank attempts for the 27 % index. */
  totalPercent: number;
  /** The attempt's grades, one per drawn item (ExamAttempt.grades.items). */
  grades: ItemGrade[];
  /** Grading responses (real ids, see view.ts `toGradingResponse`) per item id; null or missing = no answer. */
  responses: Readonly<Record<string, ItemResponse | null | undefined>>;
};

export type OptionFrequency = {
  /** The real option id, or "true" / "false" for a true/false item. */
  id: string;
  /** The option's text (null for true/false values). */
  text: Localized | null;
  correct: boolean;
  count: number;
};

export type OptionFrequencies = { options: OptionFrequency[]; noAnswer: number };

export type ItemAnalysisRow = {
  itemId: string;
  type: ItemType;
  pool: string;
  prompt: Localized;
  maxPoints: number;
  /** How many attempts had the item (and a score for it). */
  attempts: number;
  /** Mean points, rounded to 2 decimals; null when attempts = 0. */
  meanPoints: number | null;
  facility: number | null;
  discrimination: number | null;
  discriminationIndex27: number | null;
  optionFrequencies: OptionFrequencies | null;
  flags: ItemFlag[];
};

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Pearson correlation; null when fewer than 2 pairs or a variance is (numerically) zero. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const EPSILON = 1e-12;
  if (sxx <= EPSILON || syy <= EPSILON) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** `responses` are grading responses (typed `unknown` so that anything malformed simply counts as no answer). */
function optionFrequencies(item: ExamItemDef, responses: readonly unknown[]): OptionFrequencies | null {
  const parsed = parseItem(item);
  if (!parsed) return null;
  if (parsed.type === "true_false") {
    const counts = { true: 0, false: 0 };
    let noAnswer = 0;
    for (const response of responses) {
      const value = isRecord(response) ? response.value : undefined;
      if (value === true || value === "true") counts.true += 1;
      else if (value === false || value === "false") counts.false += 1;
      else noAnswer += 1;
    }
    return {
      options: [
        { id: "true", text: null, correct: parsed.answer, count: counts.true },
        { id: "false", text: null, correct: !parsed.answer, count: counts.false },
      ],
      noAnswer,
    };
  }
  if (parsed.type !== "single" && parsed.type !== "multiple") return null;
  const counts = new Map<string, number>(parsed.options.map((option) => [option.id, 0]));
  let noAnswer = 0;
  for (const response of responses) {
    const raw: unknown[] = !isRecord(response) ? [] : parsed.type === "single" ? [response.optionId] : Array.isArray(response.optionIds) ? response.optionIds : [];
    const chosen = new Set(raw.filter((id): id is string => typeof id === "string" && counts.has(id)));
    if (chosen.size === 0) noAnswer += 1;
    for (const id of chosen) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return {
    options: parsed.options.map((option) => ({ id: option.id, text: option.text, correct: option.correct, count: counts.get(option.id) ?? 0 })),
    noAnswer,
  };
}

function flagsFor(n: number, facility: number | null, discrimination: number | null): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (discrimination !== null && discrimination < 0) flags.push("negative_discrimination");
  else if (discrimination !== null && discrimination < LOW_DISCRIMINATION && n >= MIN_ATTEMPTS_FOR_FLAGS) flags.push("low_discrimination");
  if (facility !== null && n >= MIN_ATTEMPTS_FOR_FLAGS) {
    if (facility > TOO_EASY_FACILITY) flags.push("too_easy");
    if (facility < TOO_HARD_FACILITY) flags.push("too_hard");
  }
  return flags;
}

/** Item statistics per item of `items` (in that order), over `attempts` (see the definitions at the top). */
export function analyseItems(input: { attempts: readonly AnalysedAttempt[]; items: readonly ExamItemDef[] }): ItemAnalysisRow[] {
  const totals = new Map(
    input.attempts.map((attempt) => [
      attempt.attemptId,
      {
        points: attempt.grades.reduce((sum, grade) => sum + grade.points, 0),
        maxPoints: attempt.grades.reduce((sum, grade) => sum + grade.maxPoints, 0),
      },
    ]),
  );
  return input.items.map((item) => {
    const samples: Array<{ attempt: AnalysedAttempt; x: number; y: number }> = [];
    for (const attempt of input.attempts) {
      const grade = attempt.grades.find((candidate) => candidate.itemId === item.id);
      if (!grade || grade.status === "needs_review" || !(grade.maxPoints > 0)) continue;
      const total = totals.get(attempt.attemptId) ?? { points: 0, maxPoints: 0 };
      const restMax = total.maxPoints - grade.maxPoints;
      samples.push({
        attempt,
        x: grade.points / grade.maxPoints,
        y: restMax > 1e-9 ? (total.points - grade.points) / restMax : 0,
      });
    }
    const n = samples.length;
    const facility = n > 0 ? mean(samples.map((s) => s.x)) : null;
    const discrimination = pearson(
      samples.map((s) => s.x),
      samples.map((s) => s.y),
    );
    let discriminationIndex27: number | null = null;
    if (n >= 4) {
      const ranked = [...samples].sort(
        (a, b) => b.attempt.totalPercent - a.attempt.totalPercent || (a.attempt.attemptId < b.attempt.attemptId ? -1 : a.attempt.attemptId > b.attempt.attemptId ? 1 : 0),
      );
      const k = Math.max(1, Math.round(EXTREME_GROUP_SHARE * n));
      discriminationIndex27 = mean(ranked.slice(0, k).map((s) => s.x)) - mean(ranked.slice(n - k).map((s) => s.x));
    }
    const grades = samples.map((s) => s.attempt.grades.find((g) => g.itemId === item.id));
    const maxPoints = grades[0]?.maxPoints ?? item.points;
    return {
      itemId: item.id,
      type: item.type,
      pool: item.pool,
      prompt: item.prompt,
      maxPoints,
      attempts: n,
      meanPoints: n > 0 ? Math.round((mean(grades.map((g) => g?.points ?? 0)) + Number.EPSILON) * 100) / 100 : null,
      facility,
      discrimination,
      discriminationIndex27,
      optionFrequencies: optionFrequencies(
        item,
        samples.map((s) => (Object.hasOwn(s.attempt.responses, item.id) ? s.attempt.responses[item.id] : null)),
      ),
      flags: flagsFor(n, facility, discrimination),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// CSV export

const HEADERS: Record<ContentLanguage, readonly string[]> = {
  fr: ["Item", "Type", "Pool", "Énoncé", "Points max", "Tentatives", "Points moyens", "Facilité", "Discrimination", "Indice 27 %", "Fréquences des options", "Sans réponse", "Alertes"],
  en: ["Item", "Type", "Pool", "Prompt", "Max points", "Attempts", "Mean points", "Facility", "Discrimination", "27% index", "Option frequencies", "No answer", "Flags"],
  ar: ["البند", "النوع", "المجموعة", "نص السؤال", "النقاط القصوى", "المحاولات", "متوسط النقاط", "معامل السهولة", "معامل التمييز", "مؤشر 27٪", "تكرار الخيارات", "بدون إجابة", "تنبيهات"],
};

const TRUE_FALSE_LABELS: Record<ContentLanguage, { true: string; false: string }> = {
  fr: { true: "Vrai", false: "Faux" },
  en: { true: "True", false: "False" },
  ar: { true: "صحيح", false: "خطأ" },
};

function optionsCell(frequencies: OptionFrequencies | null, language: ContentLanguage): string {
  if (!frequencies) return "";
  return frequencies.options
    .map((option) => {
      const label = option.text
        ? `${option.id} ${pickText(option.text, language)}`
        : TRUE_FALSE_LABELS[language][option.id === "true" ? "true" : "false"];
      return `${label}${option.correct ? " (✓)" : ""}: ${option.count}`;
    })
    .join("; ");
}

/**
 * The rows as CSV (app/lib/csv.ts: BOM, CRLF, RFC 4180 quoting, the reader's separator and decimal mark), a header
 * row in `language`, one line per item. Facility and discrimination have 3 decimals,
 * points 2; an empty cell means "not defined" (see the definitions at the top). Prompts and option texts are in
 * `language` (fallback French, English, Arabic); flags keep their codes.
 */
export function itemAnalysisCsv(rows: readonly ItemAnalysisRow[], { language, separator }: { language: ContentLanguage; separator: CsvSeparator }): string {
  const formatNumber = (value: number | null, decimals: number) => csvDecimal(value, decimals, separator);
  const lines = [HEADERS[language]];
  for (const row of rows) {
    lines.push([
      safeCell(row.itemId),
      row.type,
      safeCell(row.pool),
      safeCell(pickText(row.prompt, language)),
      formatNumber(row.maxPoints, 2),
      String(row.attempts),
      formatNumber(row.meanPoints, 2),
      formatNumber(row.facility, 3),
      formatNumber(row.discrimination, 3),
      formatNumber(row.discriminationIndex27, 3),
      safeCell(optionsCell(row.optionFrequencies, language)),
      row.optionFrequencies ? String(row.optionFrequencies.noAnswer) : "",
      row.flags.join(" "),
    ]);
  }
  return toCsv(lines, separator);
}
