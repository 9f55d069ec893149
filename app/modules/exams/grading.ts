// Deterministic grading of exam items and attempts. Pure: no Prisma, no Remix, no I/O, no clock, no randomness.
//
// Responses come from the browser, so `gradeItem` accepts `unknown` and never throws: anything missing, empty or
// malformed is "unanswered" with 0 points. Responses are in terms of the item's real ids (option, ordering-entry
// and pair ids as written in exam.yaml); the browser only sees display keys, which `toGradingResponse` (view.ts)
// turns back into these ids.
//
// Rules per item type (points are the item's `points`; every result is rounded to 2 decimals):
//  - single      { optionId }          full points iff optionId is the correct option. An id that is not one of the
//                                      item's options is malformed → unanswered.
//  - multiple    { optionIds }         duplicates ignored; ids that are not options of the item are ignored; an empty
//                                      selection is unanswered. `scoring: partial` (FORMAT.md): each correct option
//                                      chosen earns points/#correct, each wrong option chosen removes points/#correct,
//                                      floor 0. `scoring: all_or_nothing`: full points iff exactly the correct set.
//  - true_false  { value }             full points iff value equals the answer; value may be a boolean or the strings
//                                      "true"/"false" (form posts).
//  - numeric     { value }             a number, or a string read by `parseNumericAnswer` ("12,5" → 12.5); full points
//                                      iff |value − answer| ≤ tolerance (plus 1e-9 × max(1, |answer|) so that binary
//                                      floating point cannot reject e.g. 0.5 for 0.49 ± 0.01).
//  - short_text  { text }              full points iff normalizeAnswerText(text) equals the normalised form of any
//                                      accepted answer in ANY of the item's languages (a learner may answer in another
//                                      language of the course). Blank after normalisation → unanswered.
//  - ordering    { order }             order must be a permutation of the item's entry ids (else unanswered); points ×
//                                      (entries at their correct absolute position / number of entries).
//  - matching    { pairs }             Record<pair id of the left, pair id of the chosen right>; entries whose key is
//                                      not a pair id or whose value is not a string are ignored; none left →
//                                      unanswered. points × (correctly matched pairs / number of pairs).
//  - open        { text }              non-blank text → "needs_review" with 0 points until a human grades (the
//                                      reviewer's score is passed to gradeAttempt as `reviewedPoints`); blank →
//                                      unanswered (nothing to review).
// Status: "correct" when points = maxPoints, "incorrect" when 0, "partial" in between; "unanswered" and
// "needs_review" as above. An item whose definition cannot be parsed (a content bug; the loader prevents it) is
// "needs_review" with 0 points so a human looks at it instead of the learner silently losing the points.
import type { ContentLanguage, ExamItemDef, ExamPoolDef } from "../catalog/content/types";
import {
  isFiniteNumber,
  isRecord,
  parseItem,
  type ItemType,
  type MatchingItem,
  type MultipleItem,
  type NumericItem,
  type OrderingItem,
  type ShortTextItem,
  type SingleItem,
  type TrueFalseItem,
} from "./items";
import { normalizeAnswerText } from "./normalize";

// ---------------------------------------------------------------------------------------------------------------
// Responses

export type SingleResponse = { optionId: string };
export type MultipleResponse = { optionIds: string[] };
export type TrueFalseResponse = { value: boolean };
export type NumericResponse = { value: number | string };
export type ShortTextResponse = { text: string };
export type OrderingResponse = { order: string[] };
export type MatchingResponse = { pairs: Record<string, string> };
export type OpenResponse = { text: string };

/** The well-formed response for each item type (what the engine stores after translating display keys). */
export type ResponseFor = {
  single: SingleResponse;
  multiple: MultipleResponse;
  true_false: TrueFalseResponse;
  numeric: NumericResponse;
  short_text: ShortTextResponse;
  ordering: OrderingResponse;
  matching: MatchingResponse;
  open: OpenResponse;
};
export type ItemResponse = ResponseFor[ItemType];

// ---------------------------------------------------------------------------------------------------------------
// Grades

export type GradeStatus = "correct" | "partial" | "incorrect" | "unanswered" | "needs_review";

export type ItemGrade = {
  itemId: string;
  type: ItemType;
  maxPoints: number;
  /** Rounded to 2 decimals. */
  points: number;
  status: GradeStatus;
};

/** Rounds to 2 decimals (half away from zero for the positive values used here). */
export function roundPoints(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round((value + Math.sign(value) * Number.EPSILON) * 100) / 100;
}

/** A grade worth `earned` of `max`, with the status that follows from it. */
function scored(item: { id: string; type: ItemType }, max: number, earned: number): ItemGrade {
  const maxPoints = roundPoints(max);
  const points = Math.min(maxPoints, Math.max(0, roundPoints(earned)));
  const status: GradeStatus = points >= maxPoints ? "correct" : points <= 0 ? "incorrect" : "partial";
  return { itemId: item.id, type: item.type, maxPoints, points, status };
}

function withStatus(
  item: { id: string; type: ItemType },
  max: number,
  status: "unanswered" | "needs_review"
): ItemGrade {
  return { itemId: item.id, type: item.type, maxPoints: roundPoints(max), points: 0, status };
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers typed by learners

/**
 * Reads a number typed by a learner; null when it is not one. Accepts a finite number as is, or a string with:
 * surrounding spaces, a sign (+, -, or the Unicode minus −), Arabic-Indic or Eastern Arabic-Indic digits, an
 * optional trailing percent sign (% or ٪), and these separators:
 *  - decimal: "." or "," or the Arabic ٫. When both "," and "." occur, the rightmost kind is the decimal separator
 *    and must occur once ("1.234,5", "1,234.5"); a kind that occurs once on its own is decimal ("12,5" → 12.5,
 *    and so "1,234" → 1.234: French usage wins); a kind that occurs several times on its own is grouping
 *    ("1,000,000").
 *  - grouping: the other kind, spaces (including the no-break spaces French uses: "38 000") and the Arabic ٬; the
 *    groups must be well formed (1–3 digits, then groups of exactly 3), so "12 5" or "1,2,3.4" are not numbers.
 * No exponents, hexadecimal or letters.
 */
export function parseNumericAnswer(value: unknown): number | null {
  if (isFiniteNumber(value)) return value;
  if (typeof value !== "string") return null;
  const text = value
    .normalize("NFKC")
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\u066B/g, ".")
    .replace(/\u066C/g, " ")
    .replace(/\u2212/g, "-")
    .replace(/[\u061C\u200B-\u200F\u2066-\u2069]/g, "")
    .trim()
    .replace(/\s*[%\u066A]$/u, "");
  const signed = /^([+-]?)([\d\s.,]+)$/u.exec(text);
  if (!signed) return null;
  const [, sign, body] = signed;
  const commas = body.split(",").length - 1;
  const dots = body.split(".").length - 1;
  let decimal: "," | "." | null = null;
  if (commas > 0 && dots > 0) decimal = body.lastIndexOf(",") > body.lastIndexOf(".") ? "," : ".";
  else if (commas === 1) decimal = ",";
  else if (dots === 1) decimal = ".";
  if (decimal !== null && body.split(decimal).length !== 2) return null;
  const [integerPart, fraction = ""] = decimal === null ? [body] : body.split(decimal);
  if (!/^\d*$/.test(fraction)) return null;
  const groups = integerPart.split(/[\s.,]+/u);
  if (groups.length > 1 && !groups.every((group, index) => (index === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(group))) {
    return null;
  }
  const integer = groups.join("");
  if (integer === "" && fraction === "") return null;
  const parsed = Number(`${sign}${integer || "0"}.${fraction || "0"}`);
  return Number.isFinite(parsed) ? parsed : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading responses (type guards; anything else is unanswered)

function stringField(response: unknown, key: string): string | null {
  if (!isRecord(response)) return null;
  const value = response[key];
  return typeof value === "string" ? value : null;
}

function stringListField(response: unknown, key: string): string[] | null {
  if (!isRecord(response)) return null;
  const value = response[key];
  if (!Array.isArray(value)) return null;
  const strings: string[] = [];
  for (const entry of value) if (typeof entry === "string") strings.push(entry);
  return strings.length === value.length ? strings : null;
}

function booleanField(response: unknown, key: string): boolean | null {
  if (!isRecord(response)) return null;
  const value = response[key];
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Per type

function gradeSingle(item: SingleItem, response: unknown): ItemGrade {
  const optionId = stringField(response, "optionId");
  const option = item.options.find((candidate) => candidate.id === optionId);
  if (!option) return withStatus(item, item.points, "unanswered");
  return scored(item, item.points, option.correct ? item.points : 0);
}

function gradeMultiple(item: MultipleItem, response: unknown): ItemGrade {
  const chosenIds = new Set(stringListField(response, "optionIds") ?? []);
  const chosen = item.options.filter((option) => chosenIds.has(option.id));
  if (chosen.length === 0) return withStatus(item, item.points, "unanswered");
  const correctCount = item.options.filter((option) => option.correct).length;
  const right = chosen.filter((option) => option.correct).length;
  const wrong = chosen.length - right;
  if (item.scoring === "all_or_nothing") {
    return scored(item, item.points, right === correctCount && wrong === 0 ? item.points : 0);
  }
  const share = item.points / correctCount;
  return scored(item, item.points, Math.max(0, (right - wrong) * share));
}

function gradeTrueFalse(item: TrueFalseItem, response: unknown): ItemGrade {
  const value = booleanField(response, "value");
  if (value === null) return withStatus(item, item.points, "unanswered");
  return scored(item, item.points, value === item.answer ? item.points : 0);
}

function gradeNumeric(item: NumericItem, response: unknown): ItemGrade {
  const value = isRecord(response) ? parseNumericAnswer(response.value) : null;
  if (value === null) return withStatus(item, item.points, "unanswered");
  const slack = 1e-9 * Math.max(1, Math.abs(item.answer));
  return scored(item, item.points, Math.abs(value - item.answer) <= item.tolerance + slack ? item.points : 0);
}

function gradeShortText(item: ShortTextItem, response: unknown): ItemGrade {
  const text = normalizeAnswerText(stringField(response, "text") ?? "");
  if (text === "") return withStatus(item, item.points, "unanswered");
  const accepted = Object.values(item.accepted).flatMap((answers) => answers ?? []);
  const matches = accepted.some((answer) => normalizeAnswerText(answer) === text);
  return scored(item, item.points, matches ? item.points : 0);
}

function gradeOrdering(item: OrderingItem, response: unknown): ItemGrade {
  const order = stringListField(response, "order");
  const ids = item.items.map((entry) => entry.id);
  const isPermutation =
    order !== null &&
    order.length === ids.length &&
    new Set(order).size === ids.length &&
    order.every((id) => ids.includes(id));
  if (!order || !isPermutation) return withStatus(item, item.points, "unanswered");
  const inPlace = ids.filter((id, index) => order[index] === id).length;
  return scored(item, item.points, (item.points * inPlace) / ids.length);
}

function gradeMatching(item: MatchingItem, response: unknown): ItemGrade {
  const pairs = isRecord(response) ? response.pairs : undefined;
  if (!isRecord(pairs)) return withStatus(item, item.points, "unanswered");
  let answered = 0;
  let matched = 0;
  for (const pair of item.pairs) {
    if (!Object.hasOwn(pairs, pair.id)) continue;
    const chosen = pairs[pair.id];
    if (typeof chosen !== "string") continue;
    answered += 1;
    if (chosen === pair.id) matched += 1;
  }
  if (answered === 0) return withStatus(item, item.points, "unanswered");
  return scored(item, item.points, (item.points * matched) / item.pairs.length);
}

/** Grades one item (rules at the top of this file). Never throws. `language` is the attempt's language; no rule
 * depends on it today (short texts are matched in every language of the item). */
export function gradeItem(input: { item: ExamItemDef; response: unknown; language: ContentLanguage }): ItemGrade {
  const { item: definition, response } = input;
  const item = parseItem(definition);
  if (!item) {
    // A content bug (the loader rejects such items): keep the points at stake and let a human decide.
    const id = isRecord(definition) && typeof definition.id === "string" ? definition.id : "";
    const type = isRecord(definition) ? definition.type : "open";
    const points =
      isRecord(definition) && isFiniteNumber(definition.points) && definition.points > 0 ? definition.points : 0;
    return withStatus({ id, type }, points, "needs_review");
  }
  switch (item.type) {
    case "single":
      return gradeSingle(item, response);
    case "multiple":
      return gradeMultiple(item, response);
    case "true_false":
      return gradeTrueFalse(item, response);
    case "numeric":
      return gradeNumeric(item, response);
    case "short_text":
      return gradeShortText(item, response);
    case "ordering":
      return gradeOrdering(item, response);
    case "matching":
      return gradeMatching(item, response);
    case "open": {
      const text = stringField(response, "text") ?? "";
      return withStatus(item, item.points, text.trim() === "" ? "unanswered" : "needs_review");
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Attempts

export type SkillScore = { skill: string; points: number; maxPoints: number };

export type AttemptGrade = {
  /** One grade per item, in the order of `items`. */
  grades: ItemGrade[];
  points: number;
  maxPoints: number;
  /** points / maxPoints × 100, rounded to 2 decimals; 0 when maxPoints is 0. */
  percent: number;
  /** percent ≥ passMarkPercent; null while any item needs review. */
  isPassed: boolean | null;
  /** Points per skill (through each item's pool), in the order the pools are listed, then any unknown pool. */
  perSkill: SkillScore[];
};

/**
 * Grades an attempt: every item with `gradeItem`, then totals. `reviewedPoints` holds the scores a human gave to
 * items that need review (open responses): such an item gets that score (clamped to 0..maxPoints, rounded) and
 * the status that follows from it; a reviewed score for an item that does not need review is ignored.
 * The pass decision uses the rounded percent, so the figure shown and the decision never disagree. An item whose
 * pool is not among `pools` is counted under a skill named after its pool id.
 */
export function gradeAttempt(input: {
  items: readonly ExamItemDef[];
  pools: readonly ExamPoolDef[];
  responses: Readonly<Record<string, unknown>>;
  language: ContentLanguage;
  passMarkPercent: number;
  reviewedPoints?: Readonly<Record<string, number>>;
}): AttemptGrade {
  const { items, pools, responses, language, passMarkPercent } = input;
  const reviewed = input.reviewedPoints ?? {};
  const grades = items.map((item) => {
    const response = Object.hasOwn(responses, item.id) ? responses[item.id] : undefined;
    const grade = gradeItem({ item, response, language });
    const human = Object.hasOwn(reviewed, item.id) ? reviewed[item.id] : undefined;
    if (grade.status !== "needs_review" || !isFiniteNumber(human)) return grade;
    return scored({ id: grade.itemId, type: grade.type }, grade.maxPoints, human);
  });

  const points = roundPoints(grades.reduce((sum, grade) => sum + grade.points, 0));
  const maxPoints = roundPoints(grades.reduce((sum, grade) => sum + grade.maxPoints, 0));
  const percent = maxPoints > 0 ? roundPoints((points / maxPoints) * 100) : 0;
  const isPassed = grades.some((grade) => grade.status === "needs_review") ? null : percent >= passMarkPercent;

  const skillOfPool = new Map(pools.map((pool) => [pool.id, pool.skill]));
  const perSkill = new Map<string, SkillScore>();
  for (const pool of pools) {
    if (!perSkill.has(pool.skill)) perSkill.set(pool.skill, { skill: pool.skill, points: 0, maxPoints: 0 });
  }
  items.forEach((item, index) => {
    const skill = skillOfPool.get(item.pool) ?? item.pool;
    const entry = perSkill.get(skill) ?? { skill, points: 0, maxPoints: 0 };
    entry.points = roundPoints(entry.points + grades[index].points);
    entry.maxPoints = roundPoints(entry.maxPoints + grades[index].maxPoints);
    perSkill.set(skill, entry);
  });

  return {
    grades,
    points,
    maxPoints,
    percent,
    isPassed,
    perSkill: [...perSkill.values()].filter((entry) => entry.maxPoints > 0),
  };
}
